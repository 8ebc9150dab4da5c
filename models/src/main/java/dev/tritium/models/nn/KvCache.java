package dev.tritium.models.nn;

/**
 * Keys (after RoPE) and values per layer, [position][kvDim]; positions 0 .. length-1 are filled. What is kept is
 * what the {@link KvStore} gives back (exact fp32 by default).
 */
public final class KvCache {

  private final KvStore store;
  private final int capacity;
  private final int kvDim;
  private final float[][] keys;
  private final float[][] values;
  private int length;

  public KvCache(int layers, int capacity, int kvDim) {
    this(layers, capacity, kvDim, KvStore.FP32);
  }

  public KvCache(int layers, int capacity, int kvDim, KvStore store) {
    this.store = java.util.Objects.requireNonNull(store, "store");
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
    return ofOneLayer(capacity, kvDim, cachedKeys, cachedValues, positions, KvStore.FP32);
  }

  /** As {@link #ofOneLayer(int, int, float[], float[], int)}, the given positions written through {@code store}. */
  public static KvCache ofOneLayer(int capacity, int kvDim, float[] cachedKeys, float[] cachedValues, int positions,
      KvStore store) {
    if (cachedKeys.length != (long) positions * kvDim || cachedValues.length != cachedKeys.length
        || positions > capacity) {
      throw new IllegalArgumentException("a cache of " + positions + " positions x " + kvDim + " needs that many keys "
          + "and values within capacity " + capacity + ", got " + cachedKeys.length + " and " + cachedValues.length);
    }
    KvCache c = new KvCache(1, capacity, kvDim, store);
    if (positions > 0) {
      c.write(0, cachedKeys, cachedValues, positions, 0);
    }
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

  public KvStore store() {
    return store;
  }

  /** Writes keys and values [tokens][kvDim] of one layer at positions start.., as the store keeps them. */
  void write(int layer, float[] k, float[] v, int tokens, int start) {
    System.arraycopy(store.store(k, tokens, kvDim, start), 0, keys[layer], start * kvDim, tokens * kvDim);
    System.arraycopy(store.store(v, tokens, kvDim, start), 0, values[layer], start * kvDim, tokens * kvDim);
  }

  /** Bytes of keys plus values that attention over positions 0 .. context-1 reads. */
  long readBytes(int context) {
    long bytes = 0;
    for (int p = 0; p < context; p++) {
      bytes += 2 * store.storedBytes(kvDim, p);
    }
    return bytes;
  }

  /** Bytes of keys plus values one token appends at {@code position}. */
  long appendBytes(int position) {
    return 2 * store.storedBytes(kvDim, position);
  }

  void advance(int tokens) {
    length += tokens;
  }
}
