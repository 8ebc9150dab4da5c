package dev.tritium.simulator.engine;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.unit.dma.DmaEngine;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.lut.LutTensorCore;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.vector.VectorUnit;
import java.util.EnumMap;
import java.util.Map;

/** Small machines whose timing is easy to compute by hand. */
final class TestMachines {

  private TestMachines() {}

  /**
   * 1 GHz; DRAM 64 GB/s = 64 B/cycle, 10 ns = 10 cycles latency, 64-byte bursts; no descriptor
   * overhead, one load and one store channel; every buffer 8 banks x 2 ports x 512 bits (128 B/cycle); 4 x 4 WS array; LUT g=3 base-3
   * 16-bit entries, 1 table/cycle, 4 lookups/cycle shared by 4 rows, latency 4; 16 vector lanes,
   * latency 2, II 1.
   */
  static Machine small() {
    return small(1);
  }

  /** {@link #small()} with several load channels (64 bursts outstanding each: never the limit here). */
  static Machine small(int loadChannels) {
    DramChannel dram = new DramChannel(64, 10, 64, 1000);
    Map<Buffer, SramBuffer> buffers = new EnumMap<>(Buffer.class);
    for (Buffer b : Buffer.values()) {
      buffers.put(b, new SramBuffer(b.name(), 1 << 20, 8, 2, 512));
    }
    return new Machine(1000, dram, new DmaEngine("dma_load", 0, loadChannels, 64, dram),
        new DmaEngine("dma_store", 0, 1, 64, dram),
        buffers, new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.NONE),
        new LutTensorCore(3, LutVariant.TERNARY_BASE3, 16, 1, 4, 4, 4), new VectorUnit(16, 2, 1));
  }
}
