package dev.tritium.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BitNetModelTest {

  static List<ModelConfig> configs() {
    return List.of(TinyModels.relu2SubNorms(), TinyModels.siluPlain());
  }

  static OpCounter counter() {
    return new OpCounter(List.of());
  }

  static int[] tokens(ModelConfig c, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(c.vocabSize());
    }
    return t;
  }

  @ParameterizedTest
  @MethodSource("configs")
  void prefillEqualsPrefixPrefillThenDecodeBitForBit(ModelConfig c) {
    BitNetModel m = new BitNetModel(SyntheticWeights.generate(c, 11, 0.35, ParallelLoop.serial()));
    int[] seq = tokens(c, 9, 3);
    try (ParallelLoop loop = new ParallelLoop(2)) {
      float[][] full = m.forward(seq, m.newCache(9), 9, loop, counter());
      KvCache cache = m.newCache(9);
      float[][] prefix = m.forward(java.util.Arrays.copyOf(seq, 4), cache, 4, loop, counter());
      for (int t = 0; t < 4; t++) {
        assertArrayEquals(full[t], prefix[t], "prefix position " + t);
      }
      for (int t = 4; t < 9; t++) {
        float[][] step = m.forward(new int[] {seq[t]}, cache, 1, loop, counter());
        assertArrayEquals(full[t], step[0], "decoded position " + t);
      }
      assertEquals(9, cache.length());
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void logitsDoNotDependOnThreadCount(ModelConfig c) {
    BitNetModel m = new BitNetModel(SyntheticWeights.generate(c, 5, 0.31, ParallelLoop.serial()));
    int[] seq = tokens(c, 5, 4);
    try (ParallelLoop three = new ParallelLoop(3)) {
      float[][] a = m.forward(seq, m.newCache(5), 5, ParallelLoop.serial(), counter());
      float[][] b = m.forward(seq, m.newCache(5), 5, three, counter());
      for (int t = 0; t < 5; t++) {
        assertArrayEquals(a[t], b[t]);
      }
    }
  }

  @Test
  void changingOneWeightChangesTheLogits() {
    ModelConfig c = TinyModels.relu2SubNorms();
    ModelWeights w = SyntheticWeights.generate(c, 5, 0.31, ParallelLoop.serial());
    LayerWeights l0 = w.layers().get(0);
    dev.tritium.models.quant.TernaryWeights down = l0.downProj().unpack();
    byte[] v = down.values().clone();
    v[0] = (byte) (v[0] == 1 ? -1 : 1);
    MaskPackedWeights flipped = MaskPackedWeights.pack(
        new dev.tritium.models.quant.TernaryWeights(v, down.rows(), down.cols(), down.scale()));
    LayerWeights l0b = new LayerWeights(l0.inputNorm(), l0.qProj(), l0.kProj(), l0.vProj(), l0.attnSubNorm(), l0.oProj(),
        l0.postAttentionNorm(), l0.gateProj(), l0.upProj(), l0.ffnSubNorm(), flipped);
    ModelWeights w2 = new ModelWeights(c, w.embeddings(), List.of(l0b, w.layers().get(1)), w.finalNorm(), w.lmHead());
    int[] seq = tokens(c, 3, 9);
    float[] a = new BitNetModel(w).forward(seq, new BitNetModel(w).newCache(3), 1, ParallelLoop.serial(), counter())[0];
    float[] b = new BitNetModel(w2).forward(seq, new BitNetModel(w2).newCache(3), 1, ParallelLoop.serial(), counter())[0];
    assertFalse(java.util.Arrays.equals(a, b));
  }

  @Test
  void projectionMatchesReferenceBitLinear() {
    SplittableRandom r = new SplittableRandom(2);
    MaskPackedWeights w = SyntheticWeights.ternary(150, 77, 0.3, 1, 2, ParallelLoop.serial());
    float[] x = new float[3 * 77];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] kernel = TernaryProjection.apply(w, TernaryProjection.quantize(x, 3, 77), ParallelLoop.serial());
    assertArrayEquals(BitLinear.forward(w.unpack(), x, 3), kernel);
  }

  @Test
  void badInputsGetClearErrors() {
    ModelConfig c = TinyModels.relu2SubNorms();
    BitNetModel m = new BitNetModel(SyntheticWeights.generate(c, 1, 0.31, ParallelLoop.serial()));
    IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
        () -> m.forward(new int[] {53}, m.newCache(2), 1, ParallelLoop.serial(), counter()));
    assertTrue(id.getMessage().contains("token id 53 at position 0"), id.getMessage());
    KvCache cache = m.newCache(1);
    assertThrows(IllegalArgumentException.class,
        () -> m.forward(new int[] {1, 2}, cache, 1, ParallelLoop.serial(), counter()));
    assertThrows(IllegalArgumentException.class, () -> m.newCache(65));
  }

  @Test
  void countedRunRecordsEveryKind() {
    ModelConfig c = TinyModels.relu2SubNorms();
    BitNetModel m = new BitNetModel(SyntheticWeights.generate(c, 1, 0.31, ParallelLoop.serial()));
    OpCounter counter = counter();
    m.forward(tokens(c, 3, 1), m.newCache(3), 1, ParallelLoop.serial(), counter);
    for (LayerKind k : LayerKind.values()) {
      assertTrue(counter.snapshot().ops().containsKey(k) || counter.snapshot().traffic().containsKey(k), k.label());
    }
  }
}
