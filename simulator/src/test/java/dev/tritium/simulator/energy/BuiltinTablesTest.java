package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins every built-in entry to the published (or stated) figure. */
class BuiltinTablesTest {

  private static Map<String, Double> energy(String table) {
    return CostTables.builtin(table).energy().stream()
        .collect(Collectors.toMap(e -> e.key() + "@" + e.nodeNm(), CostEntry::value, (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<String, Double> area(String table) {
    return CostTables.builtin(table).area().stream()
        .collect(Collectors.toMap(e -> e.key() + "@" + e.nodeNm(), CostEntry::value, (a, b) -> a, LinkedHashMap::new));
  }

  @Test
  void horowitzIsscc2014() {
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("int_add{bits=8}@45", 0.03);
    expected.put("int_add{bits=32}@45", 0.1);
    expected.put("int_mult{bits=8}@45", 0.2);
    expected.put("int_mult{bits=32}@45", 3.1);
    expected.put("fp_add{format=fp16}@45", 0.4);
    expected.put("fp_add{format=fp32}@45", 0.9);
    expected.put("fp_mult{format=fp16}@45", 1.1);
    expected.put("fp_mult{format=fp32}@45", 3.7);
    // 64-bit reads: 10 / 20 / 100 pJ at 8 KB / 32 KB / 1 MB, per bit.
    for (String op : new String[] {"sram_read", "sram_write"}) {
      expected.put(op + "{capacity_bytes=8192, width_bits=64}@45", 10.0 / 64);
      expected.put(op + "{capacity_bytes=32768, width_bits=64}@45", 20.0 / 64);
      expected.put(op + "{capacity_bytes=1048576, width_bits=64}@45", 100.0 / 64);
    }
    // DRAM 1.3-2.6 nJ per 64 bits: midpoint per bit; not node-scaled (node 0).
    expected.put("dram_read{kind=horowitz2014}@0", 1950.0 / 64);
    expected.put("dram_write{kind=horowitz2014}@0", 1950.0 / 64);
    assertEquals(expected, energy("horowitz-isscc2014"));

    Map<String, Double> expectedArea = new LinkedHashMap<>();
    expectedArea.put("int_adder{bits=8}@45", 36.0);
    expectedArea.put("int_adder{bits=32}@45", 137.0);
    expectedArea.put("int_multiplier{bits=8}@45", 282.0);
    expectedArea.put("int_multiplier{bits=32}@45", 3495.0);
    expectedArea.put("fp_adder{format=fp16}@45", 1360.0);
    expectedArea.put("fp_adder{format=fp32}@45", 4184.0);
    expectedArea.put("fp_multiplier{format=fp16}@45", 1640.0);
    expectedArea.put("fp_multiplier{format=fp32}@45", 7700.0);
    assertEquals(expectedArea, area("horowitz-isscc2014"));
  }

  @Test
  void bitnetTable2At45And7Nm() {
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("int_add{bits=8}@45", 0.03);
    expected.put("int_add{bits=8}@7", 0.007);
    expected.put("int_mult{bits=8}@45", 0.2);
    expected.put("int_mult{bits=8}@7", 0.07);
    expected.put("fp_add{format=fp16}@45", 0.4);
    expected.put("fp_add{format=fp16}@7", 0.16);
    expected.put("fp_mult{format=fp16}@45", 1.1);
    expected.put("fp_mult{format=fp16}@7", 0.34);
    expected.put("fp_add{format=fp32}@45", 0.9);
    expected.put("fp_add{format=fp32}@7", 0.38);
    expected.put("fp_mult{format=fp32}@45", 3.7);
    expected.put("fp_mult{format=fp32}@7", 1.31);
    assertEquals(expected, energy("bitnet-2023-table2"));
  }

  @Test
  void aladdinRegisterSkipAndLeakage() {
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("regfile_read@40", 0.008999495);
    expected.put("regfile_write@40", 0.008999495);
    expected.put("ternary_skip{acc_bits=32}@40", 0.0180559);
    assertEquals(expected, energy("aladdin-40nm"));
    assertEquals(Map.of("register@40", 5.981433, "skip_mux{acc_bits=32}@40", 50.36996), area("aladdin-40nm"));
    LeakageEntry leak = CostTables.builtin("aladdin-40nm").leakage().get(0);
    // REG_1ns_leakage_power 7.395312e-5 mW = 73.95312 nW over REG_1ns_area 5.981433 um^2.
    assertEquals(73.95312 / 5.981433, leak.nWPerUm2(), 1e-5);
    assertEquals(40, leak.nodeNm());
  }

  @Test
  void dramKindsPerBit() {
    Map<String, Double> e = energy("dram-kinds");
    assertEquals(8.0, e.get("dram_read{kind=lpddr4}@0"));
    assertEquals(70.0, e.get("dram_read{kind=ddr3}@0"));
    assertEquals(14.0, e.get("dram_read{kind=gddr5}@0"));
    assertEquals(3.9, e.get("dram_read{kind=hbm2}@0"));
    assertEquals(70.0 * (1.2 / 1.5) * (1.2 / 1.5), e.get("dram_read{kind=ddr4}@0"), 1e-12);
    assertEquals(14.0, e.get("dram_read{kind=gddr6}@0"));
    for (String kind : new String[] {"lpddr4", "ddr3", "gddr5", "hbm2", "ddr4", "gddr6"}) {
      assertEquals(e.get("dram_read{kind=" + kind + "}@0"), e.get("dram_write{kind=" + kind + "}@0"), kind);
    }
    assertEquals(12, e.size());
  }

  @Test
  void sramAreaFromCactiCell() {
    Map<String, Double> area = area("sram-area-cacti");
    assertEquals(1, area.size());
    assertEquals(146 * 0.045 * 0.045 / 0.5, area.get("sram@45"), 1e-12, "146 F^2 / 50%");
  }

  @Test
  void everyEntryNamesItsSourceAndAssumptionsSaySo() {
    for (String name : CostTables.builtinNames()) {
      CostTable t = CostTables.builtin(name);
      for (CostEntry e : t.energy()) {
        assertFalse(e.source().isBlank(), e.key());
        assertTrue(e.origin().startsWith("energy/" + name + ".yaml:"), e.origin());
      }
    }
    assertTrue(CostTables.builtin("dram-kinds").energy().stream()
        .filter(e -> e.conditions().name(Param.KIND).equals("ddr4"))
        .allMatch(e -> e.source().contains("ASSUMPTION")));
    assertTrue(CostTables.builtin("aladdin-40nm").energy().stream()
        .filter(e -> e.kind() == ActionKind.TERNARY_SKIP).allMatch(e -> e.source().startsWith("ASSUMPTION")));
  }
}
