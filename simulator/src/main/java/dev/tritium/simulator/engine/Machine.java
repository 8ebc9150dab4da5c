package dev.tritium.simulator.engine;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.dma.DmaConfig;
import dev.tritium.simulator.unit.dram.DramConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.FloatAdders;
import dev.tritium.simulator.unit.sparse.SparseUnit;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.vector.VectorUnitConfig;
import dev.tritium.simulator.unit.dma.DmaEngine;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.lut.LutTensorCore;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.vector.VectorUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * The timing units of one accelerator instance. Units hold reservation calendars, so a Machine is
 * used for one simulation run; build a fresh one per run ({@link #of(ArchConfig)} is cheap).
 *
 * <p>ISA buffers map to arch-config buffers: WGT = weight, ACT = activation, ACC = accumulator,
 * LUT = lut, VEC = output (the arch config's fp32 vector scratch).
 */
public record Machine(
    double clockMhz,
    DramChannel dram,
    DmaEngine loadDma,
    DmaEngine storeDma,
    Map<Buffer, SramBuffer> buffers,
    TernaryMacArray macArray,
    LutTensorCore lutCore,
    VectorUnit vectorUnit,
    SparseUnit sparseUnit) {

  /**
   * Pipeline latency of the LUT core (table read, lane add, write-back). The arch config has no key
   * for it yet; ASSUMED, documented in simulator/README.md.
   */
  public static final long LUT_PIPELINE_LATENCY_CYCLES = 4;

  /** A machine whose GEMM.SP runs on the vector lanes (no sparse unit). */
  public Machine(double clockMhz, DramChannel dram, DmaEngine loadDma, DmaEngine storeDma, Map<Buffer, SramBuffer> buffers,
      TernaryMacArray macArray, LutTensorCore lutCore, VectorUnit vectorUnit) {
    this(clockMhz, dram, loadDma, storeDma, buffers, macArray, lutCore, vectorUnit, null);
  }

  public Machine {
    // EnumMap: buffer lookups are on the engine's per-instruction path.
    buffers = java.util.Collections.unmodifiableMap(new EnumMap<>(buffers));
    for (Buffer b : Buffer.values()) {
      if (!buffers.containsKey(b)) {
        throw new IllegalArgumentException("machine has no SRAM buffer for " + b);
      }
    }
  }

  /** The arch config's buffer name for an ISA buffer. */
  public static String configBufferName(Buffer b) {
    return switch (b) {
      case WGT -> "weight";
      case ACT -> "activation";
      case ACC -> "accumulator";
      case LUT -> "lut";
      case VEC -> "output";
    };
  }

  /** Fresh units for one run on {@code arch}. */
  public static Machine of(ArchConfig arch) {
    double clock = arch.clockMhz();
    DramConfig d = arch.dram();
    DramChannel dram = new DramChannel(d.peakBandwidthGBps(), d.latencyNs(), d.burstBytes(), clock);
    DmaConfig dma = arch.dma();
    Map<Buffer, SramBuffer> buffers = new EnumMap<>(Buffer.class);
    for (Buffer b : Buffer.values()) {
      String name = configBufferName(b);
      SramBufferConfig c = arch.buffers().get(name);
      if (c == null) {
        throw new IllegalArgumentException("arch config '" + arch.name() + "': key 'buffers." + name
            + "' is missing; the simulator needs it for the ISA buffer " + b);
      }
      buffers.put(b, new SramBuffer(b.name(), c.sizeBytes(), c.banks(), c.ports(), c.widthBits(), c.storage()));
    }
    TernaryMacArrayConfig m = arch.macArray();
    LutCoreConfig l = arch.lutCore();
    VectorUnitConfig v = arch.vectorUnit();
    // The on-chip KV store (attention.kv_placement: on_chip): one memory both DMA engines reach through its window.
    SramBufferConfig kv = arch.attentionOrDefault().onChip() ? arch.buffers().get("kv") : null;
    SramBuffer kvStore = kv == null ? null
        : new SramBuffer("KV", kv.sizeBytes(), kv.banks(), kv.ports(), kv.widthBits(), kv.storage());
    return new Machine(
        clock,
        dram,
        new DmaEngine(UnitId.DMA_LOAD.label(), dma.descriptorOverheadCycles(), dma.loadChannels(),
            dma.maxOutstanding(), dma.streamPorts(), dma.portWidthBits(), dram, kvStore),
        new DmaEngine(UnitId.DMA_STORE.label(), dma.descriptorOverheadCycles(), dma.storeChannels(),
            dma.maxOutstanding(), dma.streamPorts(), dma.portWidthBits(), dram, kvStore),
        buffers,
        new TernaryMacArray(m.rows(), m.cols(), m.dataflow(), m.zeroSkip(), m.stationaryDoubleBuffer(),
            m.int8Multipliers(), m.floatAdders() != FloatAdders.NONE, m.intMultipliers().bits(), m.bitPlane()),
        new LutTensorCore(l.groupSize(), l.variant(), l.tableEntryBits(), l.tablesBuiltPerCycle(),
            l.tableBuildCycles(), l.activationBlock(), l.lookupsPerCycle(), l.tableSharingRows(), LUT_PIPELINE_LATENCY_CYCLES,
            l.hasFloatAdders(), l.bitPlane()),
        new VectorUnit(v.lanes(), v.opLatencyCycles(), v.opInitiationIntervalCycles()),
        arch.sparseUnit() == null ? null : SparseUnit.of(arch.sparseUnit()));
  }

  /**
   * The ISA-visible facts of an arch config (buffer sizes, array shape, LUT core, lanes, packings the
   * units read: TWO_BIT, BASE3 and (binary weights) SIGN_BITS on the MAC array, and the LUT core's own packing), for the validator,
   * binary config tags and the functional machine state.
   */
  public static IsaTarget isaTarget(ArchConfig arch) {
    LutCoreConfig l = arch.lutCore();
    LutVariant variant = l.variant();
    EnumSet<Packing> packings = EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.SIGN_BITS);
    Packing lutPacking = Packing.forLut(l.groupSize(), variant);
    if (lutPacking != null) {
      packings.add(lutPacking);
    }
    Map<Buffer, Long> bytes = new EnumMap<>(Buffer.class);
    for (Buffer b : Buffer.values()) {
      SramBufferConfig c = arch.buffers().get(configBufferName(b));
      bytes.put(b, c == null ? 0L : c.sizeBytes());
    }
    return new IsaTarget(arch.name(), bytes.get(Buffer.WGT), bytes.get(Buffer.ACT), bytes.get(Buffer.ACC),
        bytes.get(Buffer.LUT), bytes.get(Buffer.VEC), arch.macArray().rows(), arch.macArray().cols(),
        Optional.of(new LutUnit(l.groupSize(), variant, l.hasFloatAdders(), l.bitPlane())), arch.vectorUnit().lanes(), packings,
        arch.buffer("weight").doubleBuffered() ? 2 : 1,
        arch.attentionOrDefault().onChip() && arch.buffers().containsKey("kv") ? arch.buffer("kv").sizeBytes() : 0,
        arch.macArray().floatAdders().bits(), arch.macArray().maskDecode(), arch.macArray().intMultipliers().bits(),
        arch.macArray().bitPlane());
  }

  /** The unit GEMM.SP runs on: the sparse unit when the arch has one, else the vector unit's lanes. */
  public SparseUnit sparsePath() {
    return sparseUnit != null ? sparseUnit : new SparseUnit(vectorUnit.lanes(),
        Math.toIntExact(vectorUnit.initiationIntervalCycles()), Math.toIntExact(vectorUnit.latencyCycles()));
  }

  public SramBuffer buffer(Buffer b) {
    return buffers.get(b);
  }
}
