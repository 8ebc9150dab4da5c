package dev.tritium.simulator.fit;

import dev.tritium.isa.encoding.IsaSpec;
import dev.tritium.simulator.engine.EngineOptions;
import dev.tritium.simulator.unit.FpgaResources;

/**
 * The accelerator's control: the fetch/decode logic, one command FIFO per instruction queue and one counter per
 * dependency-token direction. The HLS prototype (fpga's accelerator export) instantiates exactly these, with these
 * depths, and {@link FpgaFit} prices them from the same record, so the two cannot disagree on what is built.
 *
 * @param commandQueues instruction queues (load, compute, store)
 * @param commandQueueDepth instructions each command FIFO holds: the simulator's dispatcher capacity, so both stall
 *     alike
 * @param commandEntryBits bits of one FIFO entry: the 128-bit instruction word, plus its 32-bit source index and
 *     32-bit LOOP.GEMM ordinal that the prototype carries for its error reports
 * @param tokenCounters dependency-token directions (load->compute, compute->load, compute->store, store->compute)
 * @param tokenCapacity tokens one counter holds before the prototype reports an overflow (the simulator's counters
 *     are unbounded)
 */
public record ControlStructure(int commandQueues, int commandQueueDepth, int commandEntryBits, int tokenCounters,
    int tokenCapacity) {

  /** The accelerator's control as the prototype builds it. */
  public static final ControlStructure DEFAULT = new ControlStructure(3, EngineOptions.DEFAULT_QUEUE_CAPACITY,
      8 * IsaSpec.INSTRUCTION_BYTES + 64, 4, 4096);

  /**
   * AXI-Lite control slave, instruction fetch and decode, and the LOOP.GEMM expander. ASSUMED: no published figure
   * for this logic; the order of VTA-style fetch modules (a few hundred LUTs for the AXI-Lite slave, the rest for the
   * decode and address generation).
   */
  static final FpgaResources FETCH_AND_DECODE = new FpgaResources(800, 1_000, 0, 0, 0);

  /** Bits of one BRAM36 (UG573: 36 Kb). */
  private static final long BRAM36_BITS = 36L * 1024;

  /**
   * What the control takes: the fetch and decode logic, one BRAM36 (or more) per command FIFO, and a
   * ceil(log2(capacity + 1))-bit register per token counter.
   */
  public FpgaResources resources() {
    long bramPerFifo = Math.max(1, (long) Math.ceil((double) commandQueueDepth * commandEntryBits / BRAM36_BITS));
    long counterBits = 64 - Long.numberOfLeadingZeros(tokenCapacity);
    return FETCH_AND_DECODE.plus(new FpgaResources(0, tokenCounters * counterBits, 0, commandQueues * bramPerFifo, 0));
  }

  /** The cost line's description. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "fetch/decode (assumed); %d command FIFOs of %d x %d bits; %d token "
        + "counters of capacity %d", commandQueues, commandQueueDepth, commandEntryBits, tokenCounters, tokenCapacity);
  }
}
