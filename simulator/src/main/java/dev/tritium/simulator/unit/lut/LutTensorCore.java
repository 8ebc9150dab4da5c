package dev.tritium.simulator.unit.lut;

import static dev.tritium.simulator.unit.Checks.require;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.RowStrides;

/**
 * The LUT tensor core. LUT.BUILD tabulates, for each token and each group of g activations, the
 * partial sums of every weight pattern of the variant; LUT.GEMM then replaces g multiply-adds by one
 * lookup per (output, group, bit plane) and one accumulate.
 *
 * <pre>
 *   K'                = k, or k padded up to a multiple of activation_block when one is set
 *   G (groups)        = ceil(K' / g)
 *   P (planes)        = 2 for BIT_SERIAL (a ternary weight is two binary planes), else 1 (BINARY, BINARY_MIRROR: 1)
 *   tables            = m * G                                  one per token per group
 *   build_cycles      = ceil(tables * table_build_cycles / tables_built_per_cycle) + latency
 *   build_adds        = tables * adds_per_table
 *   table_bytes       = tables * entries * table_entry_bits / 8   written to the LUT buffer
 *   S                 = min(table_sharing_rows, lookups_per_cycle)
 *   table_broadcasts  = m * G * P * ceil(n / S)                one table read feeds S output rows
 *   gemm_cycles       = ceil(table_broadcasts / floor(lookups_per_cycle / S)) + latency
 *   lookups           = m * n * G * P                          = accumulate adds
 * </pre>
 *
 * BIT_SERIAL's offset correction (each output subtracts its token's activation sum, read once per
 * (token, group) from the all-ones entry) is charged as actions by the functional counters; it rides on
 * the accumulator write-back and adds no cycles here.
 *
 * Adds per table: an entry whose weight pattern has exactly one nonzero weight is an activation or
 * its negation (no add); an entry with j >= 2 nonzero weights is an earlier entry with j - 1 nonzero
 * weights plus or minus one activation: exactly one add. So
 * TERNARY_BASE3: 3^g - 1 - 2g (g=3: 20); TERNARY_MIRROR: (3^g - 1)/2 - g (g=3: 10);
 * BIT_SERIAL: 2^g - 1 - g (g=4: 11).
 * The binary variants have no entry with one nonzero weight (every weight is +-1): the first entry (-sum x) takes
 * g - 1 adds and each later entry, in Gray-code order, is an earlier one plus or minus 2 x_u (one add, the doubling
 * a shift), so BINARY: 2^g + g - 2 (g=4: 18); BINARY_MIRROR: 2^(g-1) + g - 2 (g=4: 10).
 *
 * <p>Table sharing across output rows: a table is built once per (token, group) and read by every
 * output row n, so the build cost is independent of n.
 *
 * <p>fp16 tables (LUT.BUILD.F16, LUT.GEMM.F16; {@code lut_core.float_adders: fp32}) are scheduled by the same
 * formulas, with entries of 16 bits instead of table_entry_bits, fp32 activations read from VEC (4 bytes each) and
 * the fp32 outputs swept in VEC. ASSUMED (simulator/README.md): the fp builder completes tables at the integer
 * builder's rate and each fp32 accumulator keeps one lookup per cycle, their pipeline latency hidden behind
 * {@code latency}, as GEMM.SF assumes of the MAC array's fp32 adders. The adds are priced as fp32 adds by the energy
 * accounting ({@link LutFloatTables#buildAddsPerTable}: the u-order build).
 *
 * <p>Bit-plane tables (LUT.BUILD.BP, LUT.GEMM.BP; {@code lut_core.bit_plane: true}), with the instruction's g (2 or 4)
 * and P weight planes:
 * <pre>
 *   G                 = ceil(k / g)                            no activation-block padding: the instruction's groups
 *   build_cycles      = ceil(m G * table_build_cycles / tables_built_per_cycle) + latency
 *   table_broadcasts  = m * G * P * ceil(n / S)                one lookup per plane, as BIT_SERIAL's two
 *   gemm_cycles       = ceil(table_broadcasts / floor(lookups_per_cycle / S)) + latency
 * </pre>
 * ASSUMED (simulator/README.md): the builder completes a 2^g-entry subset-sum table (2^g - 1 adds with the zero-point
 * folded in: 3 for g = 2, 15 for g = 4) in one of its table slots at the rate it builds its own variant's tables; the
 * per-output zero-point multiply-add rides on the accumulator write-back like BIT_SERIAL's offset and adds no cycles.
 * The weight planes stream from WGT once per token, as LUT.GEMM's indices.
 */
public final class LutTensorCore {

  private final int groupSize;
  private final LutVariant variant;
  private final int entryBits;
  private final int tablesBuiltPerCycle;
  private final int tableBuildCycles;
  private final int activationBlock;
  private final int lookupsPerCycle;
  private final int sharingRows;
  private final long latencyCycles;
  private final boolean floatAdders;
  private final boolean bitPlane;
  /** fp16 entries: IEEE binary16. */
  private static final int FLOAT_ENTRY_BITS = 16;

  public LutTensorCore(
      int groupSize,
      LutVariant variant,
      int entryBits,
      int tablesBuiltPerCycle,
      int lookupsPerCycle,
      int tableSharingRows,
      long latencyCycles) {
    this(groupSize, variant, entryBits, tablesBuiltPerCycle, 1, 0, lookupsPerCycle, tableSharingRows, latencyCycles);
  }

  /**
   * A core that builds {@code tablesBuiltPerCycle} tables per {@code tableBuildCycles} cycles and pads K to a
   * multiple of {@code activationBlock} (0: no block).
   */
  public LutTensorCore(
      int groupSize,
      LutVariant variant,
      int entryBits,
      int tablesBuiltPerCycle,
      int tableBuildCycles,
      int activationBlock,
      int lookupsPerCycle,
      int tableSharingRows,
      long latencyCycles) {
    this(groupSize, variant, entryBits, tablesBuiltPerCycle, tableBuildCycles, activationBlock, lookupsPerCycle,
        tableSharingRows, latencyCycles, false);
  }

  /** @param floatAdders the core also has fp32 adders (LUT.BUILD.F16 and LUT.GEMM.F16 run) */
  public LutTensorCore(
      int groupSize,
      LutVariant variant,
      int entryBits,
      int tablesBuiltPerCycle,
      int tableBuildCycles,
      int activationBlock,
      int lookupsPerCycle,
      int tableSharingRows,
      long latencyCycles,
      boolean floatAdders) {
    this(groupSize, variant, entryBits, tablesBuiltPerCycle, tableBuildCycles, activationBlock, lookupsPerCycle,
        tableSharingRows, latencyCycles, floatAdders, false);
  }

  /** @param bitPlane the core also builds and reads bit-plane tables (LUT.BUILD.BP and LUT.GEMM.BP run) */
  public LutTensorCore(
      int groupSize,
      LutVariant variant,
      int entryBits,
      int tablesBuiltPerCycle,
      int tableBuildCycles,
      int activationBlock,
      int lookupsPerCycle,
      int tableSharingRows,
      long latencyCycles,
      boolean floatAdders,
      boolean bitPlane) {
    require(groupSize > 0 && groupSize <= 8, "lut group_size must be in 1..8, got " + groupSize);
    require(tableBuildCycles > 0, "lut table_build_cycles must be > 0");
    require(activationBlock >= 0 && (activationBlock == 0 || activationBlock % groupSize == 0),
        "lut activation_block must be 0 or a multiple of group_size " + groupSize + ", got " + activationBlock);
    require(groupSize > 0 && groupSize <= 8, "lut group_size must be in 1..8, got " + groupSize);
    require(entryBits > 0, "lut table_entry_bits must be > 0");
    require(tablesBuiltPerCycle > 0, "lut tables_built_per_cycle must be > 0");
    require(lookupsPerCycle > 0, "lut lookups_per_cycle must be > 0");
    require(tableSharingRows > 0, "lut table_sharing_rows must be > 0");
    require(latencyCycles >= 0, "lut latency must be >= 0");
    this.groupSize = groupSize;
    this.variant = variant;
    this.entryBits = entryBits;
    this.tablesBuiltPerCycle = tablesBuiltPerCycle;
    this.tableBuildCycles = tableBuildCycles;
    this.activationBlock = activationBlock;
    this.lookupsPerCycle = lookupsPerCycle;
    this.sharingRows = Math.min(tableSharingRows, lookupsPerCycle);
    this.latencyCycles = latencyCycles;
    this.floatAdders = floatAdders;
    this.bitPlane = bitPlane;
  }

  /** Groups of g along K, after K is padded to whole activation blocks (when the core has them). */
  public long groups(long k) {
    return IntMath.ceilDiv(paddedK(k), groupSize);
  }

  /** K as the core processes it: padded up to a multiple of the activation block, if any. */
  public long paddedK(long k) {
    return activationBlock == 0 ? k : IntMath.ceilDiv(k, activationBlock) * activationBlock;
  }

  /** Adds to build one table (see the class comment). */
  public long addsPerTable() {
    long pow3 = 1;
    for (int i = 0; i < groupSize; i++) {
      pow3 *= 3;
    }
    return switch (variant) {
      case TERNARY_BASE3 -> pow3 - 1 - 2L * groupSize;
      case TERNARY_MIRROR -> (pow3 - 1) / 2 - groupSize;
      case BIT_SERIAL -> (1L << groupSize) - 1 - groupSize;
      case BINARY -> (1L << groupSize) + groupSize - 2;
      case BINARY_MIRROR -> (1L << (groupSize - 1)) + groupSize - 2;
    };
  }

  /** Lookups per (output, group): the bit-serial variant reads two binary planes. */
  public int planes() {
    return variant == LutVariant.BIT_SERIAL ? 2 : 1;
  }

  /** Bytes of one table in the LUT buffer. */
  public long tableBytes() {
    return IntMath.ceilDiv((long) variant.entriesPerTable(groupSize) * entryBits, 8);
  }

  /** LUT.BUILD as the engine schedules it: reads the activations, writes m tokens' tables into LUT. */
  public long occupancy(LutBuild b, RowStrides strides, OperandStreams streams) {
    LutBuildTiming t = build(b.m(), b.k());
    streams.read(Buffer.ACT, b.actAddr(), b.m(), b.k(), strides.actBytes(), 1);
    streams.write(Buffer.LUT, b.lutAddr(), b.m(), t.tableBytes() / b.m(), strides.lutBytes(), 1);
    return t.cycles();
  }

  /**
   * LUT.GEMM as the engine schedules it: each token re-reads the weight indices, each table broadcast
   * reads one table, and the accumulator tile is swept once.
   */
  public long occupancy(LutGemm g, RowStrides strides, OperandStreams streams) {
    LutGemmTiming t = gemm(g.m(), g.n(), g.k());
    long indexBytes = g.n() * g.packing().packedRowBytes(g.k());
    streams.read(Buffer.WGT, g.wgtAddr(), 1, indexBytes, 0, g.m());
    streams.readContiguous(Buffer.LUT, g.lutAddr(), t.tableBroadcasts() * tableBytes());
    streams.accumulatorSweeps(g.accAddr(), g.m(), g.n(), strides.accBytes(), 1, g.accumulate());
    return t.cycles();
  }

  /** LUT.BUILD.F16: LUT.BUILD's schedule with 16-bit entries, fp32 activations read from VEC. */
  public long occupancy(LutBuildF16 b, RowStrides strides, OperandStreams streams) {
    requireFloat("LUT.BUILD.F16");
    LutBuildTiming t = build(b.m(), b.k());
    long bytes = t.tables() * floatTableBytes();
    streams.read(Buffer.VEC, b.actAddr(), b.m(), 4L * b.k(), strides.actBytes(), 1);
    streams.write(Buffer.LUT, b.lutAddr(), b.m(), bytes / b.m(), strides.lutBytes(), 1);
    return t.cycles();
  }

  /** LUT.GEMM.F16: LUT.GEMM's schedule with 16-bit entries, the fp32 outputs swept once in VEC. */
  public long occupancy(LutGemmF16 g, RowStrides strides, OperandStreams streams) {
    requireFloat("LUT.GEMM.F16");
    LutGemmTiming t = gemm(g.m(), g.n(), g.k());
    long indexBytes = g.n() * g.packing().packedRowBytes(g.k());
    streams.read(Buffer.WGT, g.wgtAddr(), 1, indexBytes, 0, g.m());
    streams.readContiguous(Buffer.LUT, g.lutAddr(), t.tableBroadcasts() * floatTableBytes());
    streams.accumulatorSweeps(Buffer.VEC, g.outAddr(), g.m(), g.n(), strides.accBytes(), 1, g.accumulate());
    return t.cycles();
  }

  /** LUT.BUILD.BP: reads each token's zero-point and k codes, writes its ceil(k/g) int16 tables of 2^g entries. */
  public long occupancy(LutBuildBp b, RowStrides strides, OperandStreams streams) {
    LutBuildTiming t = buildBitPlane(b.m(), b.k(), b.groupSize());
    streams.read(Buffer.ACT, b.actAddr(), b.m(), 1L + b.k(), strides.actBytes(), 1);
    streams.write(Buffer.LUT, b.lutAddr(), b.m(), t.tableBytes() / b.m(), strides.lutBytes(), 1);
    return t.cycles();
  }

  /**
   * LUT.GEMM.BP: each token re-reads the weight rows (zero-point and P planes, as LUT.GEMM's indices), each table
   * broadcast reads one table, and the accumulator tile is swept once.
   */
  public long occupancy(LutGemmBp g, RowStrides strides, OperandStreams streams) {
    LutGemmTiming t = gemmBitPlane(g.m(), g.n(), g.k(), g.groupSize(), g.weightPlanes());
    streams.read(Buffer.WGT, g.wgtAddr(), 1, g.n() * g.weightRowBytes(), 0, g.m());
    streams.readContiguous(Buffer.LUT, g.lutAddr(), t.tableBroadcasts() * LutBuildBp.tableBytes(g.groupSize()));
    streams.accumulatorSweeps(g.accAddr(), g.m(), g.n(), strides.accBytes(), 1, g.accumulate());
    return t.cycles();
  }

  /** LUT.BUILD.BP for m tokens of k codes in groups of g (class comment). */
  public LutBuildTiming buildBitPlane(long m, long k, int g) {
    requireBitPlane(g);
    long tables = m * IntMath.ceilDiv(k, g);
    long cycles = IntMath.ceilDiv(Math.multiplyExact(tables, (long) tableBuildCycles), tablesBuiltPerCycle)
        + latencyCycles;
    return new LutBuildTiming(tables, tables * LutBitPlaneUnit.buildAddsPerTable(g),
        tables * LutBuildBp.tableBytes(g), cycles);
  }

  /** LUT.GEMM.BP: m tokens, n output rows, k columns, groups of g, P weight planes (class comment). */
  public LutGemmTiming gemmBitPlane(long m, long n, long k, int g, int planes) {
    requireBitPlane(g);
    long perToken = IntMath.ceilDiv(k, g) * planes;
    return lookupTiming(m, n, perToken);
  }

  private void requireBitPlane(int g) {
    require(bitPlane, "LUT.BUILD.BP and LUT.GEMM.BP need bit-plane tables in the LUT core (lut_core.bit_plane: true);"
        + " this core has none");
    require(LutBuildBp.validGroupSize(g), "bit-plane tables need group size 2 or 4, got " + g);
  }

  private void requireFloat(String what) {
    require(floatAdders, what + " needs fp adders in the LUT core (lut_core.float_adders: fp32); this core has none");
  }

  /** Bytes of one fp16 table. */
  public long floatTableBytes() {
    return IntMath.ceilDiv((long) variant.entriesPerTable(groupSize) * FLOAT_ENTRY_BITS, 8);
  }

  /** LUT.BUILD for m tokens of k activations. */
  public LutBuildTiming build(long m, long k) {
    long tables = m * groups(k);
    long cycles = IntMath.ceilDiv(Math.multiplyExact(tables, (long) tableBuildCycles), tablesBuiltPerCycle)
        + latencyCycles;
    return new LutBuildTiming(tables, tables * addsPerTable(), tables * tableBytes(), cycles);
  }

  /** LUT.GEMM: m tokens, n output rows, k inputs. */
  public LutGemmTiming gemm(long m, long n, long k) {
    return lookupTiming(m, n, groups(k) * planes());
  }

  /** {@code perTokenGroups} lookups per (token, output row), tables broadcast to S rows at a time. */
  private LutGemmTiming lookupTiming(long m, long n, long perTokenGroups) {
    long lookups = m * n * perTokenGroups;
    long broadcasts = m * perTokenGroups * IntMath.ceilDiv(n, sharingRows);
    long parallelTables = lookupsPerCycle / sharingRows;
    long cycles = IntMath.ceilDiv(broadcasts, parallelTables) + latencyCycles;
    return new LutGemmTiming(lookups, broadcasts, cycles);
  }

  public int groupSize() {
    return groupSize;
  }

  public LutVariant variant() {
    return variant;
  }
}
