package dev.tritium.simulator.unit.sram;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One on-chip buffer.
 *
 * @param sizeBytes capacity; must be a multiple of {@code banks}
 * @param banks independently addressed banks; power of two
 * @param ports ports per bank (1 = single port, 2 = dual port)
 * @param widthBits bits read or written per port per cycle
 * @param storage sram (default), registers or lutram ({@link BufferStorage})
 * @param doubleBuffered the weight buffer only: true (default) streams weight tiles through two slots, so the
 *     next tile's load overlaps this tile's compute; false keeps one slot the size of the whole buffer, and
 *     each tile's load waits until compute has finished the previous tile (load and compute serialised)
 */
public record SramBufferConfig(
    @JsonProperty("size_bytes") long sizeBytes,
    @JsonProperty("banks") int banks,
    @JsonProperty("ports") int ports,
    @JsonProperty("width_bits") int widthBits,
    @JsonProperty("storage") BufferStorage storage,
    @JsonProperty("double_buffered") boolean doubleBuffered) {

  /** An SRAM buffer, double-buffered where that applies (the defaults). */
  public SramBufferConfig(long sizeBytes, int banks, int ports, int widthBits) {
    this(sizeBytes, banks, ports, widthBits, BufferStorage.SRAM, true);
  }

  public SramBufferConfig {
    storage = storage == null ? BufferStorage.SRAM : storage;
  }

  /** Reads a buffer entry; {@code storage} and {@code double_buffered} are optional. */
  @JsonCreator
  static SramBufferConfig fromYaml(
      @JsonProperty(value = "size_bytes", required = true) long sizeBytes,
      @JsonProperty(value = "banks", required = true) int banks,
      @JsonProperty(value = "ports", required = true) int ports,
      @JsonProperty(value = "width_bits", required = true) int widthBits,
      @JsonProperty("storage") BufferStorage storage,
      @JsonProperty("double_buffered") Boolean doubleBuffered) {
    return new SramBufferConfig(sizeBytes, banks, ports, widthBits, storage,
        doubleBuffered == null || doubleBuffered);
  }

  /** Peak bytes per cycle over all banks and ports. */
  public double peakBytesPerCycle() {
    return (double) banks * ports * widthBits / 8.0;
  }

  /** True when the buffer is registers or LUTRAM (see {@link BufferStorage#parallelRead()}). */
  public boolean registers() {
    return storage.parallelRead();
  }
}
