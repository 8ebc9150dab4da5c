package dev.tritium.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.count.StandardPackings;
import dev.tritium.models.kernel.MemoryBandwidth;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.nn.TinyModels;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyGenerationTest {

  @Test
  void argmaxTakesTheLowestIndexOnTies() {
    assertEquals(1, GreedyGeneration.argmax(new float[] {0f, 3f, 3f, -1f}));
    assertEquals(0, GreedyGeneration.argmax(new float[] {5f}));
  }

  @Test
  void greedyTokensMatchAFreshPrefillOfTheSequence() {
    ModelConfig c = TinyModels.relu2SubNorms();
    BitNetModel m = new BitNetModel(SyntheticWeights.generate(c, 9, 0.31, ParallelLoop.serial()));
    int[] prompt = GreedyGeneration.seededPrompt(3, c.vocabSize(), 5);
    assertArrayEquals(prompt, GreedyGeneration.seededPrompt(3, c.vocabSize(), 5));
    GreedyGeneration.Result r = GreedyGeneration.run(m, prompt, 4, ParallelLoop.serial(), StandardPackings.all());
    assertEquals(4, r.generated().length);
    assertEquals(3, r.decodeMs().length);
    int[] seq = new int[6];
    System.arraycopy(prompt, 0, seq, 0, 3);
    System.arraycopy(r.generated(), 0, seq, 3, 3);
    float[][] all = m.forward(seq, m.newCache(6), 6, ParallelLoop.serial(), new OpCounter(List.of()));
    for (int i = 0; i < 4; i++) {
      assertEquals(GreedyGeneration.argmax(all[2 + i]), r.generated()[i], "token " + i);
    }
    assertThrows(IllegalArgumentException.class, () -> GreedyGeneration.seededPrompt(0, 10, 1));
  }

  @Test
  void benchmarkHelpersReturnPlausibleFigures() {
    try (ParallelLoop loop = new ParallelLoop(2)) {
      assertTrue(new MemoryBandwidth.Probe(1 << 20, loop).runGBps() > 0);
      ReferenceBenchmark.GemvResult g = ReferenceBenchmark.gemv(64, 96, 1 << 16, 1, 3, loop);
      assertEquals(64L * 96 / 4, g.weightBytes());
      assertTrue(g.streamedMs() > 0 && g.cachedMs() > 0);
      BitNetModel m = new BitNetModel(SyntheticWeights.generate(TinyModels.siluPlain(), 1, 0.31, loop));
      double[] probed = {7, 5, 6};
      int[] calls = {0};
      ReferenceBenchmark.DecodeBreakdown d = ReferenceBenchmark.decodeBreakdown(m, 4, 1, 3, loop,
          () -> probed[calls[0]++]);
      assertTrue(d.tokenMs() > 0 && d.ternaryGemvMs() > 0 && d.lmHeadMs() > 0);
      assertEquals(3, calls[0], "the bandwidth is measured three times: before the timed tokens, between them and the"
          + " timed parts, after the parts; never during warm-ups");
      assertEquals(6.0, d.bandwidthGBps());
    }
    assertEquals(2.5, MemoryBandwidth.median(new double[] {4, 1, 2, 3}));
    assertEquals(2.0, MemoryBandwidth.median(new double[] {3, 1, 2}));
  }

  @Test
  void meanAndMedianOfTheDecodeStepsAreStatedSeparately() {
    GreedyGeneration.Result r = new GreedyGeneration.Result(new int[] {1}, new int[] {2, 3, 4, 5}, 1.0,
        new double[] {10.0, 11.0, 40.0}, null, null);
    assertEquals(11.0, r.medianDecodeMs());
    // A step the machine delayed counts in full in the mean (as llama-bench's tokens per second count it).
    assertEquals(61.0 / 3, r.meanDecodeMs(), 1e-12);
    GreedyGeneration.Result none = new GreedyGeneration.Result(new int[] {1}, new int[] {2}, 1.0, new double[0], null,
        null);
    assertEquals(0.0, none.meanDecodeMs());
  }
}
