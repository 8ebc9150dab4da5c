package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User table files: same format as the built-ins, strict validation naming file, line and key. */
class CostTablesValidationTest {

  private static final String GOOD = """
      table: lab
      energy:
        - action: int_add
          bits: 16
          pJ: 0.05
          node_nm: 45
          source: "our synthesis, 45 nm, 1.0 V"
      area:
        - component: int_adder
          bits: 16
          um2: 67
          node_nm: 45
          source: "our synthesis"
      leakage:
        - nW_per_um2: 10
          node_nm: 45
          source: "our synthesis"
      """;

  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> CostTables.parse(text, "lab.yaml")).getMessage();
  }

  private static void assertMessage(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }
  }

  @Test
  void goodFileLoadsFromDisk(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("lab.yaml");
    Files.writeString(file, GOOD);
    CostTable t = CostTables.load(file);
    assertEquals("lab", t.name());
    assertEquals(0.05, t.energy().get(0).value());
    assertEquals(file + ":3", t.energy().get(0).origin());
    assertEquals(67.0, t.area().get(0).value());
    assertEquals(10.0, t.leakage().get(0).nWPerUm2());
  }

  @Test
  void unknownKey() {
    assertMessage(error(GOOD.replace("    node_nm: 45\n    source: \"our synthesis, 45 nm, 1.0 V\"",
        "    node_nm: 45\n    volts: 1.0\n    source: \"x\"")), "lab.yaml:7", "unknown key 'volts'", "int_add");
    assertMessage(error("table: t\nenergies: []\n"), "lab.yaml:2", "unknown key 'energies'");
  }

  @Test
  void missingSource() {
    assertMessage(error(GOOD.replace("    source: \"our synthesis, 45 nm, 1.0 V\"\n", "")),
        "lab.yaml:3", "energy entry int_add", "'source'");
    assertMessage(error(GOOD.replace("\"our synthesis, 45 nm, 1.0 V\"", "\"  \"")), "lab.yaml:3", "'source'");
  }

  @Test
  void negativeEnergy() {
    assertMessage(error(GOOD.replace("pJ: 0.05", "pJ: -0.05")), "lab.yaml:5", "pJ must not be negative");
  }

  @Test
  void unknownActionName() {
    assertMessage(error(GOOD.replace("action: int_add", "action: int_addd")), "lab.yaml:3",
        "unknown action 'int_addd'", "ternary_add");
    assertMessage(error(GOOD.replace("component: int_adder", "component: adder")), "lab.yaml:9",
        "unknown component 'adder'");
  }

  @Test
  void duplicateEntries() {
    String dup = GOOD.replace("area:", """
          - {action: int_add, bits: 16, pJ: 0.06, node_nm: 45, source: "again"}
        area:""");
    assertMessage(error(dup), "lab.yaml:8", "duplicate entry int_add{bits=16} at 45 nm", "first at lab.yaml:3");
    // The same key at another node is allowed (BitNet gives 45 and 7 nm).
    CostTables.parse(dup.replace("pJ: 0.06, node_nm: 45", "pJ: 0.01, node_nm: 7"), "lab.yaml");
  }

  @Test
  void duplicateYamlKey() {
    assertMessage(error(GOOD.replace("    bits: 16\n    pJ", "    bits: 16\n    bits: 8\n    pJ")),
        "lab.yaml:5", "duplicate key 'bits'");
  }

  @Test
  void wrongUnitKeyMissingConditionAndBadValues() {
    assertMessage(error(GOOD.replace("pJ: 0.05", "pJ_per_bit: 0.05")), "lab.yaml:5", "write pJ, not pJ_per_bit");
    assertMessage(error(GOOD.replace("    bits: 16\n    pJ", "    pJ")), "lab.yaml:3", "needs condition 'bits'");
    assertMessage(error(GOOD.replace("bits: 16\n    pJ", "bits: sixteen\n    pJ")), "lab.yaml:3",
        "bits must be a positive integer");
    assertMessage(error(GOOD.replace("pJ: 0.05", "pJ: lots")), "lab.yaml:5", "'pJ' must be a finite number");
    assertMessage(error(GOOD.replace("node_nm: 45\n    source: \"our synthesis, 45", "node_nm: 4.5\n    source: \"our synthesis, 45")),
        "lab.yaml:6", "node_nm must be a positive whole number");
    assertMessage(error(GOOD.replace("    node_nm: 45\n    source: \"our synthesis, 45 nm, 1.0 V\"",
        "    source: \"our synthesis, 45 nm, 1.0 V\"")), "lab.yaml:3", "needs 'node_nm'");
    assertMessage(error("table: t\nenergy: {action: int_add}\n"), "lab.yaml:2", "must be a list");
    assertMessage(error("table: [\n"), "lab.yaml", "not valid YAML");
    assertMessage(error("description: no name\n"), "lab.yaml:1", "'table'");
  }

  @Test
  void userTableWithABuiltinNameIsRejected() {
    CostTable clash = CostTables.parse(GOOD.replace("table: lab", "table: dram-kinds"), "lab.yaml");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CostModel.preset("horowitz-45nm", 45).withUserTables(java.util.List.of(clash)));
    assertMessage(e.getMessage(), "two energy tables are named 'dram-kinds'");
  }
}
