package dev.tritium.simulator.unit.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.unit.mac.FoldPipeline;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FoldPipelineTest {

  @Test
  void handCases() {
    // R=4, C=4, T=1, 8 folds, load 4: 4 + 7*4 + (1 + 4 + 4 - 2) = 39.
    assertEquals(39, FoldPipeline.cycles(4, 4, 4, 8, 1));
    // T=10 > R: 2 folds: 4 + 10 + 16 = 30; no exposed load (SCALE-Sim os): 26.
    assertEquals(30, FoldPipeline.cycles(4, 4, 4, 2, 10));
    assertEquals(26, FoldPipeline.cycles(0, 4, 4, 2, 10));
    assertEquals(0, FoldPipeline.cycles(4, 4, 4, 0, 10));
  }

  /** One fold equals the serialised cost; more folds never cost more than serialising them. */
  @Property(tries = 300)
  void neverSlowerThanSerialised(@ForAll @IntRange(min = 1, max = 256) int rows,
      @ForAll @IntRange(min = 1, max = 256) int cols, @ForAll @IntRange(min = 1, max = 50) int folds,
      @ForAll @IntRange(min = 1, max = 600) int t) {
    long serialisedFold = rows + FoldPipeline.lastFold(t, rows, cols);
    assertEquals(serialisedFold, FoldPipeline.cycles(rows, rows, cols, 1, t));
    long db = FoldPipeline.cycles(rows, rows, cols, folds, t);
    assertTrue(db <= folds * serialisedFold);
    // Each extra fold adds exactly one slot max(T, R).
    assertEquals(Math.max(t, rows), FoldPipeline.cycles(rows, rows, cols, folds + 1, t) - db);
  }
}
