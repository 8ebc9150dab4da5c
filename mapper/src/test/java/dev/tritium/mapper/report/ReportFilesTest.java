package dev.tritium.mapper.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

  @TempDir Path dir;

  private static List<CSVRecord> read(Path p) throws IOException {
    try (Reader r = Files.newBufferedReader(p);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      return parser.getRecords();
    }
  }

  @Test
  void writesEnergyAreaAndTotalsThatAddUp() throws IOException {
    ModelEnergyReport r = ModelEnergyTest.DECODE;
    ReportFiles.write(r, dir.resolve("out"));
    Path out = dir.resolve("out");
    assertEquals("layer,unit,action_class,action,count,count_unit,pJ_per_action,total_pJ,level,count_basis,source",
        Files.readAllLines(out.resolve("energy.csv")).get(0));
    assertEquals("unit,component,instances,um2_per_instance,total_um2,source",
        Files.readAllLines(out.resolve("area.csv")).get(0));
    double sum = 0;
    for (CSVRecord rec : read(out.resolve("energy.csv"))) {
      double count = Long.parseLong(rec.get("count"));
      double perAction = Double.parseDouble(rec.get("pJ_per_action"));
      assertEquals(count * perAction, Double.parseDouble(rec.get("total_pJ")), 1e-9 * Math.max(1, count * perAction));
      assertTrue(List.of("ops", "bits").contains(rec.get("count_unit")));
      assertTrue(!rec.get("source").isBlank(), rec.toString());
      sum += Double.parseDouble(rec.get("total_pJ"));
    }
    assertEquals(r.total().dynamicPj(), sum, 1e-9 * sum);
    double area = 0;
    for (CSVRecord rec : read(out.resolve("area.csv"))) {
      area += Double.parseDouble(rec.get("total_um2"));
    }
    assertEquals(r.area().totalUm2(), area, 1e-9 * area);
    JsonNode j = new ObjectMapper().readTree(out.resolve("totals.json").toFile());
    assertEquals(r.total().totalPj(), j.get("total_pJ").asDouble(), 1e-9 * r.total().totalPj());
    assertEquals(j.get("dynamic_pJ").asDouble() + j.get("static_pJ").asDouble(), j.get("total_pJ").asDouble(),
        1e-9 * j.get("total_pJ").asDouble());
    double levels = 0;
    for (JsonNode v : j.get("dynamic_pJ_by_level")) {
      levels += v.asDouble();
    }
    assertEquals(j.get("dynamic_pJ").asDouble(), levels, 1e-9 * levels);
    assertTrue(j.get("cost_model").asText().contains("Stillmaker"), j.get("cost_model").asText());
    assertEquals(r.latencyMs(), j.get("latency_ms").asDouble());
  }

  @Test
  void everyNumericColumnNameCarriesItsUnit() {
    for (String col : ReportFiles.ENERGY_COLUMNS) {
      if (List.of("pJ_per_action", "total_pJ").contains(col)) {
        assertTrue(col.contains("pJ"));
      }
    }
    assertTrue(ReportFiles.ENERGY_COLUMNS.contains("count_unit"), "count is in ops or bits, said per row");
    assertTrue(ReportFiles.AREA_COLUMNS.containsAll(List.of("um2_per_instance", "total_um2")));
  }

  @Test
  void refusesAFileAsDirectory() throws IOException {
    Path f = Files.writeString(dir.resolve("file"), "x");
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> ReportFiles.write(ModelEnergyTest.DECODE, f));
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
  }
}
