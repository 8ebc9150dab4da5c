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
    this.values = new float[layers][(int) Math.multiplyExact((long) capacity, kvDim)];
  }

  /**
   * A one-layer cache holding {@code positions} given keys and values [positions][kvDim], with room for
   * {@code capacity} positions (the cross-check's layer at a context).
   */
  public static KvCache ofOneLayer(int capacity, int kvDim, float[] cachedKeys, float[] cachedValues, int positions) {
    if (cachedKeys.length != (long) positions * kvDim || cachedValues.length != cachedKeys.length
        || positions > capacity) {
      throw new IllegalArgumentException("a cache of " + positions + " positions x " + kvDim + " needs that many keys "
          + "and values within capacity " + capacity + ", got " + cachedKeys.length + " and " + cachedValues.length);
    }
    KvCache c = new KvCache(1, capacity, kvDim);
    System.arraycopy(cachedKeys, 0, c.keys[0], 0, cachedKeys.length);
    System.arraycopy(cachedValues, 0, c.values[0], 0, cachedValues.length);
    c.length = positions;
    return c;
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
