package dev.tritium.models.nn;

/** Keys (after RoPE) and values per layer, fp32, [position][kvDim]; positions 0 .. length-1 are filled. */
public final class KvCache {

  private final int capacity;
  private final int kvDim;
  private final float[][] keys;
  private final float[][] values;
  private int length;

  public KvCache(int layers, int capacity, int kvDim) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("KV cache capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.kvDim = kvDim;
    this.keys = new float[layers][(int) Math.multiplyExact((long) capacity, kvDim)];
    this.values = new float[layers][capacity * kvDim];
  }

  /** Filled positions. */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  int kvDim() {
    return kvDim;
  }

  float[] keys(int layer) {
    return keys[layer];
  }

  float[] values(int layer) {
    return values[layer];
  }

  void advance(int tokens) {
    length += tokens;
  }
}
