package dev.tritium.mapper.attention;

/**
 * One layer's int8 KV cache in DRAM (mapper/README.md, "Int8 attention"): K and V as int8
 * {@code [kv_head][position][head_dim]}, and their fp32 inverse scales {@code [kv_head][position]}
 * (1/s with s = 127/absmax of that token's head vector).
 */
public record KvCacheLayout(long base, int kvHeads, int capacity, int headDim) {

  public long kAddr(int head, int pos) {
    return base + ((long) head * capacity + pos) * headDim;
  }

  public long vAddr(int head, int pos) {
    return base + ((long) (kvHeads + head) * capacity + pos) * headDim;
  }

  private long scalesBase() {
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
    return (long) capacity * headDim;
  }

  public long bytes() {
    return 2L * kvHeads * capacity * headDim + 8L * kvHeads * capacity;
  }
}
