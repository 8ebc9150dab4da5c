package dev.tritium.models.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.nn.KvCache;
import dev.tritium.models.nn.ModelWeights;
import dev.tritium.models.nn.TinyModels;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts from a real run equal the closed form, per kind and field; the closed form uses stats taken from unpacked values. */
class CountsAgreementTest {

  static AnalyticCounts.WeightStats statsOf(ModelWeights w) {
    return (layer, kind) -> TensorStats.of(w.layers().get(layer).projection(kind).unpack().values());
  }

  @Test
  void prefillAndDecodeCountsAgree() {
    for (ModelConfig c : List.of(TinyModels.relu2SubNorms(), TinyModels.siluPlain())) {
      ModelWeights w = SyntheticWeights.generate(c, 3, 0.4, ParallelLoop.serial());
      BitNetModel m = new BitNetModel(w);
      List<PackingSize> packings = StandardPackings.all();
      KvCache cache = m.newCache(10);
      OpCounter counter = new OpCounter(packings);
      m.forward(new int[] {1, 2, 3, 4, 5, 6}, cache, 1, ParallelLoop.serial(), counter);
      assertEquals(AnalyticCounts.model(c, statsOf(w), Phase.prefill(6), packings), counter.snapshot(), c.name());
      for (int ctx = 6; ctx < 9; ctx++) {
        counter.reset();
        m.forward(new int[] {7}, cache, 1, ParallelLoop.serial(), counter);
        assertEquals(AnalyticCounts.model(c, statsOf(w), Phase.decode(ctx), packings), counter.snapshot());
      }
      counter.reset();
      m.forward(new int[] {8}, cache, 0, ParallelLoop.serial(), counter);
      assertEquals(AnalyticCounts.model(c, statsOf(w), new Phase(9, 1, 0), packings), counter.snapshot());
    }
  }

  @Test
  void analyticCountsSeeAChangedWeightOrContext() {
    ModelConfig c = TinyModels.relu2SubNorms();
    ModelWeights w = SyntheticWeights.generate(c, 3, 0.4, ParallelLoop.serial());
    CountBreakdown base = AnalyticCounts.model(c, statsOf(w), Phase.decode(4), List.of());
    AnalyticCounts.WeightStats shifted = (layer, kind) -> {
      TensorStats s = statsOf(w).of(layer, kind);
      return layer == 1 && kind == LayerKind.V_PROJ ? new TensorStats(s.plus() + 1, s.minus(), s.zero() - 1) : s;
    };
    CountBreakdown changed = AnalyticCounts.model(c, shifted, Phase.decode(4), List.of());
    assertNotEquals(base, changed);
    assertEquals(base.ops(LayerKind.V_PROJ).ternaryAdds() + 1, changed.ops(LayerKind.V_PROJ).ternaryAdds());
    assertNotEquals(base, AnalyticCounts.model(c, statsOf(w), Phase.decode(5), List.of()));
  }

  @Test
  void handComputedDecodeAttentionAndProjection() {
    ModelConfig c = TinyModels.relu2SubNorms(); // hidden 40, heads 4/2, head dim 10, 2 layers
    ModelWeights w = SyntheticWeights.generate(c, 3, 0.4, ParallelLoop.serial());
    CountBreakdown b = AnalyticCounts.model(c, statsOf(w), Phase.decode(3), List.of(
        PackingSize.of("2bit", (rows, cols) -> (long) rows * ((cols + 3) / 4))));
    // decode at context 3 attends 4 keys: per layer 2 * 4 heads * 4 keys * 10 = 320 int8 MACs; 2 layers
    assertEquals(640, b.ops(LayerKind.ATTENTION).int8Macs());
    // exp per head per key: 2 layers * 4 heads * 4 keys
    assertEquals(32, b.ops(LayerKind.ATTENTION).fp32Exps());
    // KV read per layer: 4 positions * 2 * kvDim 20 * 4 bytes = 640; written 2 * 20 * 4 = 160
    assertEquals(1280, b.traffic(LayerKind.ATTENTION).kvCacheReadBytes());
    assertEquals(320, b.traffic(LayerKind.ATTENTION).kvCacheWriteBytes());
    // q_proj 40x40 per layer: every pair is one add, subtract or skip; 2-bit bytes = 40 rows * 10
    assertEquals(2 * 40 * 40, b.ops(LayerKind.Q_PROJ).ternaryPairs());
    assertEquals(800, b.traffic(LayerKind.Q_PROJ).ternaryWeightBytes("2bit"));
    // lm head: 53 x 40 MACs, bf16 matrix 53 * 40 * 2 bytes
    assertEquals(2120, b.ops(LayerKind.LM_HEAD).fp32Macs());
    assertEquals(4240, b.traffic(LayerKind.LM_HEAD).bf16WeightBytes());
  }

  @Test
  void formulasHandComputed() {
    assertEquals(new OpCounts(0, 0, 0, 0, 4, 1, 8, 2, 0, 1, 0, 0, 0), OpFormulas.rmsNorm(4));
    assertEquals(new OpCounts(0, 0, 0, 0, 0, 0, 3, 1, 0, 0, 10, 3, 0), OpFormulas.activationQuant(3));
    assertEquals(new OpCounts(5, 4, 3, 0, 0, 0, 1, 3, 0, 0, 0, 0, 3), OpFormulas.projectionToken(3, 5, 4, 12));
    assertEquals(12, new Phase(2, 3, 1).attendedKeys()); // 3 + 4 + 5
  }
}
