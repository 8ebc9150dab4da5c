package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.BitPlaneCounts;
import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.mac.MacArrayFpgaCost;
import org.junit.jupiter.api.Test;

/**
 * The MAC array's bit-plane PEs (GEMM.BP): the key defaults to false and reaches the ISA target; each AND + popcount
 * is priced as an 8-bit add, each pass add as a 32-bit add and each zero-point term as an int_mac{8, 32, 32} (Horowitz
 * 45 nm figures); area per PE and per column; the FPGA cost's ASSUMED PE and edge; nothing without the key.
 */
class BitPlaneCostTest {

  private static ArchConfig bitPlane(ArchConfig base) {
    return ArchKeys.with(base, "mac_array.bit_plane", "true");
  }

  @Test
  void theKeyDefaultsToFalseAndReachesTheIsaTarget() {
    for (String preset : ArchConfigs.presetNames()) {
      assertFalse(ArchConfigs.preset(preset).macArray().bitPlane(), preset);
      assertFalse(Machine.isaTarget(ArchConfigs.preset(preset)).macBitPlane(), preset);
    }
    assertTrue(Machine.isaTarget(bitPlane(EnergyAccountingTest.EDGE)).macBitPlane());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArchKeys.with(EnergyAccountingTest.EDGE, "mac_array.bit_plane", "maybe"));
    assertTrue(e.getMessage().contains("bit_plane"), e.getMessage());
  }

  @Test
  void energyPricesEachCountAtItsHorowitzFigure() {
    ActionCounters c = new ActionCounters();
    c.bitPlane(new BitPlaneCounts(1000, 100, 30));
    EnergyReport r = EnergyAccounting.price(c.snapshot(), bitPlane(EnergyAccountingTest.EDGE),
        EnergyAccountingTest.H45, 0);
    // Horowitz 45 nm: 8-bit add 0.03 pJ, 32-bit add 0.1 pJ.
    assertEquals(1000 * 0.03, r.entry("mac_array.bp_and_popcount").orElseThrow().totalPj(), 1e-9);
    assertEquals(100 * 0.1, r.entry("mac_array.bp_pass_add").orElseThrow().totalPj(), 1e-9);
    double mac = r.entry("mac_array.bp_zero_point_mac").orElseThrow().totalPj() / 30;
    assertTrue(mac > 0.1, "an int multiply plus the 32-bit add: " + mac);
    ActionCounters none = new ActionCounters();
    assertTrue(EnergyAccounting.price(none.snapshot(), EnergyAccountingTest.EDGE, EnergyAccountingTest.H45, 0)
        .entry("mac_array.bp_and_popcount").isEmpty(), "no GEMM.BP, no rows");
  }

  @Test
  void areaAddsPopcountAndRegistersPerPeAndAnEdgePerColumn() {
    AreaReport none = AreaAccounting.of(EnergyAccountingTest.EDGE, EnergyAccountingTest.H45);
    AreaReport bp = AreaAccounting.of(bitPlane(EnergyAccountingTest.EDGE), EnergyAccountingTest.H45);
    assertEquals(0.0, none.um2Of("mac_array.bit_plane_popcount"), 0.0);
    assertTrue(bp.um2Of("mac_array.bit_plane_popcount") > 0);
    assertTrue(bp.um2Of("mac_array.bit_plane_registers") > 0);
    assertTrue(bp.um2Of("mac_array.bit_plane_edge") > 0);
  }

  @Test
  void fpgaCostAddsTheAssumedPeAndEdge() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga");
    ComponentCost plain = MacArrayFpgaCost.pes(edge.macArray());
    ComponentCost bp = MacArrayFpgaCost.pes(bitPlane(edge).macArray());
    long pes = edge.macArray().peCount();
    long cols = edge.macArray().cols();
    assertEquals(plain.resources().lut() + pes * MacArrayFpgaCost.BIT_PLANE_PE_LUTS
        + cols * MacArrayFpgaCost.BIT_PLANE_EDGE.lut(), bp.resources().lut());
    assertEquals(plain.resources().ff() + pes * MacArrayFpgaCost.BIT_PLANE_PE_FFS
        + cols * MacArrayFpgaCost.BIT_PLANE_EDGE.ff(), bp.resources().ff());
    assertEquals(plain.resources().dsp() + cols, bp.resources().dsp());
    assertTrue(bp.basis().contains("ASSUMED"), bp.basis());
  }
}
