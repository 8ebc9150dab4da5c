package dev.tritium.models.nn;

import dev.tritium.models.count.TrafficBytes;

/**
 * How the KV cache stores what attention reads back. The reference keeps exact fp32 values ({@link #FP32});
 * a low-bit KV-cache format (models.format's {@code KvCacheFormat}, chosen with {@code --kv-format}) returns the
 * values its stored codes decode to, so attention sees what the quantized cache would give it, and counts the
 * bytes it really stores.
 */
public interface KvStore {

  /** Exact fp32 values, {@link TrafficBytes#KV_BYTES_PER_VALUE} bytes each. */
  KvStore FP32 = new KvStore() {
    @Override
    public String name() {
      return "fp32";
    }

    @Override
    public float[] store(float[] kv, int tokens, int dim, long firstPosition) {
      return kv;
    }

    @Override
    public long storedBytes(int dim, long position) {
      return (long) dim * TrafficBytes.KV_BYTES_PER_VALUE;
    }
  };

  /** The canonical name, e.g. {@code int4:group=128}. */
  String name();

  /** The values the cache gives back for kv [tokens][dim] written at positions firstPosition.. (may be kv itself). */
  float[] store(float[] kv, int tokens, int dim, long firstPosition);

  /** Bytes one token's row of {@code dim} keys (or values) at {@code position} occupies, scales included. */
  long storedBytes(int dim, long position);
}
