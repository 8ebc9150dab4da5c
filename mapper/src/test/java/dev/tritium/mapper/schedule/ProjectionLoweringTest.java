package dev.tritium.mapper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.mapper.run.IsaTargets;
import dev.tritium.mapper.schedule.ProjectionLowering.ComputeUnit;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionLoweringTest {

  private static LoopBounds bounds(ComputeUnit unit, int m, int n, int k) {
    ProgramBuilder pb = new ProgramBuilder();
    new ProjectionLowering(IsaTargets.of(ArchConfigs.preset(ArchConfigs.DEFAULT_PRESET)), unit).emit(pb, m, n, k, 0,
        1f, 0, 0, 0, 0);
    List<Instruction> p = pb.finish();
    return p.stream().filter(i -> i instanceof LoopBounds).map(i -> (LoopBounds) i).findFirst().orElseThrow();
  }

  @Test
  void macTilesCoverWholeFoldsOfTheArraysColumns() {
    // edge-fpga: WGT 1 MiB -> two 512 KiB slots; down_proj K = 6912 in base-3 is 1383 bytes a row, so a
    // slot holds 379 rows: 6 column folds of 64 for 379 rows, 41 folds for N = 2560 in 7 tiles. Rounded to
    // 320 rows (5 folds), 8 tiles take 40 folds, the minimum ceil(2560 / 64).
    assertEquals(320, bounds(ComputeUnit.MAC, 1, 2560, 6912).tileN());
    // q_proj: 512-byte rows, 1024 rows per slot, already whole folds
    assertEquals(1024, bounds(ComputeUnit.MAC, 1, 2560, 2560).tileN());
    // fewer rows than the array's columns: left alone
    assertEquals(20, bounds(ComputeUnit.MAC, 1, 40, 160).tileN());
  }
}
