package dev.tritium.mapper.graph;

import dev.tritium.isa.Buffer;

/** Element type of a tensor; it fixes the on-chip buffer the tensor lives in. */
public enum TensorKind {
  /** fp32 rows (residual stream, norms, projections' outputs) in VEC. */
  FP32(4, Buffer.VEC),
  /** int8 rows (quantized activations) in ACT. */
  INT8(1, Buffer.ACT),
  /** IEEE binary16 rows (fp16 attention's q, probabilities and K/V slices) in ACT. */
  FP16(2, Buffer.ACT),
  /** fp32 per-row scales in VEC. */
  SCALES(4, Buffer.VEC),
  /** The layer's KV cache: int8 K and V plus fp32 inverse scales, always in DRAM. */
  KV_CACHE(1, null);

  private final int elementBytes;
  private final Buffer buffer;

  TensorKind(int elementBytes, Buffer buffer) {
    this.elementBytes = elementBytes;
    this.buffer = buffer;
  }

  public int elementBytes() {
    return elementBytes;
  }

  /** The on-chip buffer, or null for DRAM-only tensors. */
  public Buffer buffer() {
    return buffer;
  }
}
