package dev.tritium.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams events to a CSV file, one row per event, through Apache Commons CSV. Columns are
 * {@link #HEADER}; {@code args_json} holds the args as a JSON object (empty object when none).
 */
public final class CsvTraceSink implements TraceSink {

  /** The column names, in order. */
  public static final List<String> HEADER = List.of(
      "track", "name", "category", "start_cycle", "duration_cycles", "end_cycle", "args_json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final CSVPrinter printer;
  private boolean closed;

  /** Creates (or truncates) {@code path} and writes the header row. */
  public CsvTraceSink(Path path) throws IOException {
    this.path = path;
    BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader(HEADER.toArray(String[]::new))
        .setRecordSeparator('\n')
        .build();
    this.printer = new CSVPrinter(out, format);
  }

  @Override
  public void emit(TraceEvent e) {
    if (closed) {
      throw new IllegalStateException("trace " + path + " is already closed");
    }
    try {
      printer.printRecord(e.track(), e.name(), e.category(), e.startCycle(), e.durationCycles(),
          e.endCycle(), argsJson(e));
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": cannot write trace event", ex);
    }
  }

  private static String argsJson(TraceEvent e) {
    try {
      return JSON.writeValueAsString(e.args());
    } catch (JsonProcessingException ex) {
      // Args are validated to be strings, numbers and booleans, which always serialize.
      throw new IllegalStateException("cannot serialize trace args " + e.args(), ex);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      printer.close(true);
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": cannot close trace", ex);
    }
  }
}
