package dev.tritium.simulator.energy.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.sram.BufferStorage;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.CostTables;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.energy.UnpricedException;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.stats.BufferStats;
import dev.tritium.simulator.stats.DramStats;
import dev.tritium.simulator.stats.OverlapStats;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnergyAccountingTest {

  /** edge-fpga: acc 32 bits, zero_skip energy, DDR4, weight buffer 1 MiB x 256 bits. */
  static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");
  static final CostModel H45 = CostModel.preset("horowitz-45nm", 45);
  static final EnergyModel E45 = H45.energy();

  static ArchConfig withWeights(ArchConfig a, WeightDatatype dt, ZeroSkip skip) {
    TernaryMacArrayConfig m = a.macArray();
    return a.withMacArray(m.withZeroSkip(skip).withWeightDatatype(dt));
  }

  @Test
  void entriesAreCountTimesTableEnergyAndHandValues() {
    EnergyReport r = EnergyAccounting.price(Counts.small(), EDGE, H45, 0);
    // Horowitz 45 nm: int32 add 0.1 pJ (ternary add = int add of the accumulator width).
    assertEquals(10 * 0.1, r.entry("mac_array.ternary_add").orElseThrow().totalPj(), 1e-12);
    assertEquals(6 * 0.1, r.entry("mac_array.ternary_sub").orElseThrow().totalPj(), 1e-12);
    // int8 MAC = 0.2 (int8 mult) + 0.1 (int32 add).
    assertEquals(3 * 0.3, r.entry("mac_array.int8_mac").orElseThrow().totalPj(), 1e-12);
    assertEquals(5 * 0.9, r.entry("vector_unit.fp32_add").orElseThrow().totalPj(), 1e-12);
    // exp = 7 fp32 mults + 6 fp32 adds (ASSUMPTION table): 7 x 3.7 + 6 x 0.9 = 31.3 pJ.
    assertEquals(2 * 31.3, r.entry("vector_unit.fp32_exp").orElseThrow().totalPj(), 1e-9);
    // DDR4: 44.8 pJ/bit, not node-scaled.
    assertEquals(140 * 8 * 44.8, r.entry("dram.read_bits").orElseThrow().totalPj(), 1e-9);
    assertEquals(16 * 8 * 44.8, r.entry("dram.write_bits").orElseThrow().totalPj(), 1e-9);
    for (EnergyEntry e : r.entries()) {
      assertEquals(e.count() * E45.price(e.action()).pJ(), e.totalPj(), 1e-12, e.actionClass());
    }
    assertEquals(8 * 100, r.entry("sram.weight.read_bits").orElseThrow().count());
    assertEquals("bits", r.entry("sram.weight.read_bits").orElseThrow().countUnit());
    assertEquals("ops", r.entry("mac_array.ternary_add").orElseThrow().countUnit());
  }

  @Test
  void reportSumsEqualThePricedCounts() {
    ActionCounts c = Counts.small();
    EnergyReport r = EnergyAccounting.price(c, EDGE, H45, 0);
    double expectedCompute = 10 * E45.price(Action.ternaryAdd(32)).pJ() + 6 * E45.price(Action.ternarySub(32)).pJ()
        + 4 * E45.price(Action.ternarySkip(32)).pJ() + 3 * E45.price(Action.intMac(8, 8, 32)).pJ()
        + 5 * E45.price(Action.fpAdd("fp32")).pJ() + 2 * E45.price(Action.fpFunc("exp", "fp32")).pJ();
    double weightSram = 8 * 100 * (E45.price(Action.sramRead(1 << 20, 256)).pJ()
        + E45.price(Action.sramWrite(1 << 20, 256)).pJ());
    double act = 8 * 40 * E45.price(Action.sramRead(512 << 10, 256)).pJ();
    double acc = 8 * 64 * E45.price(Action.sramWrite(128 << 10, 2048)).pJ();
    double dram = (140 + 16) * 8 * 44.8;
    assertEquals(expectedCompute, r.computePj(), 1e-9);
    assertEquals(weightSram, r.levelPj(EnergyLevel.sram("weight")), 1e-9);
    assertEquals(act, r.levelPj(EnergyLevel.sram("activation")), 1e-9);
    assertEquals(acc, r.levelPj(EnergyLevel.sram("accumulator")), 1e-9);
    assertEquals(dram, r.levelPj(EnergyLevel.DRAM), 1e-9);
    assertEquals(weightSram + act + acc, r.sramPj(), 1e-9);
    assertEquals(expectedCompute + weightSram + act + acc + dram, r.dynamicPj(), 1e-9);
    assertEquals(r.dynamicPj(), r.byLevel().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertEquals(r.dynamicPj(), r.byActionClass().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertEquals(List.of("compute", "sram.weight", "sram.activation", "sram.accumulator", "dram"),
        List.copyOf(r.byLevel().keySet()));
    assertEquals(0, r.staticPj());
  }

  @Test
  void unpricedActionIsAnErrorNamingIt() {
    // A stack with only a user table that prices integer adds: the zero-weight skip has no price.
    CostModel onlyAdds = new CostModel("lab", List.of(CostTables.parse("""
        table: lab
        energy:
          - {action: int_add, bits: 32, pJ: 0.05, node_nm: 45, source: "test"}
        """, "lab.yaml")), H45.law(), 45);
    UnpricedException e = assertThrows(UnpricedException.class,
        () -> EnergyAccounting.price(Counts.small(), EDGE, onlyAdds, 0));
    assertEquals("ternary_skip{acc_bits=32}", e.key());
    assertTrue(e.getMessage().contains("no energy table prices ternary_skip{acc_bits=32}"), e.getMessage());
    // Without skips every action is priced, but static energy needs the design's area: no default there either.
    ActionCounts noSkips = Counts.of(Counts.pairs(3, 2, 0), 0, Map.of(), 0, 0, 0, 0, 0);
    UnpricedException area = assertThrows(UnpricedException.class,
        () -> EnergyAccounting.price(noSkips, EDGE, onlyAdds, 0));
    assertEquals("int_adder{bits=32}", area.key());
    assertTrue(area.getMessage().contains("needed by ternary_pe{acc_bits=32}"), area.getMessage());
  }

  @Test
  void zeroSkipNoneChargesAnAddForZeroWeights() {
    EnergyReport gated = EnergyAccounting.price(Counts.small(), EDGE, H45, 0);
    EnergyReport none = EnergyAccounting.price(Counts.small(), withWeights(EDGE, WeightDatatype.TERNARY,
        ZeroSkip.NONE), H45, 0);
    assertEquals(Action.ternarySkip(32), gated.entry("mac_array.ternary_skip").orElseThrow().action());
    assertEquals(Action.ternaryAdd(32), none.entry("mac_array.ternary_skip").orElseThrow().action());
    assertEquals(4 * 0.1, none.entry("mac_array.ternary_skip").orElseThrow().totalPj(), 1e-12);
  }

  @Test
  void fp16BaselineArithmeticRatioEqualsTableRatio() {
    // BitNet Table 2 at 7 nm: fp16 MAC = 0.34 + 0.16; int adds scale linearly from INT8 ADD 0.007 -> 0.028 @32.
    CostModel b7 = CostModel.preset("bitnet-table2", 7);
    ActionCounts c = Counts.of(Counts.pairs(700, 500, 0), 0, Map.of(), 0, 0, 0, 0, 0);
    EnergyReport ternary = EnergyAccounting.price(c, EDGE, b7, 0);
    EnergyReport fp16 = EnergyAccounting.price(c, withWeights(EDGE, WeightDatatype.FP16, ZeroSkip.ENERGY), b7, 0);
    assertEquals(Action.fpMac("fp16", "fp16"), fp16.entry("mac_array.baseline_mac").orElseThrow().action());
    assertEquals(1200 * 0.5, fp16.pjOf("mac_array."), 1e-9);
    assertEquals(1200 * 0.028, ternary.pjOf("mac_array."), 1e-9);
    assertEquals(0.5 / 0.028, fp16.pjOf("mac_array.") / ternary.pjOf("mac_array."), 1e-9);
    // int8 baseline: int8 mult 0.07 + int32 add 0.028.
    EnergyReport int8 = EnergyAccounting.price(c, withWeights(EDGE, WeightDatatype.INT8, ZeroSkip.ENERGY), b7, 0);
    assertEquals((0.07 + 0.028) / 0.028, int8.pjOf("mac_array.") / ternary.pjOf("mac_array."), 1e-9);
  }

  @Test
  void unknownSplitNeedsHistogramOrStatedMix() {
    ActionCounts c = Counts.of(Counts.unknown(1000), 0, Map.of(), 0, 0, 0, 0, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EnergyAccounting.price(c, EDGE, H45, 0));
    assertTrue(e.getMessage().contains("add/sub/skip split of 1000 pairs is unknown"), e.getMessage());
    EnergyReport r = new EnergyAccounting(EDGE, H45).withAssumedWeightMix(new AssumedWeightMix(0.31, "test"))
        .price(c, 0);
    assertEquals(345, r.entry("mac_array.ternary_add").orElseThrow().count());
    assertEquals(345, r.entry("mac_array.ternary_sub").orElseThrow().count());
    assertEquals(310, r.entry("mac_array.ternary_skip").orElseThrow().count());
    assertTrue(r.entry("mac_array.ternary_add").orElseThrow().countBasis().startsWith("ASSUMED"));
  }

  @Test
  void statsGiveRuntimeBufferBytesAndBurstPadding() {
    SimStats s = new SimStats();
    s.read[Buffer.WGT.ordinal()] = 300; // engine saw fold re-reads: more than the functional 100
    s.dramRead = 140;
    s.dramWritten = 16;
    s.bus = 192; // 3 bursts of 64 B for 156 useful bytes
    s.cycles = 2500; // 10 us at 250 MHz
    EnergyAccounting acc = new EnergyAccounting(EDGE, H45);
    EnergyReport r = acc.price(Counts.small(), s.stats());
    assertEquals(8 * 300, r.entry("sram.weight.read_bits").orElseThrow().count());
    assertEquals(8 * 36, r.entry("dram.burst_padding_bits").orElseThrow().count());
    assertEquals(Action.dramRead("ddr4"), r.entry("dram.burst_padding_bits").orElseThrow().action());
    AreaReport area = acc.area();
    assertEquals(10_000.0, r.staticEnergy().runtimeNs(), 1e-9);
    assertEquals(area.leakageNWPerUm2() * area.totalUm2() * 10_000 * 1e-6, r.staticPj(), 1e-6);
    assertEquals(r.dynamicPj() + r.staticPj(), r.totalPj(), 1e-9);
  }

  @Test
  void overheadIsTrafficBeyondCompulsoryAtTheLevelsAveragePrice() {
    SimStats s = new SimStats();
    s.read[Buffer.WGT.ordinal()] = 300;
    s.read[Buffer.ACT.ordinal()] = 100;
    s.dramRead = 140;
    s.bus = 192;
    EnergyReport r = new EnergyAccounting(EDGE, H45).price(Counts.small(), s.stats());
    List<MemoryOverhead> o = EnergyAccounting.overhead(r, new CompulsoryTraffic(120, 0, 140, 0));
    MemoryOverhead dram = o.get(0);
    assertEquals("dram.read", dram.level());
    assertEquals(140 + 52, dram.actualBytes());
    assertEquals(72, dram.excessBytes());
    assertEquals(72 * 8 * 44.8, dram.excessPj(), 1e-9);
    MemoryOverhead sram = o.get(2);
    double wgt = E45.price(Action.sramRead(1 << 20, 256)).pJ();
    double actPj = E45.price(Action.sramRead(512 << 10, 256)).pJ();
    double avg = (300 * wgt + 100 * actPj) / 400;
    assertEquals(400, sram.actualBytes());
    assertEquals(260, sram.excessBytes());
    assertEquals(260 * 8 * avg, sram.excessPj(), 1e-9);
  }

  @Test
  void timesAndPlusMergeCounts() {
    EnergyReport r = EnergyAccounting.price(Counts.small(), EDGE, H45, 1000);
    EnergyReport three = r.times(3);
    EnergyReport sum = r.plus(r).plus(r);
    assertEquals(3 * r.dynamicPj(), three.dynamicPj(), 1e-9);
    assertEquals(three.entries().size(), sum.entries().size());
    for (int i = 0; i < three.entries().size(); i++) {
      assertEquals(three.entries().get(i).count(), sum.entries().get(i).count());
    }
    assertEquals(3 * r.staticPj(), sum.staticPj(), 1e-9);
    assertEquals(3000, three.staticEnergy().runtimeNs(), 1e-9);
  }

  /** A hand-built SimulationStats with settable buffer and DRAM counters. */
  static final class SimStats {
    final long[] read = new long[Buffer.values().length];
    final long[] written = new long[Buffer.values().length];
    long dramRead;
    long dramWritten;
    long bus;
    long cycles = 1;

    SimulationStats stats() {
      List<BufferStats> bs = new ArrayList<>();
      for (Buffer b : Buffer.values()) {
        bs.add(new BufferStats(b.name(), read[b.ordinal()], written[b.ordinal()], 0, 0, 0));
      }
      return new SimulationStats(cycles, 250, 0, List.of(), List.of(), bs,
          new DramStats(2, dramRead, dramWritten, bus, 0, 0, 1), new OverlapStats(cycles, 0, 0, 0, 0, 0, 0, 0));
    }
  }

  /** edge-fpga with its weight buffer (1 MiB, 8 banks, 2 ports, 256 bits) built from flip-flops. */
  static ArchConfig registerWeights() {
    return EDGE.withBuffer("weight", new SramBufferConfig(1 << 20, 8, 2, 256, BufferStorage.REGISTERS, true));
  }

  @Test
  void registerBuffersArePricedAsRegisterFileBits() {
    // Counts.small(): 100 bytes read from and 100 written to WGT -> 800 bits each way.
    EnergyReport regs = EnergyAccounting.price(Counts.small(), registerWeights(), H45, 0);
    EnergyEntry read = regs.entry("sram.weight.read_bits").orElseThrow();
    EnergyEntry write = regs.entry("sram.weight.write_bits").orElseThrow();
    assertEquals(Action.regfileRead(), read.action());
    assertEquals(Action.regfileWrite(), write.action());
    assertEquals(800, read.count());
    assertEquals(800, write.count());
    double regPerBit = E45.price(Action.regfileRead()).pJ();
    assertEquals(800 * regPerBit, read.totalPj(), 1e-9);
    // The same buffer as SRAM: sram_read{1 MiB, 256 bits} per bit, a different price.
    EnergyEntry sramRead = EnergyAccounting.price(Counts.small(), EDGE, H45, 0).entry("sram.weight.read_bits")
        .orElseThrow();
    assertEquals(Action.sramRead(1 << 20, 256), sramRead.action());
    double sramPerBit = E45.price(Action.sramRead(1 << 20, 256)).pJ();
    assertNotEquals(sramPerBit, regPerBit);
    // A flip-flop read (Aladdin: ~0.009 pJ/bit at 40 nm) is cheaper than a bit of a 1 MiB SRAM.
    assertTrue(regPerBit < sramPerBit, regPerBit + " vs " + sramPerBit);
    // The other buffers are unchanged.
    assertEquals(Action.sramRead(512 << 10, 256), regs.entry("sram.activation.read_bits").orElseThrow().action());
  }
}
