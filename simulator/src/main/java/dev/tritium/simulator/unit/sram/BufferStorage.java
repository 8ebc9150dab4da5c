package dev.tritium.simulator.unit.sram;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a buffer is built from. The choice changes its timing (an SRAM has {@code ports} x {@code width_bits}
 * per cycle; registers and LUTRAM are read in parallel by every consumer, so an access costs no port cycles),
 * its energy ({@code sram_read/write} per bit by capacity and width, or {@code regfile_read/write} per bit) and
 * its FPGA cost (BRAM36/URAM; one flip-flop per bit; or LUTs as 64-bit distributed RAM, one copy per port).
 */
public enum BufferStorage {
  /** Banked SRAM (on an FPGA: BRAM36 or URAM, chosen by {@code fpga-fit}). */
  @JsonProperty("sram") SRAM,
  /** Flip-flops (register tables, e.g. LUT tables that every lookup lane reads in the same cycle). */
  @JsonProperty("registers") REGISTERS,
  /** FPGA distributed RAM (LUTRAM): LUTs used as 64 x 1 RAMs, one copy per read port ({@code ports}). */
  @JsonProperty("lutram") LUTRAM;

  /** True for storage every consumer reads in parallel (no port cycles, priced per bit as a register file). */
  public boolean parallelRead() {
    return this != SRAM;
  }
}
