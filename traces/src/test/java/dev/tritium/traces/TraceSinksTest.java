package dev.tritium.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSinksTest {

  @TempDir Path dir;

  private static List<TraceEvent> sampleEvents() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("bytes", 4096);
    args.put("src", "dram, bank 0"); // a comma and a space must survive CSV quoting
    args.put("double_buffered", true);
    return List.of(
        new TraceEvent("dma_load", "LOAD weight", "dma", 0, 250, args),
        TraceEvent.of("mac_array", "GEMM 128x128", "compute", 250, 383),
        TraceEvent.of("dma_load", "LOAD act", "dma", 250, 10));
  }

  @Test
  void csvRoundTripsEveryField() throws IOException {
    Path file = dir.resolve("t.csv");
    try (TraceSink sink = TraceSinks.open(file, 250.0, "edge-fpga-mac")) {
      sampleEvents().forEach(sink::emit);
    }
    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(file)) {
      rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
    }
    assertEquals(3, rows.size());
    CSVRecord first = rows.get(0);
    assertEquals("dma_load", first.get("track"));
    assertEquals("LOAD weight", first.get("name"));
    assertEquals("dma", first.get("category"));
    assertEquals("0", first.get("start_cycle"));
    assertEquals("250", first.get("duration_cycles"));
    assertEquals("250", first.get("end_cycle"));
    JsonNode args = new ObjectMapper().readTree(first.get("args_json"));
    assertEquals(4096, args.get("bytes").asInt());
    assertEquals("dram, bank 0", args.get("src").asText());
    assertTrue(args.get("double_buffered").asBoolean());
    assertEquals("{}", rows.get(1).get("args_json"));
    assertEquals("633", rows.get(1).get("end_cycle"));
  }

  @Test
  void chromeJsonHasOneNamedTrackPerUnitAndMicrosecondTimes() throws IOException {
    Path file = dir.resolve("t.json");
    try (TraceSink sink = TraceSinks.open(file, 250.0, "edge-fpga-mac")) {
      sampleEvents().forEach(sink::emit);
    }
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode events = root.get("traceEvents");
    Map<String, Integer> tidByThreadName = new LinkedHashMap<>();
    List<JsonNode> complete = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("thread_name")) {
        tidByThreadName.put(e.get("args").get("name").asText(), e.get("tid").asInt());
      } else if (e.get("ph").asText().equals("X")) {
        complete.add(e);
      }
    }
    assertEquals(Map.of("dma_load", 1, "mac_array", 2), tidByThreadName);
    assertEquals(3, complete.size());
    JsonNode gemm = complete.get(1);
    assertEquals("GEMM 128x128", gemm.get("name").asText());
    assertEquals("compute", gemm.get("cat").asText());
    // 250 cycles at 250 MHz = 1 us; 383 cycles = 1.532 us.
    assertEquals(1.0, gemm.get("ts").asDouble(), 1e-12);
    assertEquals(1.532, gemm.get("dur").asDouble(), 1e-12);
    assertEquals(2, gemm.get("tid").asInt());
    assertEquals(1, complete.get(2).get("tid").asInt());
    assertEquals(4096, complete.get(0).get("args").get("bytes").asInt());
    assertEquals(250, complete.get(0).get("args").get("duration_cycles").asLong());
  }

  @Test
  void manyEventsStreamToDiskBeforeClose() throws IOException {
    // Structural check that nothing accumulates: bytes reach the file while the sink is still open,
    // and the only per-sink state (track table) stays at the number of units.
    for (String ext : List.of("csv", "json")) {
      Path file = dir.resolve("big." + ext);
      long sizeWhileOpen;
      try (TraceSink sink = TraceSinks.open(file, 1000.0, "p")) {
        for (int i = 0; i < 50_000; i++) {
          sink.emit(TraceEvent.of("unit" + (i % 4), "op", "compute", i, 1));
        }
        sizeWhileOpen = Files.size(file);
      }
      long finalSize = Files.size(file);
      assertTrue(sizeWhileOpen > finalSize / 2, ext + ": events must be flushed while streaming");
    }
    JsonNode root = new ObjectMapper().readTree(dir.resolve("big.json").toFile());
    assertEquals(50_000 + 1 + 4 * 2, root.get("traceEvents").size());
  }

  @Test
  void nullSinkIsOffAndDefault() {
    assertFalse(TraceSinks.none().enabled());
    TraceSinks.none().emit(TraceEvent.of("a", "b", "c", 0, 1));
    TraceSinks.none().close();
  }

  @Test
  void teeWritesBothFormats() throws IOException {
    Path csv = dir.resolve("a.csv");
    Path json = dir.resolve("a.json");
    try (TraceSink sink = TraceSinks.teeOf(List.of(
        TraceSinks.open(csv, 100, "p"), TraceSinks.open(json, 100, "p")))) {
      assertTrue(sink.enabled());
      sink.emit(TraceEvent.of("u", "n", "c", 5, 7));
    }
    assertEquals(2, Files.readAllLines(csv).size());
    JsonNode x = new ObjectMapper().readTree(json.toFile()).get("traceEvents").get(3);
    assertEquals(0.05, x.get("ts").asDouble(), 1e-12);
  }

  @Test
  void badInputsAreRejectedWithTheFieldName() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> TraceEvent.of("u", "n", "c", -1, 1));
    assertTrue(ex.getMessage().contains("startCycle"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> TraceSinks.open(dir.resolve("t.txt"), 100, "p"));
    assertTrue(ex.getMessage().contains(".csv or .json"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> new ChromeTraceSink(dir.resolve("z.json"), 0, "p"));
    assertTrue(ex.getMessage().contains("clock_mhz"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class,
        () -> new TraceEvent("u", "n", "c", 0, 1, Map.of("k", List.of())));
    assertTrue(ex.getMessage().contains("'k'"), ex.getMessage());
  }

  @Test
  void emitAfterCloseFails() throws IOException {
    TraceSink sink = TraceSinks.open(dir.resolve("c.csv"), 100, "p");
    sink.close();
    sink.close();
    assertThrows(IllegalStateException.class, () -> sink.emit(TraceEvent.of("u", "n", "c", 0, 1)));
  }
}
