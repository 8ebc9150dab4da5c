package dev.tritium.simulator.functional;

import dev.tritium.isa.Buffer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Bytes moved per SRAM buffer, to/from DRAM, and to/from the on-chip KV store (a design with
 * {@code attention.kv_placement: on_chip}), as the instructions' operands define them: each operand byte counts once
 * per instruction that reads or writes it. Re-reads a unit makes because it folds a tile over a smaller array are the
 * timing model's to charge.
 */
public record MemoryTraffic(Map<Buffer, Long> sramReadBytes, Map<Buffer, Long> sramWrittenBytes,
    long dramReadBytes, long dramWrittenBytes, long kvStoreReadBytes, long kvStoreWrittenBytes) {

  /** Without an on-chip KV store. */
  public MemoryTraffic(Map<Buffer, Long> sramReadBytes, Map<Buffer, Long> sramWrittenBytes, long dramReadBytes,
      long dramWrittenBytes) {
    this(sramReadBytes, sramWrittenBytes, dramReadBytes, dramWrittenBytes, 0, 0);
  }

  public MemoryTraffic {
    sramReadBytes = Collections.unmodifiableMap(new EnumMap<>(sramReadBytes));
    sramWrittenBytes = Collections.unmodifiableMap(new EnumMap<>(sramWrittenBytes));
  }

  public long sramReadBytes(Buffer b) {
    return sramReadBytes.getOrDefault(b, 0L);
  }

  public long sramWrittenBytes(Buffer b) {
    return sramWrittenBytes.getOrDefault(b, 0L);
  }
}
