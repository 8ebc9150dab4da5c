package dev.tritium.mapper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionLoweringTest {

  private static LoopBounds bounds(ComputeUnit unit, int m, int n, int k) {
    ProgramBuilder pb = new ProgramBuilder();
    new ProjectionLowering(Machine.isaTarget(ArchConfigs.preset("edge-fpga-mac")), unit).emit(pb, m, n, k, 0,
        n, 0, 1f, 0, 0, 0, 0);
    List<Instruction> p = pb.finish();
    return p.stream().filter(i -> i instanceof LoopBounds).map(i -> (LoopBounds) i).findFirst().orElseThrow();
  }

  @Test
  void macTilesAreWholeFoldsAndAboutAnEighthOfTheRows() {
    // edge-fpga: WGT 1 MiB -> two 512 KiB slots. down_proj K = 6912 in base-3 is 1383 bytes a row, so a slot
    // holds 379 rows; an eighth of N = 2560 is 320 = 5 column folds of 64: 8 tiles, 40 folds (379-row tiles
    // would take 41: a partial fold costs a whole one).
    assertEquals(320, bounds(ComputeUnit.MAC, 1, 2560, 6912).tileN());
    // q_proj: a slot holds 1024 rows of 512 bytes, but an eighth (320) keeps the first, exposed, tile small
    assertEquals(320, bounds(ComputeUnit.MAC, 1, 2560, 2560).tileN());
    // k_proj N = 640: an eighth is 80 -> one fold of 64 rows
    assertEquals(64, bounds(ComputeUnit.MAC, 1, 640, 2560).tileN());
    // fewer rows than the array's columns: the whole N in one tile
    assertEquals(40, bounds(ComputeUnit.MAC, 1, 40, 160).tileN());
    // the LUT core has no fold granule: an eighth, rounded up
    assertEquals(864, bounds(ComputeUnit.LUT, 1, 6912, 2560).tileN());
  }
}
