package dev.tritium.common.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YamlLinesTest {

  @Test
  void linesOfKeysAndListItems() {
    YamlLines y = YamlLines.of("a: 1\nb:\n  c: [1, 2]\n  d:\n    - x\n    - y\n", "t.yaml");
    assertEquals(1, y.line("a"));
    assertEquals(3, y.line("b.c"));
    assertEquals(6, y.line("b.d[1]"));
    assertEquals(" (line 2)", y.at("b"));
    assertEquals("", y.at("nope"));
  }

  @Test
  void aliasesAreRefusedWithTheirLine() {
    String msg = assertThrows(IllegalArgumentException.class,
        () -> YamlLines.of("a: &x 1\nb: *x\n", "t.yaml")).getMessage();
    assertTrue(msg.startsWith("t.yaml: line 2: YAML anchors and aliases are not supported (found alias '*x')"), msg);
  }
}
