package dev.tritium.common.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitSuffixesTest {

  @Test
  void namesTheKeyWithTheRightUnit() {
    assertEquals("wrong unit? 'clock_ghz' is in ghz but this field is in mhz: use 'clock_mhz' (convert the value)",
        UnitSuffixes.hint("clock_ghz", List.of("name", "clock_mhz")));
    assertEquals("wrong unit? 'latency_s' is in s; the fields of that name are 'latency_cycles' or 'latency_ms' "
        + "(convert the value)", UnitSuffixes.hint("latency_s", List.of("latency_cycles", "latency_ms", "area_um2")));
    assertNull(UnitSuffixes.hint("rowz", List.of("rows")));
    assertNull(UnitSuffixes.hint("size_bytes", List.of("size_bytes")));
  }
}
