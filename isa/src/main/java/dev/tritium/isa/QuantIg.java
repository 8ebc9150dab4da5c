package dev.tritium.isa;

/**
 * QUANT.IG: per-row group quantization of fp32 values onto the symmetric integer grid of the integer weight formats
 * (Atom's activations), on the vector unit. For row r and group q of {@code group} consecutive values (0: the whole
 * row; the last group may be shorter) of src [rows][len] (fp32 in VEC, dense): {@code step = fp16(max|v| / (2^(b-1) -
 * 1))} (fp32 division, then rounding to binary16), {@code q = clamp(rint(v / step), -2^(b-1), 2^(b-1) - 1)} (0 when
 * the step is 0), b the width's bits. The codes go to ACT [rows][len] (one signed byte each), the steps to VEC
 * group-major: step (r, q) at {@code steps_addr + 4 (q rows + r)}, so one group's steps of all rows are contiguous
 * (isa/README.md).
 *
 * <p>{@code asymmetric} (SpinQuant's activations): the asymmetric grid instead, {@code lo = min(0, min v)},
 * {@code hi = max(0, max v)}, {@code step = fp16((hi - lo) / (2^b - 1))}, zero point
 * {@code z = clamp(rint(-lo / step), 0, 2^b - 1)}, {@code q = clamp(rint(v / step) + z, 0, 2^b - 1)}; the byte
 * written is the integer value {@code q - z} (so GEMM.IW needs no zero-point term). Only INT4: {@code q - z} lies in
 * [-15, 15], one signed byte (GEMM.IW reads it as an INT8 activation); with 8 bits it would need 9.
 */
public record QuantIg(Deps deps, long dstAddr, long srcAddr, long stepsAddr, int rows, int len, int group,
    IntWidth width, boolean asymmetric) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitQuantIg(this);
  }

  public QuantIg {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(width, "width");
  }

  /** The symmetric grid (Atom's activations): the record's original form. */
  public QuantIg(Deps deps, long dstAddr, long srcAddr, long stepsAddr, int rows, int len, int group,
      IntWidth width) {
    this(deps, dstAddr, srcAddr, stepsAddr, rows, len, group, width, false);
  }

  /** The group width (the whole row when group = 0). */
  public int groupWidth() {
    return group == 0 ? len : group;
  }

  /** Groups per row: ceil(len / group width). */
  public int groups() {
    int g = groupWidth();
    return g <= 0 ? 0 : (len + g - 1) / g;
  }

  @Override
  public Opcode opcode() {
    return Opcode.QUANT_IG;
  }

  @Override
  public QuantIg withDeps(Deps d) {
    return new QuantIg(d, dstAddr, srcAddr, stepsAddr, rows, len, group, width, asymmetric);
  }
}
