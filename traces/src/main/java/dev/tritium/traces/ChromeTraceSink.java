package dev.tritium.traces;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams events as Chrome Trace Event Format JSON (the "JSON object" form with a
 * {@code traceEvents} array), which Perfetto and chrome://tracing open directly.
 *
 * <p>Each event becomes a complete event ({@code "ph":"X"}); each distinct track becomes one thread
 * ({@code tid}) of process 1, named by a {@code thread_name} metadata event emitted the first time the
 * track appears. Timestamps and durations are microseconds: {@code cycles / clock_MHz}. Only the
 * track-to-tid table is kept in memory (one entry per unit), never the events.
 */
public final class ChromeTraceSink implements TraceSink {

  private static final int PID = 1;

  private final Path path;
  private final double clockMhz;
  private final JsonGenerator json;
  private final Map<String, Integer> tidByTrack = new HashMap<>();
  private boolean closed;

  /**
   * Creates (or truncates) {@code path}.
   *
   * @param clockMhz the accelerator clock, used to turn cycles into microseconds
   * @param processName shown as the process label in the viewer, e.g. the arch config name
   */
  public ChromeTraceSink(Path path, double clockMhz, String processName) throws IOException {
    if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
      throw new IllegalArgumentException("chrome trace " + path + ": clock_mhz must be > 0, got " + clockMhz);
    }
    this.path = path;
    this.clockMhz = clockMhz;
    this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
    json.writeStartObject();
    json.writeStringField("displayTimeUnit", "ns");
    json.writeObjectFieldStart("otherData");
    json.writeNumberField("clock_mhz", clockMhz);
    json.writeStringField("time_unit", "us = cycles / clock_mhz");
    json.writeEndObject();
    json.writeArrayFieldStart("traceEvents");
    json.writeStartObject();
    json.writeStringField("name", "process_name");
    json.writeStringField("ph", "M");
    json.writeNumberField("pid", PID);
    json.writeObjectFieldStart("args");
    json.writeStringField("name", processName);
    json.writeEndObject();
    json.writeEndObject();
  }

  /** Microseconds for a cycle count at this sink's clock. */
  public double micros(long cycles) {
    return cycles / clockMhz;
  }

  @Override
  public void emit(TraceEvent e) {
    if (closed) {
      throw new IllegalStateException("trace " + path + " is already closed");
    }
    try {
      int tid = tidFor(e.track());
      json.writeStartObject();
      json.writeStringField("name", e.name());
      json.writeStringField("cat", e.category());
      json.writeStringField("ph", "X");
      json.writeNumberField("ts", micros(e.startCycle()));
      json.writeNumberField("dur", micros(e.durationCycles()));
      json.writeNumberField("pid", PID);
      json.writeNumberField("tid", tid);
      json.writeObjectFieldStart("args");
      json.writeNumberField("start_cycle", e.startCycle());
      json.writeNumberField("duration_cycles", e.durationCycles());
      for (Map.Entry<String, Object> a : e.args().entrySet()) {
        json.writeObjectField(a.getKey(), a.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": cannot write trace event", ex);
    }
  }

  private int tidFor(String track) throws IOException {
    Integer tid = tidByTrack.get(track);
    if (tid != null) {
      return tid;
    }
    int fresh = tidByTrack.size() + 1;
    tidByTrack.put(track, fresh);
    json.writeStartObject();
    json.writeStringField("name", "thread_name");
    json.writeStringField("ph", "M");
    json.writeNumberField("pid", PID);
    json.writeNumberField("tid", fresh);
    json.writeObjectFieldStart("args");
    json.writeStringField("name", track);
    json.writeEndObject();
    json.writeEndObject();
    // Keep tracks in first-seen order in the viewer.
    json.writeStartObject();
    json.writeStringField("name", "thread_sort_index");
    json.writeStringField("ph", "M");
    json.writeNumberField("pid", PID);
    json.writeNumberField("tid", fresh);
    json.writeObjectFieldStart("args");
    json.writeNumberField("sort_index", fresh);
    json.writeEndObject();
    json.writeEndObject();
    return fresh;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      json.writeEndArray();
      json.writeEndObject();
      json.close();
    } catch (IOException ex) {
      throw new UncheckedIOException(path + ": cannot close trace", ex);
    }
  }
}
