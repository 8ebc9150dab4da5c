package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The dense fp16 baseline on the command line: crosscheck and map of single projections on the default edge arch
 * (GEMM.F16 on its vector unit), and the refusal of a decoder layer, which does not take it yet.
 */
class DenseFormatCommandTest extends CliTestBase {

  @Test
  void crosscheckIsBitExactInDecodeAndPrefill() {
    assertEquals(0, run("crosscheck", "--arch", "edge-fpga", "--layer", "q_proj", "--format", "fp16", "--reduce",
        "8"), err.toString());
    assertTrue(out.toString().contains("vector_unit GEMM.F16") && out.toString().contains("crosscheck PASS: 1"),
        out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--arch", "edge-fpga", "--layer", "down_proj", "--format", "fp16", "--reduce",
        "8", "--phase", "prefill", "--tokens", "5"), err.toString());
    assertTrue(out.toString().contains("5 token(s)") && out.toString().contains("crosscheck PASS: 1"), out.toString());
  }

  @Test
  void mapPrintsTheTilingAndTheSimulatedCycles() {
    assertEquals(0, run("map", "--arch", "edge-fpga", "--layer", "up_proj", "--format", "fp16", "--reduce", "4"),
        err.toString());
    assertTrue(out.toString().contains("fp16 on the vector_unit (GEMM.F16)") && out.toString().contains("simulated:"),
        out.toString());
  }

  @Test
  void aDecoderLayerIsRefusedNamingTheProjectionPrograms() {
    assertEquals(2, run("map", "--arch", "edge-fpga", "--layer", "decoder", "--format", "fp16", "--reduce", "8"));
    assertTrue(err.toString().contains("runs as one program per projection") && err.toString().contains("GEMM.F16"),
        err.toString());
  }
}
