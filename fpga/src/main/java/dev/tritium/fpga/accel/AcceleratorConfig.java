package dev.tritium.fpga.accel;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.fit.BufferMapping;
import dev.tritium.simulator.fit.ControlStructure;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.sram.SramFpgaCost;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of the generated accelerator, taken from one arch config: the ISA target the simulator
 * derives from it (buffer bytes, config tag) plus the parallelism and memory organisation the HLS pragmas
 * need (MAC array, LUT core, vector lanes, banks and ports).
 *
 * @param archName the arch's name
 * @param target the ISA target ({@link Machine#isaTarget}), whose config tag a program binary must carry
 * @param buffers per ISA buffer its arch buffer (size, banks, ports, storage); absent when the arch has none
 * @param macRows MAC array rows (inputs per weight-stationary tile)
 * @param macCols MAC array columns (outputs per tile)
 * @param lutGroupSize the LUT core's g
 * @param lutVariant the LUT core's table variant
 * @param lutSharingRows output rows that share one table read
 * @param vectorLanes vector-unit lanes
 * @param clockMhz the target clock
 * @param part the FPGA part run_hls.tcl synthesizes for
 * @param memories per block-RAM buffer the primitive {@code fpga-fit} assigns it on that part (BRAM36 or URAM),
 *     so that the prototype binds the memories the estimate counted
 */
public record AcceleratorConfig(String archName, IsaTarget target, Map<Buffer, SramBufferConfig> buffers, int macRows,
    int macCols, int lutGroupSize, LutVariant lutVariant, int lutSharingRows, int vectorLanes, double clockMhz,
    FpgaPart part, Map<Buffer, BufferMapping.Memory> memories) {

  /** Instructions each command FIFO holds (the control fpga-fit prices: {@link ControlStructure}). */
  public static final int COMMAND_QUEUE_DEPTH = ControlStructure.DEFAULT.commandQueueDepth();
  /** Tokens a dependency counter holds; the simulator's counters are unbounded, so overflow is reported. */
  public static final int TOKEN_QUEUE_DEPTH = ControlStructure.DEFAULT.tokenCapacity();

  public AcceleratorConfig {
    buffers = Map.copyOf(buffers);
    memories = Map.copyOf(memories);
  }

  public static AcceleratorConfig of(ArchConfig arch, FpgaPart part) {
    if (arch.attentionOrDefault().onChip()) {
      throw new IllegalArgumentException("arch '" + arch.name() + "' keeps its KV cache on chip"
          + " (attention.kv_placement: on_chip); the generated accelerator has no on-chip KV store yet, so its DMA"
          + " cannot reach the store's window: export the design with attention.kv_placement: dram");
    }
    Map<Buffer, SramBufferConfig> buffers = new EnumMap<>(Buffer.class);
    Map<Buffer, BufferMapping.Memory> memories = new EnumMap<>(Buffer.class);
    List<BufferMapping> fit = FpgaFit.estimate(arch, part).buffers();
    for (Buffer b : Buffer.values()) {
      String name = Machine.configBufferName(b);
      SramBufferConfig c = arch.buffers().get(name);
      if (c != null) {
        buffers.put(b, c);
      }
      fit.stream().filter(m -> m.buffer().equals(name)).findFirst().ifPresent(m -> memories.put(b, m.memory()));
    }
    return new AcceleratorConfig(arch.name(), Machine.isaTarget(arch), buffers, arch.macArray().rows(),
        arch.macArray().cols(), arch.lutCore().groupSize(), arch.lutCore().variant(),
        Math.max(1, arch.lutCore().tableSharingRows()), arch.vectorUnit().lanes(), arch.clockMhz(), part, memories);
  }

  /** Bytes of an ISA buffer (0 when the arch has none). */
  public long bytes(Buffer b) {
    return target.bytes(b);
  }

  /**
   * Partitions of a buffer's array: the memory arrays fpga-fit counts for it ({@link SramFpgaCost#arrays}: one per
   * bank, replicated for ports beyond a dual-port pair, one per reader in the fabric), so the prototype partitions
   * exactly the memories the estimate priced.
   */
  public int partitions(Buffer b) {
    SramBufferConfig c = buffers.get(b);
    return c == null ? 1 : SramFpgaCost.arrays(c);
  }

  /**
   * The Vitis storage binding of a buffer: true dual port when the arch gives it two or more ports; LUTRAM
   * for fabric storage (the arch's lutram or registers, which fpga-fit prices as fabric), else the block RAM
   * primitive fpga-fit chose for it on the part.
   */
  public String storage(Buffer b) {
    SramBufferConfig c = buffers.get(b);
    if (c == null) {
      return "type=ram_1p impl=bram";
    }
    String type = c.ports() >= 2 ? "ram_t2p" : "ram_1p";
    String impl = c.registers() ? "lutram" : memories.get(b) == BufferMapping.Memory.URAM ? "uram" : "bram";
    return "type=" + type + " impl=" + impl;
  }
}
