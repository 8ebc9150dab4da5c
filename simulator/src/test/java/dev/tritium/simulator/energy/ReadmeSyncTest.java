package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** simulator/README.md documents every built-in entry exactly as the tables hold them. */
class ReadmeSyncTest {

  @Test
  void readmeTablesAreGeneratedFromTheData() throws IOException {
    Path readme = Path.of("README.md"); // surefire runs in the module directory
    if (Boolean.getBoolean("energy.readme.update")) {
      EnergyTablesDoc.main(new String[] {readme.toString()});
    }
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int b = text.indexOf(EnergyTablesDoc.BEGIN);
    int e = text.indexOf(EnergyTablesDoc.END);
    assertTrue(b >= 0 && e > b, "README.md lacks the energy-table markers");
    assertTrue(EnergyTablesDoc.inSync(text),
        "README.md energy tables are stale: mvn -o test -pl simulator -Dtest=ReadmeSyncTest -Denergy.readme.update=true");
  }

  @Test
  void checkFailsWhenOneDocumentedValueChanges() throws IOException {
    String text = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String row = "| `int_add{bits=32}` | 0.1000 pJ | 45 nm |";
    assertTrue(text.contains(row), "expected row " + row);
    assertFalse(EnergyTablesDoc.inSync(text.replace(row, "| `int_add{bits=32}` | 0.1100 pJ | 45 nm |")));
  }
}
