package dev.tritium.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tritium.models.format.KvCacheFormat;
import org.junit.jupiter.api.Test;

/**
 * fp16 attention reads the cache as binary16: a quantized cache's {@code (float) (q - z) * step} (not always an fp16
 * value) is rounded when read, as the accelerator's VEC.KV_DEQUANT hands it to GEMM.F16; an fp16 cache is unchanged.
 */
class Fp16AttentionReadsHalvesTest {

  @Test
  void valuesAreRoundedToHalfWhenReadByHand() {
    // One head of dim 2, two keys of zeros: scores 0 and 0, p = [0.5, 0.5] (exact in fp16).
    // v0 = [2049, 0]: 2049 lies halfway between the fp16 neighbours 2048 and 2050, ties to even: 2048.
    float[] q = {1f, 0f};
    float[] keys = {0f, 0f, 0f, 0f};
    float[] values = {2049f, 0f, 0f, 1f};
    float[] out = new float[2];
    Attention.attend(q, 0, keys, values, 2, 1, 1, 2, out, 0, AttentionPrecision.FP16);
    assertArrayEquals(new float[] {1024f, 0.5f}, out);
    Attention.attend(q, 0, keys, values, 2, 1, 1, 2, out, 0, AttentionPrecision.FP32);
    assertArrayEquals(new float[] {1024.5f, 0.5f}, out);
  }

  @Test
  void aQuantizedCacheReadsAsItsHalvesAndAnFp16CacheIsUnchanged() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    int heads = 4;
    int kvHeads = 2;
    int hd = 8;
    int context = 6;
    float[] q = new float[heads * hd];
    float[] kv = new float[2 * context * kvHeads * hd];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < kv.length; i++) {
      kv[i] = (float) (3 * r.nextGaussian());
    }
    int n = context * kvHeads * hd;
    float[] k = java.util.Arrays.copyOfRange(kv, 0, n);
    float[] v = java.util.Arrays.copyOfRange(kv, n, 2 * n);
    KvCacheFormat int4 = new KvCacheFormat.Int(4, 8);
    float[] kq = int4.store(k, context, kvHeads * hd, 0);
    float[] vq = int4.store(v, context, kvHeads * hd, 0);
    float[] kh = new KvCacheFormat.Fp16().store(kq, context, kvHeads * hd, 0);
    float[] vh = new KvCacheFormat.Fp16().store(vq, context, kvHeads * hd, 0);
    assertFalse(java.util.Arrays.equals(kq, kh), "some dequantized keys are not fp16 values");
    float[] fromCodes = new float[heads * hd];
    float[] fromHalves = new float[heads * hd];
    Attention.attend(q, 0, kq, vq, context, heads, kvHeads, hd, fromCodes, 0, AttentionPrecision.FP16);
    Attention.attend(q, 0, kh, vh, context, heads, kvHeads, hd, fromHalves, 0, AttentionPrecision.FP16);
    assertArrayEquals(fromHalves, fromCodes);
    float[] fp32 = new float[heads * hd];
    Attention.attend(q, 0, kq, vq, context, heads, kvHeads, hd, fp32, 0, AttentionPrecision.FP32);
    assertFalse(java.util.Arrays.equals(fp32, fromCodes));
  }
}
