package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sweep-formats.yaml end to end: every point carries its format, binary weights on the MAC array stream
 * fewer DRAM bytes than ternary ones on the same shape (so their energy is lower), the LUT core runs both
 * formats on the same tables (equal figures), each ok point agrees with `estimate --format`, and the report
 * colours the Pareto scatter by format.
 */
class FormatSweepTest extends CliTestBase {

  @TempDir Path dir;

  @Test
  void theFormatSweepComparesFormatsOnEachDesign() throws IOException {
    Path sweep = Path.of("../examples/sweep-formats.yaml").toAbsolutePath().normalize();
    Path out = dir.resolve("formats");
    assertEquals(0, run("dse", "--sweep", sweep.toString(), "--out", out.toString()), err::toString);
    Map<String, CSVRecord> byPoint = new HashMap<>();
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(Files.readString(out.resolve("results.csv")))).getRecords();
    assertEquals(36, rows.size());
    for (CSVRecord r : rows) {
      byPoint.put(r.get("format") + "/" + r.get("compute_unit") + "/" + r.get("mac_array.rows") + "x"
          + r.get("mac_array.cols"), r);
    }
    int compared = 0;
    for (CSVRecord t : rows) {
      if (!t.get("format").equals("bitnet-b1.58") || !t.get("status").equals("ok")) {
        continue;
      }
      String shape = t.get("compute_unit") + "/" + t.get("mac_array.rows") + "x" + t.get("mac_array.cols");
      CSVRecord b = byPoint.get("bitnet-w1/" + shape);
      assertEquals("ok", b.get("status"), shape);
      double eT = Double.parseDouble(t.get("energy_mJ"));
      double eB = Double.parseDouble(b.get("energy_mJ"));
      if (t.get("compute_unit").equals("mac")) {
        assertTrue(eB < 0.9 * eT, shape + ": binary " + eB + " mJ vs ternary " + eT + " mJ");
      } else {
        assertEquals(t.get("latency_cycles"), b.get("latency_cycles"), shape);
        assertEquals(t.get("energy_mJ"), b.get("energy_mJ"), shape);
      }
      compared++;
    }
    assertEquals(12, compared, "every feasible ternary point has its binary twin");
    // The default arch's point against the single-design command, which builds its estimator on another path.
    ArchConfig edge = ArchConfigs.preset(ArchConfigs.DEFAULT_PRESET);
    CSVRecord p = byPoint.get("bitnet-w1/mac/" + edge.macArray().rows() + "x" + edge.macArray().cols());
    this.out.getBuffer().setLength(0);
    assertEquals(0, run("estimate", "--model", "bitnet-b1.58-2b-4t", "--context", "1024", "--unit", "mac",
        "--format", "bitnet-w1"), err::toString);
    String total = String.format(Locale.ROOT, "%,d", Long.parseLong(p.get("latency_cycles")));
    assertTrue(this.out.toString().matches("(?s).*\\n  total +" + total.replace(",", "\\,") + " .*"),
        "estimate prints the sweep's " + total + " cycles:\n" + this.out);
    assertEquals(0, run("report", "--no-profile", out.toString()), err::toString);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<h2>Pareto scatter: latency vs energy, colour by format</h2>"), "report heading");
    assertTrue(html.contains(">bitnet-w1</text>"), "the legend names the formats");
    assertTrue(!html.contains("weights bitnet-b1.58"), "the subtitle names no single format for a sweep over formats");
  }
}
