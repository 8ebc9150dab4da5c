package dev.tritium.simulator.unit.sram;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One on-chip SRAM buffer.
 *
 * @param sizeBytes capacity; must be a multiple of {@code banks}
 * @param banks independently addressed banks; power of two
 * @param ports ports per bank (1 = single port, 2 = dual port)
 * @param widthBits bits read or written per port per cycle
 */
public record SramBufferConfig(
    @JsonProperty(value = "size_bytes", required = true) long sizeBytes,
    @JsonProperty(value = "banks", required = true) int banks,
    @JsonProperty(value = "ports", required = true) int ports,
    @JsonProperty(value = "width_bits", required = true) int widthBits) {

  /** Peak bytes per cycle over all banks and ports. */
  public double peakBytesPerCycle() {
    return (double) banks * ports * widthBits / 8.0;
  }
}
