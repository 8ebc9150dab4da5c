package dev.tritium.isa.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** isa/README.md's generated tables must equal what the spec generates now. */
class ReadmeTest {

  @Test
  void generatedTablesAreUpToDate() throws Exception {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertEquals(ReferenceDoc.splice(text), text,
        "isa/README.md is stale: run `java -cp isa/target/classes dev.tritium.isa.doc.ReferenceDoc isa/README.md`");
  }

  @Test
  void spliceReplacesOnlyTheGeneratedSection() {
    String doc = "intro\n" + ReferenceDoc.BEGIN + "\nold tables\n" + ReferenceDoc.END + "\noutro\n";
    String spliced = ReferenceDoc.splice(doc);
    assertTrue(spliced.startsWith("intro\n" + ReferenceDoc.BEGIN));
    assertTrue(spliced.endsWith(ReferenceDoc.END + "\noutro\n"));
    assertTrue(spliced.contains("| `wgt_addr` | 10..33 | 24 | addr |"), spliced);
    assertTrue(!spliced.contains("old tables"));
  }
}
