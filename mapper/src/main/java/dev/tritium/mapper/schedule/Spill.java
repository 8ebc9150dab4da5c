package dev.tritium.mapper.schedule;

import dev.tritium.isa.Buffer;

/**
 * One spill event: before step {@code step}, {@code tensor} is stored to its DRAM home (STORE) or
 * loaded back (RELOAD).
 */
public record Spill(Kind kind, int step, String tensor, Buffer buffer, long bytes, String reason) {

  public enum Kind { STORE, RELOAD }
}
