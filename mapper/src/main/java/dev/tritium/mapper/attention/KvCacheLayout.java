package dev.tritium.mapper.attention;

import dev.tritium.simulator.config.AttentionConfig.KvDatatype;

/**
 * One layer's KV cache in DRAM (mapper/README.md, "Attention"): K and V as {@code [kv_head][position][head_dim]}
 * values of {@code dtype}; for int8 also their fp32 inverse scales {@code [kv_head][position]} (1/s with
 * s = 127/absmax of that token's head vector). An fp16 cache has no scales.
 */
public record KvCacheLayout(long base, int kvHeads, int capacity, int headDim, KvDatatype dtype) {

  public KvCacheLayout {
    java.util.Objects.requireNonNull(dtype, "dtype");
  }

  /** Bytes of one cached value. */
  public int valueBytes() {
    return dtype.bytes();
  }

  public long kAddr(int head, int pos) {
    return base + ((long) head * capacity + pos) * headDim * valueBytes();
  }

  public long vAddr(int head, int pos) {
    return base + ((long) (kvHeads + head) * capacity + pos) * headDim * valueBytes();
  }

  private long scalesBase() {
    if (dtype != KvDatatype.INT8) {
      throw new IllegalStateException("an " + dtype + " KV cache has no scales");
    }
    return base + 2L * kvHeads * capacity * headDim;
  }

  public long kInvScaleAddr(int head, int pos) {
    return scalesBase() + 4L * ((long) head * capacity + pos);
  }

  public long vInvScaleAddr(int head, int pos) {
    return scalesBase() + 4L * ((long) (kvHeads + head) * capacity + pos);
  }

  /** Row stride between kv heads of K or V (bytes). */
  public long headStrideBytes() {
    return (long) capacity * headDim * valueBytes();
  }

  public long bytes() {
    return 2L * kvHeads * capacity * headDim * valueBytes() + (dtype == KvDatatype.INT8 ? 8L * kvHeads * capacity : 0);
  }
}
