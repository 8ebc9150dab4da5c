package dev.tritium.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.CountBreakdown;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.format.KvCacheFormat;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A low-bit KV-cache format in the reference decoder: attention reads what the cache stores, traffic counts its bytes. */
class KvStoreTest {

  private static final ModelConfig C = TinyModels.relu2SubNorms();

  private static float[][] run(KvStore store, int[] seq, OpCounter counter) {
    BitNetModel m = new BitNetModel(SyntheticWeights.generate(C, 11, 0.35, ParallelLoop.serial()));
    try (ParallelLoop loop = ParallelLoop.serial()) {
      return m.forward(seq, m.newCache(seq.length, store), seq.length, loop, counter);
    }
  }

  @Test
  void storedBytesPerTokenRowByHand() {
    // int4, groups of 128, a 256-value row: 256 * 4 code bits + 2 groups * (16-bit step + 4-bit zero-point) = 1064 bits
    assertEquals(133, KvCacheFormats.parse("int4:group=128").storedBytes(256, 5));
    assertEquals(512, KvCacheFormats.parse("fp16").storedBytes(256, 5));
    KvCacheFormat intact = KvCacheFormats.parse("intactkv:bits=4,pivots=2,group=128");
    assertEquals(512, intact.storedBytes(256, 1), "a pivot token stays fp16");
    assertEquals(133, intact.storedBytes(256, 2));
    assertEquals(1024, KvStore.FP32.storedBytes(256, 0));
  }

  @Test
  void theCacheHoldsWhatTheFormatStoresAndAttentionReadsIt() {
    int[] seq = BitNetModelTest.tokens(C, 6, 3);
    float[][] exact = run(KvStore.FP32, seq, new OpCounter(List.of()));
    float[][] int4 = run(KvCacheFormats.parse("int4:group=128"), seq, new OpCounter(List.of()));
    // position 0 attends only to itself, so its output depends on the stored V: already different
    assertFalse(java.util.Arrays.equals(exact[5], int4[5]), "int4 KV changes the logits");
    // a format that stores every token as a pivot is the fp16 cache
    float[][] allPivots = run(KvCacheFormats.parse("intactkv:bits=4,pivots=6,group=128"), seq, new OpCounter(List.of()));
    float[][] fp16 = run(KvCacheFormats.parse("fp16"), seq, new OpCounter(List.of()));
    for (int t = 0; t < seq.length; t++) {
      assertArrayEquals(fp16[t], allPivots[t], "position " + t);
    }
  }

  @Test
  void attentionTrafficCountsTheStoredBytes() {
    int[] seq = BitNetModelTest.tokens(C, 4, 3);
    OpCounter exact = new OpCounter(List.of());
    run(KvStore.FP32, seq, exact);
    OpCounter fp16 = new OpCounter(List.of());
    run(KvCacheFormats.parse("fp16"), seq, fp16);
    CountBreakdown a = exact.snapshot();
    CountBreakdown b = fp16.snapshot();
    long exactRead = a.traffic(LayerKind.ATTENTION).kvCacheReadBytes();
    long exactWrite = a.traffic(LayerKind.ATTENTION).kvCacheWriteBytes();
    // contexts 1..4 per layer: 10 rows of K and V, kvDim values of 4 bytes (fp32) or 2 bytes (fp16)
    assertEquals((long) C.numLayers() * 10 * 2 * C.kvDim() * 4, exactRead);
    assertEquals(exactRead / 2, b.traffic(LayerKind.ATTENTION).kvCacheReadBytes());
    assertEquals((long) C.numLayers() * 4 * 2 * C.kvDim() * 4, exactWrite);
    assertEquals(exactWrite / 2, b.traffic(LayerKind.ATTENTION).kvCacheWriteBytes());
  }
}
