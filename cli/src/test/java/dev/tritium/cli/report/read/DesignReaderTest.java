package dev.tritium.cli.report.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.report.Fixtures;
import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.EnergyRecord;
import dev.tritium.cli.report.model.LayerTiming;
import dev.tritium.cli.report.model.ReportData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignReaderTest {

  @TempDir Path tmp;

  private static DesignProfile read(Path dir) throws IOException {
    return DesignReader.read(dir, new ArrayList<>()).orElseThrow();
  }

  @Test
  void readsTheDesignFixture() throws IOException {
    DesignProfile d = read(Fixtures.copy("design", tmp.resolve("d")));
    assertEquals("edge-fpga", d.name());
    DesignInfo info = d.info().orElseThrow();
    assertTrue(info.pointId().isEmpty());
    assertEquals(5.12e11, info.peakOpsPerS(), 0);
    assertEquals(19.2, info.peakDramGBps(), 0);
    // Ridge: 512e9 ops/s / 19.2e9 B/s.
    assertEquals(26.666666666666668, info.ridgeOpsPerByte(), 1e-12);
    assertEquals(10, d.layers().size());
    LayerTiming q = d.layers().get(0);
    assertEquals("q_proj", q.layerType());
    // 2 x 2560 x 2560 x 30 ops over 2560 x 2560 x 0.2 x 30 bytes = 10 ops/byte.
    assertEquals(10, q.intensityOpsPerByte(), 1e-12);
    assertEquals(2129920 - 768000 - 1280000, q.otherNs(), 1e-9);
    assertEquals(393216000 / 2129920e-9, q.opsPerSecond(), 1);
    assertEquals(6, d.area().size());
  }

  @Test
  void memoryLevelsComeFromTheUnitWhenTheFileHasNoLevelColumn() throws IOException {
    DesignProfile d = read(Fixtures.copy("design", tmp.resolve("d")));
    Map<String, String> levelByUnit = d.energy().stream()
        .collect(Collectors.toMap(EnergyRecord::unit, EnergyRecord::memoryLevel, (a, b) -> a));
    assertEquals(Map.of("lut_core", "", "vector_unit", "", "buffers.weight", "SRAM", "buffers.activation", "SRAM",
        "register", "register", "dram", "DRAM"), levelByUnit);
    assertEquals("q_proj", d.energy().get(0).layer());
    assertEquals(7864320, d.energy().get(0).energyPj(), 0);
  }

  @Test
  void levelLabelsOfTheSimulatorAreNormalised() {
    assertEquals("", DesignReader.normaliseLevel("compute"));
    assertEquals("SRAM", DesignReader.normaliseLevel("sram.weight"));
    assertEquals("DRAM", DesignReader.normaliseLevel("dram"));
    assertEquals("register", DesignReader.normaliseLevel("rf"));
    assertEquals("HBM", DesignReader.normaliseLevel("HBM"));
    assertEquals("SRAM", DesignReader.memoryLevelOf("sram.activation"));
    assertEquals("", DesignReader.memoryLevelOf("mac_array"));
  }

  @Test
  void aLevelColumnWinsOverTheUnitName() throws IOException {
    Path d = Fixtures.copy("design", tmp.resolve("d"));
    Files.writeString(d.resolve("energy.csv"), "unit,level,energy_pJ\nmac_array,sram.weight,5\ndram,compute,7\n");
    List<EnergyRecord> e = read(d).energy();
    assertEquals(List.of(new EnergyRecord("all", "mac_array", "SRAM", "", 5),
        new EnergyRecord("all", "dram", "", "", 7)), e);
  }

  @Test
  void computePlusMemoryMayNotExceedLatency() throws IOException {
    Path d = Fixtures.copy("design", tmp.resolve("d"));
    Fixtures.edit(d.resolve("layers.csv"), "q_proj,2129920,", "q_proj,2000000,");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertEquals(d.resolve("layers.csv") + ":2: compute_ns + memory_bound_ns (2048000.0) exceeds latency_ns "
        + "(2000000.0)", e.getMessage());
  }

  @Test
  void negativeAndMissingValuesAreErrors() throws IOException {
    Path d = Fixtures.copy("design", tmp.resolve("a"));
    Fixtures.edit(d.resolve("layers.csv"), ",39321600\n", ",-1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(d));
    assertEquals(d.resolve("layers.csv") + ":2: column 'dram_bytes': expected a value >= 0, got -1", e.getMessage());

    Path j = Fixtures.copy("design", tmp.resolve("b"));
    Fixtures.edit(j.resolve("design.json"), "\"peak_dram_bandwidth_GBps\": 19.2", "\"peak_dram_bandwidth_GBps\": 0");
    e = assertThrows(IllegalArgumentException.class, () -> read(j));
    assertEquals(j.resolve("design.json") + ": field 'peak_dram_bandwidth_GBps': expected a positive number, got 0",
        e.getMessage());

    Path m = Fixtures.copy("design", tmp.resolve("c"));
    Fixtures.edit(m.resolve("layers.csv"), "memory_bound_ns", "memory_ns");
    e = assertThrows(IllegalArgumentException.class, () -> read(m));
    assertTrue(e.getMessage().contains("layers.csv: missing column 'memory_bound_ns'"), e.getMessage());
  }

  @Test
  void missingPartsBecomeNotes() throws IOException {
    Path d = Fixtures.copy("design", tmp.resolve("d"));
    Files.delete(d.resolve("layers.csv"));
    Files.delete(d.resolve("design.json"));
    Files.writeString(d.resolve("totals.json"), "{\"model\": \"m\", \"arch\": \"edge-fpga\", \"phase\": \"decode\"}");
    List<String> notes = new ArrayList<>();
    DesignProfile p = DesignReader.read(d, notes).orElseThrow();
    assertEquals("edge-fpga (m decode)", p.name());
    assertTrue(p.info().isEmpty() && p.layers().isEmpty());
    assertEquals(48, p.energy().size());
    assertEquals(List.of(d.resolve("design.json") + " is missing: no roofline (it needs the design's peak compute and "
        + "bandwidth).", d.resolve("layers.csv") + " is missing: no roofline and no per-layer latency."), notes);
  }

  @Test
  void missingEnergyIsANote() throws IOException {
    Path d = Fixtures.copy("design", tmp.resolve("d"));
    Files.delete(d.resolve("energy.csv"));
    List<String> notes = new ArrayList<>();
    assertTrue(DesignReader.read(d, notes).orElseThrow().energy().isEmpty());
    assertEquals(List.of(d.resolve("energy.csv") + " is missing: no energy breakdown."), notes);
  }

  @Test
  void reportReaderCombinesAndExplains() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("d"));
    ReportData r = ReportReader.read(d);
    assertTrue(r.sweep().isPresent() && r.design().isPresent());
    assertEquals(List.of(), r.notes());
    Fixtures.edit(d.resolve("design.json"), "\"point_id\": 11", "\"point_id\": 3");
    assertEquals(List.of("The design profile in DIR is point 3, not the chosen point 11."), ReportReader.read(d).notes());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportReader.read(tmp));
    assertTrue(e.getMessage().startsWith(tmp + ": no report inputs; expected results.csv + sweep.json"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ReportReader.read(tmp.resolve("nope")));
    assertTrue(e.getMessage().contains("nope: not a directory"), e.getMessage());
  }
}
