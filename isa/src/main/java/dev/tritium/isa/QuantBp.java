package dev.tritium.isa;

/**
 * QUANT.BP: per-row quantization of fp32 values onto the asymmetric Q-bit integer grid, written as GEMM.BP's
 * activation rows (ABQ-LLM's per-token activations), on the vector unit. For row r of src [rows][len] (fp32 in VEC,
 * dense), in this order: {@code lo = min(0, min v)}, {@code hi = max(0, max v)} (fp32 compares),
 * {@code step = fp16((hi - lo) / (2^Q - 1))} (fp32 subtraction and division, then rounding to binary16);
 * when the step is 0 every code and the zero-point are 0, else {@code z = clamp(rint(-lo / step), 0, 2^Q - 1)} and
 * {@code u = clamp(rint(v / step) + z, 0, 2^Q - 1)} (fp32 divisions, rint half to even). Row r goes to ACT at
 * {@code dst_addr + r rowBytes(Q, len)} in GEMM.BP's layout (zero-point byte, then Q planes of ceil(len / 8) bytes,
 * unused bits 0); the step goes to VEC at {@code steps_addr + 4 r} (fp32). A step beyond binary16's range is an error
 * (isa/README.md). With {@code bytes} set (LUT.BUILD.BP's input) the same grid and steps are written as bytes instead:
 * row r at {@code dst_addr + r (1 + len)}, the zero-point byte then one byte per unsigned code.
 */
public record QuantBp(Deps deps, long dstAddr, long srcAddr, long stepsAddr, int rows, int len, int planes,
    boolean bytes) implements Instruction {

  public QuantBp {
    java.util.Objects.requireNonNull(deps, "deps");
  }

  /** QUANT.BP writing GEMM.BP's bit-plane rows. */
  public QuantBp(Deps deps, long dstAddr, long srcAddr, long stepsAddr, int rows, int len, int planes) {
    this(deps, dstAddr, srcAddr, stepsAddr, rows, len, planes, false);
  }

  /** Bytes of one written ACT row: GEMM.BP's row, or with {@code bytes} the zero-point byte and len code bytes. */
  public long rowBytes() {
    return bytes ? 1L + len : GemmBp.rowBytes(planes, len);
  }

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitQuantBp(this);
  }

  @Override
  public Opcode opcode() {
    return Opcode.QUANT_BP;
  }

  @Override
  public QuantBp withDeps(Deps d) {
    return new QuantBp(d, dstAddr, srcAddr, stepsAddr, rows, len, planes, bytes);
  }
}
