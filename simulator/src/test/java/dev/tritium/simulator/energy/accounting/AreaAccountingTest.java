package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.energy.AreaModel;
import dev.tritium.simulator.energy.Component;
import dev.tritium.simulator.energy.CostModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class AreaAccountingTest {

  static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");

  @Test
  void unitsAndInstancesOfTheEdgePreset() {
    CostModel h45 = CostModel.preset("horowitz-45nm", 45);
    AreaModel m = h45.area();
    AreaReport r = AreaAccounting.of(EDGE, h45);
    assertEquals(List.of("mac_array", "lut_core.build_adders", "lut_core.accumulate_adders",
        "vector_unit.fp32_adders", "vector_unit.fp32_multipliers", "sram.weight", "sram.activation",
        "sram.accumulator", "sram.lut", "sram.output"), r.rows().stream().map(AreaRow::unit).toList());
    AreaRow pe = r.rows().get(0);
    assertEquals(32 * 64, pe.instances());
    assertEquals(m.price(Component.ternaryPe(32)).um2(), pe.um2PerInstance(), 1e-12);
    // g = 4 base-3: 81 entries, one table per cycle -> 80 adders of 16 bits.
    assertEquals(80, r.rows().get(1).instances());
    assertEquals(64, r.rows().get(2).instances());
    assertEquals(32, r.rows().get(3).instances());
    // Horowitz 45 nm fp32 adder 4184 um2 (as the table gives it) per lane.
    assertEquals(32 * 4184, r.rows().get(3).totalUm2(), 1e-9);
    // CACTI cell 0.5913 um2/bit at 45 nm: 1 MiB weight buffer.
    assertEquals(8.0 * (1 << 20) * 0.5913, r.rows().get(5).totalUm2(), 1e-6);
    assertEquals(r.rows().stream().mapToDouble(AreaRow::totalUm2).sum(), r.totalUm2(), 1e-6);
  }

  @Test
  void baselinePesAndNodeScaling() {
    ArchConfig fp16 = EnergyAccountingTest.withWeights(EDGE, WeightDatatype.FP16, ZeroSkip.ENERGY);
    CostModel h45 = CostModel.preset("horowitz-45nm", 45);
    assertEquals(h45.area().price(Component.fpMacPe("fp16", "fp16")).um2() * 2048,
        AreaAccounting.of(fp16, h45).um2Of("mac_array"), 1e-6);
    // SRAM is one area entry at 45 nm: Stillmaker-Baas area factor 45 -> 7 nm is 0.059.
    assertEquals(AreaAccounting.of(EDGE, h45).um2Of("sram.") * 0.059,
        AreaAccounting.of(EDGE, h45.atNode(7)).um2Of("sram."), 1e-3);
  }

  @Test
  void registerBufferAreaIsOneRegisterPerBit() {
    AreaReport sram = AreaAccounting.of(EDGE, EnergyAccountingTest.H45);
    AreaReport regs = AreaAccounting.of(EnergyAccountingTest.registerWeights(), EnergyAccountingTest.H45);
    AreaRow sramRow = sram.rows().stream().filter(r -> r.unit().equals("sram.weight")).findFirst().orElseThrow();
    AreaRow regRow = regs.rows().stream().filter(r -> r.unit().equals("sram.weight")).findFirst().orElseThrow();
    assertEquals(1, sramRow.instances());
    assertEquals(8L * (1 << 20), regRow.instances());
    double perBit = EnergyAccountingTest.H45.area().price(Component.register()).um2();
    assertEquals(perBit, regRow.um2PerInstance(), 1e-12);
    assertEquals(8.0 * (1 << 20) * perBit, regs.um2Of("sram.weight"), 1e-9 * regs.um2Of("sram.weight"));
    // Every other row is the same.
    assertEquals(sram.um2Of("sram.activation"), regs.um2Of("sram.activation"), 1e-9);
    assertEquals(sram.um2Of("mac_array"), regs.um2Of("mac_array"), 1e-9);
  }
}
