package dev.tritium.simulator.engine;

import static dev.tritium.simulator.engine.Asm.finish;
import static dev.tritium.simulator.engine.Asm.gemm;
import static dev.tritium.simulator.engine.Asm.loadWgt;
import static dev.tritium.simulator.engine.Asm.storeAcc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Instruction;
import dev.tritium.simulator.stats.OverlapStats;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.stats.UnitStats;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random well-synchronised weight-streaming programs (single or double buffered). */
class EngineProperties {

  record Tile(int loadBytes, int m, int n, int k) {}

  record Pipeline(List<Tile> tiles, boolean doubleBuffered, boolean storeEveryTile, int storeBytes,
      int queueCapacity, int loadChannels) {

    List<Instruction> program() {
      List<Instruction> p = new ArrayList<>();
      int t = tiles.size();
      if (doubleBuffered) {
        p.add(load(0));
        for (int i = 0; i < t; i++) {
          if (i + 1 < t) {
            p.add(load(i + 1));
          }
          p.addAll(op(i));
        }
      } else {
        for (int i = 0; i < t; i++) {
          p.add(load(i));
          p.addAll(op(i));
        }
      }
      p.add(finish());
      return p;
    }

    private Instruction load(int i) {
      boolean popNext = doubleBuffered ? i >= 2 : i >= 1;
      return loadWgt(i % 2 * 65536L, tiles.get(i).loadBytes(), popNext ? "pn un" : "un");
    }

    private List<Instruction> op(int i) {
      int t = tiles.size();
      boolean frees = doubleBuffered ? i + 2 < t : i + 1 < t;
      boolean stores = storeEveryTile || i == t - 1;
      Tile tile = tiles.get(i);
      String flags = "pp" + (frees ? " up" : "") + (stores ? " un" : "");
      List<Instruction> out = new ArrayList<>();
      out.add(gemm(i % 2 * 65536L, tile.m(), tile.n(), tile.k(), flags));
      if (stores) {
        out.add(storeAcc(storeBytes, "pp"));
      }
      return out;
    }
  }

  @Provide
  Arbitrary<Pipeline> pipelines() {
    Arbitrary<Tile> tile = Combinators.combine(
            Arbitraries.integers().between(1, 5000),
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 12))
        .as(Tile::new);
    return Combinators.combine(
            tile.list().ofMinSize(1).ofMaxSize(12),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 300),
            Arbitraries.integers().between(1, 8),
            Arbitraries.integers().between(1, 3))
        .as(Pipeline::new);
  }

  private static SimulationStats run(Pipeline p, boolean serial) {
    EngineOptions o = EngineOptions.timingOnly().withQueueCapacity(p.queueCapacity()).withForceSerial(serial);
    return new Engine(TestMachines.small(p.loadChannels()), o).run(p.program());
  }

  @Property(tries = 200, seed = "314159")
  void everyCycleOfEveryUnitIsAccountedOnce(@ForAll("pipelines") Pipeline p) {
    SimulationStats s = run(p, false);
    EngineTest.assertAccounted(s);
    // The overlap counter and the unit accounting are kept separately; busy cycles must agree.
    OverlapStats o = s.overlap();
    long loadBusy = o.loadOnlyCycles() + o.loadComputeCycles() + o.loadStoreCycles() + o.allBusyCycles();
    long computeBusy = o.computeOnlyCycles() + o.loadComputeCycles() + o.computeStoreCycles() + o.allBusyCycles();
    long storeBusy = o.storeOnlyCycles() + o.loadStoreCycles() + o.computeStoreCycles() + o.allBusyCycles();
    assertEquals(s.unit("dma_load").busyCycles(), loadBusy);
    assertEquals(s.unit("mac_array").busyCycles(), computeBusy);
    assertEquals(s.unit("dma_store").busyCycles(), storeBusy);
  }

  @Property(tries = 200, seed = "271828")
  void forceSerialRunsInstructionsBackToBack(@ForAll("pipelines") Pipeline p) {
    SimulationStats serial = run(p, true);
    long work = 0;
    for (UnitStats u : serial.units()) {
      work += u.busyCycles() + u.waitDataCycles();
    }
    assertEquals(serial.totalCycles(), work, "no gaps and no overlap when serial");
    assertTrue(run(p, false).totalCycles() <= serial.totalCycles(), "overlap never slows a program down");
    EngineTest.assertAccounted(serial);
  }
}
