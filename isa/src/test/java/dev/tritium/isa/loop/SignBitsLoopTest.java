package dev.tritium.isa.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Deps;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.Packing;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGN_BITS is read by both units; a LUT loop over it keeps rows whole (its table stride would need the core's g),
 * while the MAC array may cut them at byte boundaries.
 */
class SignBitsLoopTest {

  private static final LoopWeights WEIGHTS = new LoopWeights(Deps.NONE, 0x1000, 8, 0x0, 0x400);
  private static final LoopGemm GEMM = new LoopGemm(Deps.NONE, 0x0, 0x0, 0x0, false, false, false);

  private static List<LoopPlan.Problem> problems(ComputeUnit unit, int tileK) {
    return LoopPlan.problems(WEIGHTS, new LoopBounds(Deps.NONE, 1, 8, 64, 8, tileK, unit, Packing.SIGN_BITS), GEMM);
  }

  @Test
  void bothUnitsReadSignBitsButOnlyTheMacArrayCutsItsRows() {
    assertEquals(List.of(), problems(ComputeUnit.LUT, 64));
    assertEquals(List.of(), problems(ComputeUnit.MAC, 16));
    List<LoopPlan.Problem> cut = problems(ComputeUnit.LUT, 16);
    assertEquals(1, cut.size(), cut.toString());
    assertEquals("tile_k", cut.get(0).field());
    assertTrue(cut.get(0).message().contains("cannot cut rows along K: tile_k 16 must cover K = 64"),
        cut.get(0).message());
    assertTrue(Packing.SIGN_BITS.readableBy(ComputeUnit.LUT) && Packing.SIGN_BITS.readableBy(ComputeUnit.MAC));
    assertTrue(!Packing.LUT_G3.readableBy(ComputeUnit.MAC) && !Packing.TWO_BIT.readableBy(ComputeUnit.LUT));
  }
}
