package dev.tritium.simulator.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    String documented = text.substring(b + EnergyTablesDoc.BEGIN.length() + 1, e);
    assertEquals(EnergyTablesDoc.markdown(), documented,
        "README.md energy tables are stale: mvn -o test -pl simulator -Dtest=ReadmeSyncTest -Denergy.readme.update=true");
  }
}
