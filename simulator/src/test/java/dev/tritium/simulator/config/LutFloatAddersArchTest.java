package dev.tritium.simulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.AreaAccounting;
import dev.tritium.simulator.energy.accounting.AreaReport;
import dev.tritium.simulator.unit.lut.LutCoreFpgaCost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code lut_core.float_adders}: parsed, passed to the ISA target, costed, and refused with bit-serial tables. */
class LutFloatAddersArchTest {

  private static String edgeFpgaText() throws IOException {
    try (InputStream in = ArchConfigs.class.getResourceAsStream("/arch/edge-fpga-mac.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String withLutAdders(String text) {
    String from = "  variant: ternary_base3\n";
    assertTrue(text.contains(from), "test setup");
    return text.replace(from, from + "  float_adders: fp32\n");
  }

  @Test
  void theKnobReachesTheIsaTargetAndTheCosts() throws IOException {
    ArchConfig plain = ArchConfigs.parse(edgeFpgaText(), "plain.yaml");
    ArchConfig fp = ArchConfigs.parse(withLutAdders(edgeFpgaText()), "fp.yaml");
    assertFalse(plain.lutCore().hasFloatAdders());
    assertTrue(fp.lutCore().hasFloatAdders());
    assertTrue(Machine.isaTarget(fp).lut().orElseThrow().floatAdders());
    assertFalse(Machine.isaTarget(plain).lut().orElseThrow().floatAdders());
    // edge-fpga-mac's core: g = 4 base-3 tables, 72 fp32 adds each (3^4 - 1 - 2*4), times the tables built per
    // cycle, plus one per lookup lane, each a 2-DSP48E2 PG060 adder.
    assertEquals(72, fp.lutCore().floatBuildAddsPerTable());
    long extraDsp = LutCoreFpgaCost.of(fp.lutCore(), 32).resources().dsp()
        - LutCoreFpgaCost.of(plain.lutCore(), 32).resources().dsp();
    assertEquals(2L * (fp.lutCore().tablesBuiltPerCycle() * 72L + fp.lutCore().lookupsPerCycle()), extraDsp);
    AreaReport area = AreaAccounting.of(fp, CostModel.preset("horowitz-45nm", 45));
    assertTrue(area.rows().stream().anyMatch(r -> r.unit().equals("lut_core.fp32_build_adders")
        && r.instances() == fp.lutCore().tablesBuiltPerCycle() * 72L), area.rows().toString());
    assertTrue(AreaAccounting.of(plain, CostModel.preset("horowitz-45nm", 45)).rows().stream()
        .noneMatch(r -> r.unit().startsWith("lut_core.fp32")));
  }

  @Test
  void bitSerialTablesWithFpAddersAreRefused() throws IOException {
    String text = withLutAdders(edgeFpgaText()).replace("  variant: ternary_base3\n", "  variant: bit_serial\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchConfigs.parse(text,
        "bad.yaml"));
    assertTrue(e.getMessage().contains("lut_core.float_adders"), e.getMessage());
    assertTrue(e.getMessage().contains("got bit_serial"), e.getMessage());
  }
}
