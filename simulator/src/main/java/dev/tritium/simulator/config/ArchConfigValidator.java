package dev.tritium.simulator.config;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.dma.DmaConfig;
import dev.tritium.simulator.unit.dram.DramConfig;
import dev.tritium.simulator.unit.host.HostConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.FloatAdders;
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

  // Physical bounds. Every arch the kit models lies far inside them; what lies outside is a typo or a hostile
  // value, and would otherwise overflow cycle arithmetic or print "Infinity us" (the simulator counts cycles
  // in longs; rows x cols, banks x width and lanes are multiplied together).
  static final double MIN_CLOCK_MHZ = 1;
  static final double MAX_CLOCK_MHZ = 100_000;
  static final long MAX_NODE_NM = 1000;
  static final long MAX_ARRAY_SIDE = 4096;
  static final long MAX_LANES = 65_536;
  static final long MAX_PER_CYCLE = 65_536;
  static final long MAX_UNIT_CYCLES = 1_000_000;
  static final double MIN_BANDWIDTH_GBPS = 0.001;
  static final double MAX_BANDWIDTH_GBPS = 100_000;
  static final double MAX_LATENCY_NS = 1_000_000;
  static final long MAX_BURST_BYTES = 1 << 20;
  static final long MAX_CHANNELS = 1024;
  static final long MAX_OUTSTANDING = 65_536;
  static final long MAX_BUFFER_BYTES = 1L << 40;
  static final long MAX_BANKS = 65_536;
  static final long MAX_WIDTH_BITS = 1 << 20;

  /** Throws {@link IllegalArgumentException} on the first problem found. */
  static ArchConfig validate(ArchConfig c, String source) {
    new ArchConfigValidator(source).check(c);
    return c;
  }

  private void check(ArchConfig c) {
    if (c.name() == null || c.name().isBlank()) {
      fail("name", "must be a non-empty string");
    }
    between("clock_mhz", c.clockMhz(), MIN_CLOCK_MHZ, MAX_CLOCK_MHZ, "1 MHz to 100 GHz");
    range("technology_node_nm", c.technologyNodeNm(), 1, MAX_NODE_NM);
    checkMacArray(c.macArray());
    checkLutCore(c.lutCore());
    VectorUnitConfig v = c.vectorUnit();
    powerOfTwo("vector_unit.lanes", v.lanes());
    range("vector_unit.lanes", v.lanes(), 1, MAX_LANES);
    range("vector_unit.op_latency_cycles", v.opLatencyCycles(), 1, MAX_UNIT_CYCLES);
    range("vector_unit.op_initiation_interval_cycles", v.opInitiationIntervalCycles(), 1, MAX_UNIT_CYCLES);
    if (c.sparseUnit() != null) {
      range("sparse_unit.lanes", c.sparseUnit().lanes(), 1, MAX_LANES);
      range("sparse_unit.op_latency_cycles", c.sparseUnit().opLatencyCycles(), 1, MAX_UNIT_CYCLES);
    }
    checkBuffers(c);
    DramConfig d = c.dram();
    between("dram.peak_bandwidth_GBps", d.peakBandwidthGBps(), MIN_BANDWIDTH_GBPS, MAX_BANDWIDTH_GBPS,
        "1 MB/s to 100 TB/s");
    between("dram.latency_ns", d.latencyNs(), 0, MAX_LATENCY_NS, "0 to 1 ms");
    powerOfTwo("dram.burst_bytes", d.burstBytes());
    range("dram.burst_bytes", d.burstBytes(), 1, MAX_BURST_BYTES);
    DmaConfig dma = c.dma();
    range("dma.load_channels", dma.loadChannels(), 1, MAX_CHANNELS);
    range("dma.store_channels", dma.storeChannels(), 1, MAX_CHANNELS);
    range("dma.max_outstanding", dma.maxOutstanding(), 1, MAX_OUTSTANDING);
    range("dma.descriptor_overhead_cycles", dma.descriptorOverheadCycles(), 0, MAX_UNIT_CYCLES);
    range("dma.stream_ports", dma.streamPorts(), 1, MAX_CHANNELS);
    range("dma.port_width_bits", dma.portWidthBits(), 0, MAX_WIDTH_BITS);
    if (dma.portWidthBits() % 8 != 0) {
      fail("dma.port_width_bits", "must be 0 (no limit) or a multiple of 8, got " + dma.portWidthBits());
    }
    if (c.host() != null) {
      checkHost(c.host());
    }
    checkKvQuant(c.attentionOrDefault());
    boolean kvBuffer = c.buffers().containsKey("kv");
    if (c.attentionOrDefault().onChip() && !kvBuffer) {
      fail("attention.kv_placement", "on_chip needs the on-chip KV store: add a buffers.kv section (size_bytes, banks,"
          + " ports, width_bits) that holds the whole model's KV cache");
    }
    if (kvBuffer && !c.attentionOrDefault().onChip()) {
      fail("buffers.kv", "is the on-chip KV store, used only with attention.kv_placement: on_chip; set that or remove"
          + " the buffer");
    }
    if (kvBuffer && c.buffers().get("kv").sizeBytes() > dev.tritium.isa.IsaTarget.KV_STORE_BASE) {
      fail("buffers.kv.size_bytes", "must be at most 2^35 (the ISA's KV store window), got "
          + c.buffers().get("kv").sizeBytes());
    }
    List<String> leaves = ArchKeys.leaves(c);
    for (String key : c.provenance().keySet()) {
      if (!leaves.contains(key)) {
        fail("provenance." + key, notAParameter(key, leaves));
      }
    }
    for (Map.Entry<String, String> e : c.sources().entrySet()) {
      if (!leaves.contains(e.getKey())) {
        fail("sources." + e.getKey(), notAParameter(e.getKey(), leaves));
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        fail("sources." + e.getKey(), "must be a non-empty citation or reason");
      }
    }
  }

  /** "is not a parameter...", listing the parameters of the key's own section when it has one, with a unit hint. */
  private static String notAParameter(String key, List<String> leaves) {
    int dot = key.lastIndexOf('.');
    String section = dot < 0 ? "" : key.substring(0, dot + 1);
    List<String> near = leaves.stream().filter(l -> !section.isEmpty() && l.startsWith(section)
        && l.indexOf('.', section.length()) < 0).toList();
    List<String> listed = near.isEmpty() ? leaves : near;
    String hint = dev.tritium.common.yaml.UnitSuffixes.hint(key.substring(dot + 1),
        listed.stream().map(l -> l.substring(l.lastIndexOf('.') + 1)).toList());
    return "is not a parameter this config sets (expected one of: " + String.join(", ", listed) + ")"
        + (hint == null ? "" : "; " + hint);
  }

  /**
   * A quantized KV cache: kv_bits 2 to 8 on the fp16 datapath (its codes are read back as fp16 for GEMM.F16), a group
   * VEC.KV_QUANT's imm holds, and no group or pivots without bits.
   */
  private void checkKvQuant(AttentionConfig a) {
    if (a.kvBits() == null) {
      if (a.kvGroup() != null) {
        fail("attention.kv_group", "is the group of a quantized KV cache and needs attention.kv_bits; set it or remove"
            + " the group");
      }
      if (a.kvPivots() != null) {
        fail("attention.kv_pivots", "are the fp16 pivot tokens of a quantized KV cache and need attention.kv_bits;"
            + " set it or remove the pivots");
      }
      return;
    }
    range("attention.kv_bits", a.kvBits(), 2, 8);
    if (a.kvGroup() != null) {
      range("attention.kv_group", a.kvGroup(), 1, dev.tritium.isa.KvCodes.MAX_GROUP);
    }
    if (a.kvPivots() != null) {
      range("attention.kv_pivots", a.kvPivots(), 0, Integer.MAX_VALUE);
    }
    if (a.kvDatatype() != AttentionConfig.KvDatatype.FP16) {
      fail("attention.kv_datatype", "must be fp16 with attention.kv_bits (the codes are dequantized to fp16 for"
          + " GEMM.F16 on the vector lanes), got " + a.kvDatatype().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private void checkHost(HostConfig h) {
    range("host.cores", h.cores(), 1, MAX_CHANNELS);
    between("host.clock_mhz", h.clockMhz(), MIN_CLOCK_MHZ, MAX_CLOCK_MHZ, "1 MHz to 100 GHz");
    range("host.macs_per_cycle_per_core", h.macsPerCyclePerCore(), 1, MAX_PER_CYCLE);
    range("host.weight_bits", h.weightBits(), 1, 64);
    between("host.dram_bandwidth_GBps", h.dramBandwidthGBps(), MIN_BANDWIDTH_GBPS, MAX_BANDWIDTH_GBPS,
        "1 MB/s to 100 TB/s");
    between("host.handoff_us", h.handoffUs(), 0, 1e6, "0 to 1 s");
    if (h.runs().isEmpty()) {
      fail("host.runs", "must list at least one operator (expected: lm_head); omit host when the accelerator runs"
          + " everything");
    }
    if (h.runs().stream().anyMatch(java.util.Objects::isNull)) {
      fail("host.runs", "has an empty entry (expected: lm_head)");
    }
    if (new java.util.HashSet<>(h.runs()).size() != h.runs().size()) {
      fail("host.runs", "lists an operator twice: " + h.runs());
    }
  }

  private void checkMacArray(TernaryMacArrayConfig m) {
    powerOfTwo("mac_array.rows", m.rows());
    powerOfTwo("mac_array.cols", m.cols());
    range("mac_array.rows", m.rows(), 1, MAX_ARRAY_SIDE);
    range("mac_array.cols", m.cols(), 1, MAX_ARRAY_SIDE);
    range("mac_array.accumulator_bits", m.accumulatorBits(), 8, 64);
    range("mac_array.activation_bits", m.activationBits(), 2, 16);
    if (m.maskDecode() && m.floatAdders() == FloatAdders.NONE) {
      fail("mac_array.mask_decode", "true needs float_adders (fp32 or fp16): the masks gate GEMM.SF's sign sums");
    }
  }

  private void checkLutCore(LutCoreConfig l) {
    range("lut_core.group_size", l.groupSize(), 2, 4);
    if (!l.variant().supportsGroupSize(l.groupSize())) {
      // A binary table's index is g sign bits of one SIGN_BITS byte, so g must divide 8.
      fail("lut_core.group_size", "must be 2 or 4 for variant " + l.variant().key() + " (a group's index is g"
          + " sign bits of one byte), got " + l.groupSize());
    }
    if (l.hasFloatAdders() && l.variant() == LutVariant.BIT_SERIAL) {
      // fp16 tables hold signed sums; bit-serial's offset code 2 P1.x + P0.x - sum x is an integer identity.
      fail("lut_core.float_adders", "fp32 needs a variant whose tables are signed sums (ternary_base3,"
          + " ternary_mirror, binary, binary_mirror), got bit_serial");
    }
    range("lut_core.table_entry_bits", l.tableEntryBits(), 8, 32);
    range("lut_core.tables_built_per_cycle", l.tablesBuiltPerCycle(), 1, MAX_PER_CYCLE);
    range("lut_core.lookups_per_cycle", l.lookupsPerCycle(), 1, MAX_PER_CYCLE);
    range("lut_core.table_sharing_rows", l.tableSharingRows(), 1, MAX_PER_CYCLE);
    range("lut_core.table_build_cycles", l.tableBuildCycles(), 1, MAX_UNIT_CYCLES);
    range("lut_core.activation_block", l.activationBlock(), 0, MAX_PER_CYCLE);
    if (l.activationBlock() % l.groupSize() != 0) {
      fail("lut_core.activation_block", "must be 0 (no block) or a multiple of group_size " + l.groupSize()
          + ", got " + l.activationBlock());
    }
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
      range(k + ".size_bytes", b.sizeBytes(), 1, MAX_BUFFER_BYTES);
      powerOfTwo(k + ".banks", b.banks());
      range(k + ".banks", b.banks(), 1, MAX_BANKS);
      // SRAM macros have at most a few ports; LUTRAM is replicated per read port (ram_1wnr), registers have any.
      range(k + ".ports", b.ports(), 1, b.registers() ? MAX_PER_CYCLE : 4);
      range(k + ".width_bits", b.widthBits(), 1, MAX_WIDTH_BITS);
      if (!b.doubleBuffered() && !e.getKey().equals("weight")) {
        fail(k + ".double_buffered", "applies to the weight buffer only (the mapper streams weight tiles through"
            + " slots; the other buffers hold whole operands), got false");
      }
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

  /** A finite decimal in [lo, hi]; {@code meaning} says the physical range in words. */
  private void between(String key, double value, double lo, double hi, String meaning) {
    if (!(value >= lo && value <= hi)) {
      fail(key, "must be in [" + plain(lo) + ", " + plain(hi) + "] (" + meaning + "), got " + value);
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
