package dev.tritium.traces;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One span of activity on one hardware unit: an instruction executing, a DMA transfer, a stall.
 *
 * @param track the unit (one track per unit in viewers), e.g. {@code "mac_array"}, {@code "dma_load"}
 * @param name what ran, e.g. the instruction mnemonic
 * @param category a coarse class used for colouring and filtering, e.g. {@code "compute"}, {@code "dma"}
 * @param startCycle first busy cycle (inclusive), in cycles of the accelerator clock
 * @param durationCycles number of cycles the span lasts (0 allowed for instants)
 * @param args extra key/value details; values are strings, numbers or booleans (kept in insertion order)
 */
public record TraceEvent(
    String track,
    String name,
    String category,
    long startCycle,
    long durationCycles,
    Map<String, Object> args) {

  public TraceEvent {
    requireText(track, "track");
    requireText(name, "name");
    requireText(category, "category");
    if (startCycle < 0) {
      throw new IllegalArgumentException("trace event '" + name + "': startCycle must be >= 0, got " + startCycle);
    }
    if (durationCycles < 0) {
      throw new IllegalArgumentException(
          "trace event '" + name + "': durationCycles must be >= 0, got " + durationCycles);
    }
    Objects.requireNonNull(args, "args");
    for (Map.Entry<String, Object> e : args.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw new IllegalArgumentException("trace event '" + name + "': arg '" + e.getKey()
            + "' must be a string, number or boolean, got " + (v == null ? "null" : v.getClass().getSimpleName()));
      }
    }
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** An event without args. */
  public static TraceEvent of(String track, String name, String category, long startCycle, long durationCycles) {
    return new TraceEvent(track, name, category, startCycle, durationCycles, Map.of());
  }

  /** The first cycle after the span. */
  public long endCycle() {
    return startCycle + durationCycles;
  }

  private static void requireText(String s, String field) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException("trace event: " + field + " must be a non-empty string");
    }
  }
}
