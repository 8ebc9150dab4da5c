package dev.tritium.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.loop.LoopExpander;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopGemmTest {

  private static SimulationStats run(List<Instruction> program) {
    return new Engine(Machine.of(ArchConfigs.preset("edge-fpga-mac")), EngineOptions.timingOnly()).run(program);
  }

  @Test
  void aLongRunReportsProgressAndItsCountersDoNotChange() {
    // 16384 x 32768 in 64 x 128 tiles: 256 x 256 = 65,536 tiles, 131,077 expanded instructions and more
    // event-loop steps than that: with a zero interval every 16,384th step reports.
    List<Instruction> macro = LoopPrograms.bitLinear(1, 16384, 32768, 64, 128);
    List<long[]> reports = new java.util.ArrayList<>();
    SimulationStats withProgress = new Engine(Machine.of(ArchConfigs.preset("edge-fpga-mac")),
        EngineOptions.timingOnly()).onProgress((cycle, dispatched) -> reports.add(new long[] {cycle, dispatched}), 0)
        .run(macro);
    assertTrue(!reports.isEmpty(), "no progress reported");
    for (int i = 1; i < reports.size(); i++) {
      assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0] && reports.get(i)[1] >= reports.get(i - 1)[1]);
    }
    assertTrue(reports.get(reports.size() - 1)[1] <= withProgress.instructions());
    assertEquals(run(macro), withProgress);
  }

  @Test
  void macroAndExpandedFormsGiveIdenticalCounters() {
    List<Instruction> macro = LoopPrograms.bitLinear(1, 640, 512, 64, 128);
    List<Instruction> expanded = LoopExpander.expand(macro);
    // T = ceil(640/64) * ceil(512/128) = 40 tiles: 2T + 4 expanded, plus the store and FINISH.
    assertEquals(2 * 40 + 4 + 2, expanded.size());
    SimulationStats a = run(macro);
    SimulationStats b = run(expanded);
    assertEquals(b, a);
    assertEquals(2 * 10 * 4 + 4 + 1, a.instructions()); // 2T + 4 expansion + the store
  }

  @Test
  void lutLoopMacroAndExpandedFormsAgreeToo() {
    // edge-fpga's LUT core is g=4 base-3: LUT_G4 indices; 4 tokens, 3 x 2 tiles.
    List<Instruction> macro = LoopPrograms.bitLinear(4, 384, 512, 128, 256, dev.tritium.isa.ComputeUnit.LUT,
        dev.tritium.isa.Packing.LUT_G4);
    SimulationStats a = run(macro);
    assertEquals(run(LoopExpander.expand(macro)), a);
    EngineTest.assertAccounted(a);
    assertEquals(6, a.unit("lut_core").instructions());
    assertEquals(0, a.unit("mac_array").instructions());
  }

  @Test
  void deadlockInsideAnExpansionNamesTheMacroAndTheExpandedInstruction() {
    // One 4 x 4 tile whose GEMM pops store->compute (LOOP.GEMM pop_next) that nobody pushes. Expansion:
    // #2.0, #2.1 CFG, #2.2 LOAD (4 one-byte rows back to back: 1 burst, 10 + 1 cycles), #2.3 GEMM.T.
    List<Instruction> program = List.of(
        new dev.tritium.isa.LoopWeights(dev.tritium.isa.Deps.NONE, 0, 1, 0, 64),
        new dev.tritium.isa.LoopBounds(dev.tritium.isa.Deps.NONE, 1, 4, 4, 4, 4, dev.tritium.isa.ComputeUnit.MAC,
            dev.tritium.isa.Packing.TWO_BIT),
        new dev.tritium.isa.LoopGemm(new dev.tritium.isa.Deps(false, true, false, true), 0, 0, 0, false, false,
            false),
        Asm.storeAcc(64, "pp"),
        Asm.finish());
    var ex = org.junit.jupiter.api.Assertions.assertThrows(SimulationException.class,
        () -> new Engine(TestMachines.small(), EngineOptions.timingOnly()).run(program));
    assertEquals("deadlock at cycle 11: load queue empty; compute #2.3 GEMM.T waiting on store->compute token;"
        + " store #3 STORE waiting on compute->store token", ex.getMessage());
  }

  @Test
  void wholeBitLinearOnTheEdgePresetOverlapsWeightLoadsWithCompute() {
    // 2560 x 6912 (FFN up), M = 1, tiles 256 x 2560: 27 tiles of 256 rows x 640 bytes.
    SimulationStats s = run(LoopPrograms.bitLinear(1, 6912, 2560, 256, 2560));
    EngineTest.assertAccounted(s);
    assertEquals(27, s.unit("dma_load").instructions());
    assertEquals(27, s.unit("mac_array").instructions());
    assertEquals(6912L * 640, s.dram().bytesRead());
    assertTrue(s.overlap().loadComputeCycles() > 0, "double buffering overlaps");
  }
}
