package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.BitPlaneCounts;
import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.lut.LutCoreFpgaCost;
import org.junit.jupiter.api.Test;

/**
 * The LUT core's bit-plane tables (lut_core.bit_plane): the key defaults to false and reaches the ISA target; the
 * zero-point term priced as GEMM.BP's edge (int_mac{8, 32, 32}), nothing without a LUT.GEMM.BP; the area rows; the
 * ASSUMED FPGA increment (builder per table slot, one DSP48E2 edge per shared row).
 */
class LutBitPlaneCostTest {

  private static ArchConfig bitPlane(ArchConfig base) {
    return ArchKeys.with(base, "lut_core.bit_plane", "true");
  }

  @Test
  void theKeyDefaultsToFalseAndReachesTheIsaTarget() {
    for (String preset : ArchConfigs.presetNames()) {
      assertFalse(ArchConfigs.preset(preset).lutCore().bitPlane(), preset);
      assertFalse(Machine.isaTarget(ArchConfigs.preset(preset)).lut().orElseThrow().bitPlane(), preset);
    }
    assertTrue(Machine.isaTarget(bitPlane(EnergyAccountingTest.EDGE)).lut().orElseThrow().bitPlane());
  }

  @Test
  void theZeroPointTermIsPricedAsGemmBpsEdge() {
    ActionCounters c = new ActionCounters();
    c.lutBitPlaneEdge(30);
    EnergyReport r = EnergyAccounting.price(c.snapshot(), bitPlane(EnergyAccountingTest.EDGE),
        EnergyAccountingTest.H45, 0);
    // GEMM.BP's 30 zero-point terms (its rows are priced only when it ANDed something: one AND + popcount here)
    ActionCounters gemmBp = new ActionCounters();
    gemmBp.bitPlane(new BitPlaneCounts(1, 0, 30));
    EnergyReport mac = EnergyAccounting.price(gemmBp.snapshot(), ArchKeys.with(EnergyAccountingTest.EDGE,
        "mac_array.bit_plane", "true"), EnergyAccountingTest.H45, 0);
    assertEquals(mac.entry("mac_array.bp_zero_point_mac").orElseThrow().totalPj(),
        r.entry("lut_core.bp_zero_point_mac").orElseThrow().totalPj(), 1e-12);
    assertTrue(r.entry("lut_core.bp_zero_point_mac").orElseThrow().totalPj() / 30 > 0.1);
    assertTrue(EnergyAccounting.price(new ActionCounters().snapshot(), EnergyAccountingTest.EDGE,
        EnergyAccountingTest.H45, 0).entry("lut_core.bp_zero_point_mac").isEmpty());
  }

  @Test
  void areaAddsTheBuilderAndTheEdges() {
    AreaReport none = AreaAccounting.of(EnergyAccountingTest.EDGE, EnergyAccountingTest.H45);
    AreaReport bp = AreaAccounting.of(bitPlane(EnergyAccountingTest.EDGE), EnergyAccountingTest.H45);
    assertEquals(0.0, none.um2Of("lut_core.bit_plane_build_adders"), 0.0);
    assertTrue(bp.um2Of("lut_core.bit_plane_build_adders") > 0);
    assertTrue(bp.um2Of("lut_core.bit_plane_edge") > 0);
  }

  @Test
  void fpgaCostAddsTheAssumedBuilderAndEdges() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga");
    int acc = edge.macArray().accumulatorBits();
    ComponentCost plain = LutCoreFpgaCost.of(edge.lutCore(), acc);
    ComponentCost bp = LutCoreFpgaCost.of(bitPlane(edge).lutCore(), acc);
    long slots = edge.lutCore().tablesBuiltPerCycle();
    long rows = edge.lutCore().tableSharingRows();
    // per slot 15 adders x 11 bits and 16 x 11 entry bits; per shared row acc bits of adder and register, one DSP
    assertEquals(plain.resources().lut() + slots * 15 * 11 + rows * acc, bp.resources().lut());
    assertEquals(plain.resources().ff() + slots * 16 * 11 + rows * acc, bp.resources().ff());
    assertEquals(plain.resources().dsp() + rows, bp.resources().dsp());
    assertTrue(bp.basis().contains("ASSUMED"), bp.basis());
  }
}
