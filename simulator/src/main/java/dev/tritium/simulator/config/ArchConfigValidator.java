package dev.tritium.simulator.config;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.simulator.unit.dma.DmaConfig;
import dev.tritium.simulator.unit.dram.DramConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.vector.VectorUnitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Semantic checks after parsing: ranges, powers of two, and buffers large enough for the smallest tile
 * each unit works on. Every message names the source file and the dotted key.
 */
final class ArchConfigValidator {

  private final String source;

  private ArchConfigValidator(String source) {
    this.source = source;
  }

  /** Throws {@link IllegalArgumentException} on the first problem found. */
  static ArchConfig validate(ArchConfig c, String source) {
    new ArchConfigValidator(source).check(c);
    return c;
  }

  private void check(ArchConfig c) {
    if (c.name() == null || c.name().isBlank()) {
      fail("name", "must be a non-empty string");
    }
    if (!(c.clockMhz() > 0) || Double.isInfinite(c.clockMhz())) {
      fail("clock_mhz", "must be > 0, got " + c.clockMhz());
    }
    positive("technology_node_nm", c.technologyNodeNm());
    checkMacArray(c.macArray());
    checkLutCore(c.lutCore());
    VectorUnitConfig v = c.vectorUnit();
    powerOfTwo("vector_unit.lanes", v.lanes());
    positive("vector_unit.op_latency_cycles", v.opLatencyCycles());
    positive("vector_unit.op_initiation_interval_cycles", v.opInitiationIntervalCycles());
    checkBuffers(c);
    DramConfig d = c.dram();
    if (!(d.peakBandwidthGBps() > 0) || Double.isInfinite(d.peakBandwidthGBps())) {
      fail("dram.peak_bandwidth_GBps", "must be > 0, got " + d.peakBandwidthGBps());
    }
    if (!(d.latencyNs() >= 0) || Double.isInfinite(d.latencyNs())) {
      fail("dram.latency_ns", "must be >= 0, got " + d.latencyNs());
    }
    powerOfTwo("dram.burst_bytes", d.burstBytes());
    DmaConfig dma = c.dma();
    positive("dma.load_channels", dma.loadChannels());
    positive("dma.store_channels", dma.storeChannels());
    positive("dma.max_outstanding", dma.maxOutstanding());
    if (dma.descriptorOverheadCycles() < 0) {
      fail("dma.descriptor_overhead_cycles", "must be >= 0, got " + dma.descriptorOverheadCycles());
    }
    List<String> timing = c.timingKeys();
    for (String key : c.provenance().keySet()) {
      if (!timing.contains(key)) {
        fail("provenance." + key, "is not a timing parameter of this config (expected one of: "
            + String.join(", ", timing) + ")");
      }
    }
  }

  private void checkMacArray(TernaryMacArrayConfig m) {
    powerOfTwo("mac_array.rows", m.rows());
    powerOfTwo("mac_array.cols", m.cols());
    range("mac_array.accumulator_bits", m.accumulatorBits(), 8, 64);
    range("mac_array.activation_bits", m.activationBits(), 2, 16);
  }

  private void checkLutCore(LutCoreConfig l) {
    range("lut_core.group_size", l.groupSize(), 2, 4);
    range("lut_core.table_entry_bits", l.tableEntryBits(), 8, 32);
    positive("lut_core.tables_built_per_cycle", l.tablesBuiltPerCycle());
    positive("lut_core.lookups_per_cycle", l.lookupsPerCycle());
    positive("lut_core.table_sharing_rows", l.tableSharingRows());
  }

  private void checkBuffers(ArchConfig c) {
    Map<String, SramBufferConfig> buffers = c.buffers();
    for (String name : buffers.keySet()) {
      if (!ArchConfig.REQUIRED_BUFFERS.contains(name) && !ArchConfig.OPTIONAL_BUFFERS.contains(name)) {
        List<String> all = new ArrayList<>(ArchConfig.REQUIRED_BUFFERS);
        all.addAll(ArchConfig.OPTIONAL_BUFFERS);
        fail("buffers." + name, "unknown buffer (expected one of: " + String.join(", ", all) + ")");
      }
    }
    for (String name : ArchConfig.REQUIRED_BUFFERS) {
      if (!buffers.containsKey(name)) {
        fail("buffers." + name, "missing: every config needs buffers " + ArchConfig.REQUIRED_BUFFERS);
      }
    }
    for (Map.Entry<String, SramBufferConfig> e : buffers.entrySet()) {
      String k = "buffers." + e.getKey();
      SramBufferConfig b = e.getValue();
      if (b == null) {
        fail(k, "must be a mapping with size_bytes, banks, ports, width_bits");
      }
      if (b.sizeBytes() <= 0) {
        fail(k + ".size_bytes", "must be > 0, got " + b.sizeBytes());
      }
      powerOfTwo(k + ".banks", b.banks());
      range(k + ".ports", b.ports(), 1, 4);
      positive(k + ".width_bits", b.widthBits());
      if (b.sizeBytes() % b.banks() != 0) {
        fail(k + ".size_bytes", "must be a multiple of banks (" + b.banks() + "), got " + b.sizeBytes());
      }
    }
    TernaryMacArrayConfig m = c.macArray();
    long weightTileBytes = ceilDiv((long) m.rows() * m.cols() * m.weightDatatype().storageBits(), 8);
    atLeast(c, "weight", weightTileBytes, "one " + m.rows() + " x " + m.cols() + " "
        + m.weightDatatype().name().toLowerCase(java.util.Locale.ROOT) + " weight tile at "
        + m.weightDatatype().storageBits() + " bits/weight");
    long actVectorBytes = ceilDiv((long) m.rows() * m.activationBits(), 8);
    atLeast(c, "activation", actVectorBytes, "one activation vector of " + m.rows() + " x "
        + m.activationBits() + "-bit values (one per array row)");
    boolean os = m.dataflow() == Dataflow.OS;
    long accumulators = os ? (long) m.rows() * m.cols() : m.cols();
    long accBytes = ceilDiv(accumulators * m.accumulatorBits(), 8);
    atLeast(c, "accumulator", accBytes, (os ? "rows x cols = " : "cols = ") + accumulators + " "
        + m.accumulatorBits() + "-bit accumulators (dataflow " + m.dataflow().key() + ")");
    LutCoreConfig l = c.lutCore();
    atLeast(c, "lut", l.tableBytes(), "one table of " + l.tableEntries() + " entries x "
        + l.tableEntryBits() + " bits (group_size " + l.groupSize() + ", "
        + l.variant().name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  private void atLeast(ArchConfig c, String buffer, long neededBytes, String what) {
    long have = c.buffers().get(buffer).sizeBytes();
    if (have < neededBytes) {
      fail("buffers." + buffer + ".size_bytes", "too small: " + have + " bytes cannot hold " + what
          + ", which needs " + neededBytes + " bytes");
    }
  }


  private void positive(String key, long value) {
    if (value <= 0) {
      fail(key, "must be > 0, got " + value);
    }
  }

  private void range(String key, long value, long lo, long hi) {
    if (value < lo || value > hi) {
      fail(key, "must be in [" + lo + ", " + hi + "], got " + value);
    }
  }

  private void powerOfTwo(String key, long value) {
    positive(key, value);
    if (Long.bitCount(value) != 1) {
      fail(key, "must be a power of two, got " + value + " (nearest: " + Long.highestOneBit(value) + " or "
          + (Long.highestOneBit(value) << 1) + ")");
    }
  }

  private void fail(String key, String problem) {
    throw new IllegalArgumentException(source + ": key '" + key + "' " + problem);
  }
}
