package dev.tritium.fpga.hls;

import java.util.Objects;

/**
 * One argument of the exported top function. Inputs are read from {@code data/NAME.bin} by the
 * testbench; outputs are compared with {@code data/NAME.bin}. The same list produces the prototype,
 * the interface pragmas, the testbench and the golden files, so they cannot disagree.
 *
 * @param name C identifier and file stem
 * @param type element type
 * @param sizeMacro the kernel.h macro (or expression) giving the element count, e.g. {@code TOKENS * Q_PROJ_K}
 * @param count the element count
 * @param direction input array, input scalar (AXI-lite register) or output array
 * @param bundle the m_axi bundle of an array (gmem_w weights, gmem_a activations and parameters, gmem_o outputs)
 * @param comparison how an output is checked (ignored for inputs)
 * @param doc one line for the README and kernel.h
 */
public record Port(String name, CType type, String sizeMacro, int count, Direction direction, String bundle,
    Comparison comparison, String doc) {

  /** Data direction seen from the kernel. */
  public enum Direction { IN_ARRAY, IN_SCALAR, OUT_ARRAY }

  public Port {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(comparison, "comparison");
    if (count < 1) {
      throw new IllegalArgumentException("port " + name + " needs at least one element");
    }
  }

  static Port inArray(String name, CType type, String sizeMacro, int count, String bundle, String doc) {
    return new Port(name, type, sizeMacro, count, Direction.IN_ARRAY, bundle, Comparison.EXACT, doc);
  }

  static Port inScalar(String name, CType type, String doc) {
    return new Port(name, type, "1", 1, Direction.IN_SCALAR, "control", Comparison.EXACT, doc);
  }

  static Port output(String name, CType type, String sizeMacro, int count, Comparison comparison, String doc) {
    return new Port(name, type, sizeMacro, count, Direction.OUT_ARRAY, "gmem_o", comparison, doc);
  }

  /** The parameter declaration in the prototype. */
  String parameter() {
    return switch (direction) {
      case IN_SCALAR -> type.c() + " " + name;
      case IN_ARRAY -> "const " + type.c() + " " + name + "[" + sizeMacro + "]";
      case OUT_ARRAY -> type.c() + " " + name + "[" + sizeMacro + "]";
    };
  }

  /** The golden/input file name under data/. */
  String fileName() {
    return name + ".bin";
  }
}
