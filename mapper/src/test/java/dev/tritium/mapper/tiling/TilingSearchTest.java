package dev.tritium.mapper.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TilingSearchTest {

  private static final ArchConfig EDGE = ArchConfigs.resolve("edge-fpga-mac");

  @Test
  void halvingsAndTileCandidatesByHand() {
    assertEquals(List.of(128, 64, 32, 16, 8, 4, 2, 1), TilingSpace.halvings(128));
    assertEquals(List.of(5, 3, 2, 1), TilingSpace.halvings(5));
    assertEquals(List.of(100, 80, 40, 20), TilingSpace.tiles(100, 5));
    assertEquals(List.of(2560, 2048, 1024, 512, 256, 128, 64, 32, 16), TilingSpace.tiles(2560, 1));
  }

  @Test
  void bestIsTheLowestSimulatedScoreAndEveryCandidateIsLegal() {
    TilingSearch search = new TilingSearch(EDGE);
    BitLinearShape s = new BitLinearShape(8, 640, 432);
    for (Objective o : Objective.values()) {
      SearchResult r = search.search(s, o);
      assertTrue(r.legal() > 0 && r.legal() <= r.enumerated());
      for (SimulatedCandidate c : r.simulated()) {
        assertTrue(r.best().score() <= c.score());
        assertTrue(SramLayout.problems(s, c.candidate().mapping(), Machine.isaTarget(EDGE)).isEmpty());
        assertEquals(o.score(c.cycles(), c.energyPj()), c.score());
      }
    }
  }

  @Test
  void unitFilterIsHonoured() {
    TilingSearch search = new TilingSearch(EDGE);
    BitLinearShape s = new BitLinearShape(1, 320, 320);
    for (ComputeUnit u : ComputeUnit.values()) {
      SearchResult r = search.search(s, Objective.CYCLES, EnumSet.of(u), TilingSearch.defaultWeights(s));
      r.simulated().forEach(c -> assertEquals(u, c.candidate().mapping().unit()));
    }
  }

  /** All 30 layers of 2B-4T share four BitLinear shapes: the cache holds four results. */
  @Test
  void cacheServesRepeatedShapes() {
    TilingSearch search = new TilingSearch(EDGE);
    ModelConfig c = ModelPresets.byName("bitnet-b1.58-2b-4t");
    Set<BitLinearShape> shapes = new HashSet<>();
    SearchResult first = null;
    for (int layer = 0; layer < c.numLayers(); layer++) {
      for (LayerKind k : LayerKind.projections()) {
        BitLinearShape s = new BitLinearShape(1, k.inFeatures(c) / 16, k.outFeatures(c) / 16);
        shapes.add(s);
        SearchResult r = search.search(s, Objective.CYCLES);
        if (layer == 0 && k == LayerKind.Q_PROJ) {
          first = r;
        } else if (k == LayerKind.Q_PROJ) {
          assertEquals(0, r.searchNanos(), "served from the cache");
          assertEquals(first.mapping(), r.mapping());
        }
      }
    }
    assertEquals(4, shapes.size());
    assertEquals(4, search.cachedResults());
  }

  /** The estimate is within 30% of the timing simulation on the full-size 2B-4T decode shapes. */
  @Test
  void estimateTracksSimulation() {
    TilingSearch search = new TilingSearch(EDGE);
    for (BitLinearShape s : List.of(new BitLinearShape(1, 2560, 2560), new BitLinearShape(1, 6912, 2560))) {
      SearchResult r = search.search(s, Objective.CYCLES);
      assertTrue(r.maxCycleErrorFraction() < 0.30, s + ": " + r.maxCycleErrorFraction());
    }
  }

  /**
   * With the stationary double buffer the estimate follows the array's formula automatically (it asks
   * the simulator's unit), stays within the same 30% of the simulation, and decode gets faster.
   */
  @Test
  void estimateTracksSimulationWithADoubleBufferedArray() {
    ArchConfig doubleBuffered = EDGE.withMacArray(EDGE.macArray().withStationaryDoubleBuffer(true));
    TilingSearch search = new TilingSearch(doubleBuffered);
    TilingSearch serialised = new TilingSearch(EDGE);
    for (BitLinearShape s : List.of(new BitLinearShape(1, 2560, 2560), new BitLinearShape(1, 6912, 2560))) {
      SearchResult r = search.search(s, Objective.CYCLES, EnumSet.of(ComputeUnit.MAC), TilingSearch.defaultWeights(s));
      assertTrue(r.maxCycleErrorFraction() < 0.30, s + ": " + r.maxCycleErrorFraction());
      SearchResult before = serialised.search(s, Objective.CYCLES, EnumSet.of(ComputeUnit.MAC), TilingSearch.defaultWeights(s));
      assertTrue(r.best().cycles() < before.best().cycles(), s + ": " + r.best().cycles() + " vs " + before.best().cycles());
    }
  }

  @Test
  void objectiveNamesAndErrors() {
    assertEquals(Objective.EDP, Objective.parse("edp"));
    var e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("speed"));
    assertTrue(e.getMessage().contains("expected cycles, energy or edp"));
    assertEquals(6.0, Objective.EDP.score(2, 3));
  }

  @Test
  void impossibleShapeIsAClearError() {
    TilingSearch search = new TilingSearch(EDGE);
    // One fp32 input row of K = 100000 does not fit VEC twice.
    var e = assertThrows(IllegalArgumentException.class,
        () -> search.search(new BitLinearShape(1, 100000, 64), Objective.CYCLES));
    assertTrue(e.getMessage().contains("no legal mapping"), e.getMessage());
  }
}
