package dev.tritium.fpga.hls;

import java.util.List;
import java.util.Map;

/**
 * What one exported layer consists of: its stages (BitLinear shapes), the top function's ports, the
 * C body, and the golden data the Java reference engine computed for its seeded inputs.
 */
sealed interface LayerDesign permits BitLinearDesign, DecoderFfnDesign {

  /** Name of the top function (the HLS top). */
  String topName();

  /** Distinct BitLinear shapes, each with its own generated functions. */
  List<Stage> stages();

  /** Arguments of the top function in order. */
  List<Port> ports();

  /** Layer-level kernel.h constants (after TOKENS and the datapath constants). */
  void defines(CCode h);

  /** Vector-unit functions the top needs (the stages' quantize/dequantize/matmul are emitted for it). */
  void vectorFunctions(CCode c);

  /** Body of the top function after its interface pragmas; returns the invalid weight-code count. */
  void topBody(CCode c);

  /** File contents under data/, by port name: inputs and golden outputs. */
  Map<String, byte[]> data();

  /** One line for the README. */
  String description();

  /** Notes on numerics for the README (bounds, what is exact). */
  String numericsNote();
}
