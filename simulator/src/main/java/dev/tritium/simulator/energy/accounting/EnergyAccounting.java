package dev.tritium.simulator.energy.accounting;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.isa.IntWidth;
import dev.tritium.simulator.unit.mac.FloatAdders;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.unit.mac.MacDatapaths;
import dev.tritium.simulator.unit.lut.LutBitPlaneUnit;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.CodeArrayCounts;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.stats.BufferStats;
import dev.tritium.simulator.stats.DramStats;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prices a run's {@link ActionCounts} (and, when given, the engine's {@link SimulationStats}) with a
 * {@link CostModel} into an {@link EnergyReport}. Every action the run performed must be priced: an
 * action no table prices is an {@code UnpricedException} naming it, never a default.
 *
 * <p>Counter to action (action classes in brackets):
 * <ul>
 *   <li>MAC array, ternary weights: adds, subs, skips to {@code ternary_add/sub/skip{acc_bits}}
 *       [{@code mac_array.ternary_add|sub|skip}]; with {@code zero_skip: none} a zero weight still
 *       clocks the adder, so skips are priced as {@code ternary_add};
 *   <li>MAC array, baseline weights (int4, int8, fp16): every pair is one
 *       {@link MacDatapaths#macAction} [{@code mac_array.baseline_mac}]; fp16 accumulates in fp16;
 *   <li>GEMM.I8 multiply-accumulates: {@code int_mac{8, 8, acc_bits}} [{@code mac_array.int8_mac}];
 *   <li>GEMM.IW multiply-accumulates, per pair of operand widths: {@code int_mac{weight_bits, act_bits, 32}} (the
 *       ISA's int32 accumulate) [{@code mac_array.int_mac_w8a8|w8a4|w4a8|w4a4}];
 *   <li>GEMM.BP on the bit-plane PEs: each AND + popcount of two plane bytes {@code int_add{8}}
 *       [{@code mac_array.bp_and_popcount}], each pass's shift-and-add into an int32 sum {@code int_add{32}}
 *       [{@code mac_array.bp_pass_add}], each zero-point term {@code int_mac{8, 32, 32}}
 *       [{@code mac_array.bp_zero_point_mac}] ({@link MacDatapaths#bitPlanePopcount});
 *   <li>LUT core: build adds to {@code lut_build_add{table_entry_bits}} [{@code lut_core.build_add}],
 *       accumulate adds to {@code int_add{acc_bits}} [{@code lut_core.accumulate_add}]; lookups read the
 *       LUT SRAM buffer and are priced as its read bits; the fp16 tables' fp32 build and accumulate adds to
 *       {@code fp_add{fp32}} [{@code lut_core.fp32_build_add}, {@code lut_core.fp32_accumulate_add}]; LUT.GEMM.BP's
 *       zero-point term per output {@code int_mac{8, 32, 32}} [{@code lut_core.bp_zero_point_mac}];
 *   <li>vector unit fp32: MAC, ADD, MUL to {@code fp_mac/fp_add/fp_mult{fp32}}, other ops to
 *       {@code fp_func{op, fp32}} [{@code vector_unit.fp32_<op>}];
 *   <li>SRAM, per configured buffer: bytes x 8 to {@code sram_read/sram_write{capacity_bytes,
 *       width_bits}} ({@code regfile_read/regfile_write} per bit for a buffer of {@code storage: registers})
 *       [{@code sram.<buffer>.read_bits|write_bits}], from the engine's buffer counters when
 *       stats are given (they include operand re-reads per fold and vector-unit traffic), else from the
 *       functional counts;
 *   <li>DRAM: bytes x 8 to {@code dram_read/dram_write{kind}} [{@code dram.read_bits|write_bits}]; with
 *       stats, bytes moved in whole bursts beyond the useful ones [{@code dram.burst_padding_bits}],
 *       priced as reads (the DRAM tables do not separate reads from writes).
 * </ul>
 * Static energy is leakage density x design area ({@link AreaAccounting}) x runtime.
 */
public final class EnergyAccounting {

  private final ArchConfig arch;
  private final CostModel cost;
  private final EnergyModel energy;
  private final AssumedWeightMix assumedMix;
  private AreaReport area;

  public EnergyAccounting(ArchConfig arch, CostModel cost) {
    this(arch, cost, null);
  }

  private EnergyAccounting(ArchConfig arch, CostModel cost, AssumedWeightMix assumedMix) {
    this.arch = Objects.requireNonNull(arch, "arch");
    this.cost = Objects.requireNonNull(cost, "cost");
    this.energy = cost.energy();
    this.assumedMix = assumedMix;
  }

  /**
   * The same accounting, splitting unknown (timing-only) ternary pair counts with an explicit assumed
   * weight mix instead of refusing them.
   */
  public EnergyAccounting withAssumedWeightMix(AssumedWeightMix mix) {
    return new EnergyAccounting(arch, cost, Objects.requireNonNull(mix, "mix"));
  }

  /** Prices counts over a runtime (for static energy); SRAM and DRAM bytes from the counts. */
  public static EnergyReport price(ActionCounts counts, ArchConfig arch, CostModel cost, double runtimeNs) {
    return new EnergyAccounting(arch, cost).price(counts, runtimeNs);
  }

  /** Prices counts over a runtime; SRAM and DRAM bytes from the functional counts. */
  public EnergyReport price(ActionCounts counts, double runtimeNs) {
    List<EnergyEntry> out = compute(counts);
    for (Buffer b : Buffer.values()) {
      sram(out, b, counts.traffic().sramReadBytes(b), counts.traffic().sramWrittenBytes(b),
          "functional counts (operand bytes once per instruction)");
    }
    kvStore(out, counts);
    dram(out, counts.traffic().dramReadBytes(), counts.traffic().dramWrittenBytes(), 0, "functional counts");
    return new EnergyReport(out, area().staticEnergy(runtimeNs), cost.describe());
  }

  /**
   * Prices counts with the engine's stats: runtime from {@code stats}, SRAM bytes from its buffer
   * counters, DRAM useful bytes plus burst padding from its DRAM counters.
   */
  public EnergyReport price(ActionCounts counts, SimulationStats stats) {
    List<EnergyEntry> out = compute(counts);
    for (Buffer b : Buffer.values()) {
      BufferStats s = stats.buffer(b.name());
      sram(out, b, s.bytesRead(), s.bytesWritten(), "engine buffer counters (re-reads per fold included)");
    }
    kvStore(out, counts);
    DramStats d = stats.dram();
    long padding = Math.max(0, d.busBytes() - d.bytesRead() - d.bytesWritten());
    dram(out, d.bytesRead(), d.bytesWritten(), padding, "engine DRAM counters");
    return new EnergyReport(out, area().staticEnergy(stats.totalNs()), cost.describe());
  }

  /** The design's area per unit (computed once). */
  public AreaReport area() {
    if (area == null) {
      area = AreaAccounting.of(arch, cost);
    }
    return area;
  }

  public ArchConfig arch() {
    return arch;
  }

  public CostModel cost() {
    return cost;
  }

  /** The action a ternary MAC array's zero weights are priced as: a skip, unless zero_skip is none. */
  public Action ternaryZeroWeightAction() {
    int acc = arch.macArray().accumulatorBits();
    return arch.macArray().zeroSkip() == ZeroSkip.NONE ? Action.ternaryAdd(acc) : Action.ternarySkip(acc);
  }

  /**
   * Memory-hierarchy overhead: per level and direction, the bytes moved beyond {@code compulsory} and
   * their energy at the level's average per-bit price in this report.
   */
  public static List<MemoryOverhead> overhead(EnergyReport report, CompulsoryTraffic compulsory) {
    return List.of(
        overheadOf(report, "dram.read", c -> c.equals("dram.read_bits") || c.equals("dram.burst_padding_bits"),
            compulsory.dramReadBytes()),
        overheadOf(report, "dram.write", c -> c.equals("dram.write_bits"), compulsory.dramWrittenBytes()),
        overheadOf(report, "sram.read", c -> c.startsWith("sram.") && c.endsWith(".read_bits"),
            compulsory.sramReadBytes()),
        overheadOf(report, "sram.write", c -> c.startsWith("sram.") && c.endsWith(".write_bits"),
            compulsory.sramWrittenBytes()));
  }

  private static MemoryOverhead overheadOf(EnergyReport r, String level, java.util.function.Predicate<String> cls,
      long compulsoryBytes) {
    long bits = 0;
    double pj = 0;
    for (EnergyEntry e : r.entries()) {
      if (cls.test(e.actionClass())) {
        bits += e.count();
        pj += e.totalPj();
      }
    }
    long bytes = bits / 8;
    double perBit = bits == 0 ? 0 : pj / bits;
    long excess = bytes - compulsoryBytes;
    return new MemoryOverhead(level, bytes, compulsoryBytes, excess, perBit, excess * 8.0 * perBit);
  }

  private List<EnergyEntry> compute(ActionCounts c) {
    List<EnergyEntry> out = new ArrayList<>();
    TernaryMacArrayConfig mac = arch.macArray();
    int acc = mac.accumulatorBits();
    TernaryPairCounts pairs = c.macArray();
    if (mac.weightDatatype() == WeightDatatype.TERNARY) {
      long[] ass;
      String basis;
      if (pairs.known()) {
        ass = new long[] {pairs.adds(), pairs.subs(), pairs.skips()};
        basis = pairs.source().name().toLowerCase(Locale.ROOT);
      } else if (pairs.pairs() == 0) {
        ass = new long[3];
        basis = "none";
      } else if (assumedMix != null) {
        ass = assumedMix.resolve(pairs);
        basis = assumedMix.describe();
      } else {
        throw new IllegalArgumentException("mac_array: the ternary add/sub/skip split of " + pairs.pairs()
            + " pairs is unknown (timing-only run without weight histograms); resolve it with"
            + " TernaryPairCounts.resolvedBy(histogram, tokens) or state an AssumedWeightMix");
      }
      add(out, "mac_array", "mac_array.ternary_add", Action.ternaryAdd(acc), ass[0], basis, EnergyLevel.COMPUTE);
      add(out, "mac_array", "mac_array.ternary_sub", Action.ternarySub(acc), ass[1], basis, EnergyLevel.COMPUTE);
      add(out, "mac_array", "mac_array.ternary_skip", ternaryZeroWeightAction(), ass[2], basis, EnergyLevel.COMPUTE);
    } else {
      add(out, "mac_array", "mac_array.baseline_mac", MacDatapaths.macAction(mac.weightDatatype(), acc,
          AreaAccounting.FP16_BASELINE_ACC_FORMAT), pairs.pairs(), "pairs (value-independent)", EnergyLevel.COMPUTE);
    }
    floatArray(out, c.floatArray());
    codeArray(out, c.codeArray());
    String exact = "counted (value-independent)";
    // ASSUMED: a PE's mask decode compares two mask bits with the gate and ANDs them (a few gates), priced as a 2-bit
    // integer add, the nearest priced logic of that size; once per weight a gated GEMM.SF loads.
    add(out, "mac_array", "mac_array.mask_decode", Action.intAdd(2), c.maskDecodes(), exact, EnergyLevel.COMPUTE);
    add(out, "mac_array", "mac_array.int8_mac", Action.intMac(8, 8, acc), c.int8Macs(), exact, EnergyLevel.COMPUTE);
    for (IntWidth w : IntWidth.values()) {
      for (IntWidth a : IntWidth.values()) {
        add(out, "mac_array", "mac_array.int_mac_w" + w.bits() + "a" + a.bits(), MacDatapaths.intArrayMac(w, a),
            c.intArray().macs(w, a), exact, EnergyLevel.COMPUTE);
      }
    }
    bitPlane(out, c);
    add(out, "lut_core", "lut_core.build_add", Action.lutBuildAdd(arch.lutCore().tableEntryBits()),
        c.lut().buildAdds(), exact, EnergyLevel.COMPUTE);
    add(out, "lut_core", "lut_core.accumulate_add", Action.intAdd(acc), c.lut().accumulateAdds(), exact,
        EnergyLevel.COMPUTE);
    lutFloat(out, c);
    lutBitPlane(out, c);
    for (Fp32Op op : Fp32Op.values()) {
      if (op != Fp32Op.SPARSE_MAC) {
        add(out, "vector_unit", "vector_unit.fp32_" + op.name().toLowerCase(Locale.ROOT), fp32Action(op),
            c.fp32Ops(op), exact, EnergyLevel.COMPUTE);
      }
    }
    sparse(out, c.fp32Ops(Fp32Op.SPARSE_MAC), exact);
    return out;
  }

  /**
   * GEMM.SP's outliers, on the sparse unit when the arch has one, else on the vector lanes: per entry and token one
   * index decode (the CSR column plus the activation row's base: a 32-bit add, ASSUMED as the address adder it needs,
   * priced as {@code int_add{32}}), one fp32 multiply (the int8 weight converted exactly) and one fp32 add.
   */
  private void sparse(List<EnergyEntry> out, long entries, String basis) {
    String unit = arch.sparseUnit() != null ? "sparse_unit" : "vector_unit";
    add(out, unit, unit + ".index_decode", Action.intAdd(32), entries, basis, EnergyLevel.COMPUTE);
    add(out, unit, unit + ".outlier_mul", Action.fpMult("fp32"), entries, basis, EnergyLevel.COMPUTE);
    add(out, unit, unit + ".outlier_add", Action.fpAdd("fp32"), entries, basis, EnergyLevel.COMPUTE);
  }

  /**
   * GEMM.SF on the array's floating-point adders (fp32 or fp16, as the arch has them): each +1 or -1 weight is one
   * add of that width; a zero weight is the same add when zero_skip is none (the adder still runs, adding nothing)
   * and a gated skip otherwise. Timing-only runs know no split: every pair is priced as an add, an upper bound the
   * basis says.
   */
  /** GEMM.BP's counts on the bit-plane PEs (class comment; prices and their sources in {@link MacDatapaths}). */
  private void bitPlane(List<EnergyEntry> out, ActionCounts c) {
    if (c.bitPlane().andPopcounts() == 0) {
      return; // no GEMM.BP ran: the other datapaths' tables need not price these actions
    }
    String exact = "counted (value-independent)";
    add(out, "mac_array", "mac_array.bp_and_popcount", MacDatapaths.bitPlanePopcount(), c.bitPlane().andPopcounts(),
        exact, EnergyLevel.COMPUTE);
    add(out, "mac_array", "mac_array.bp_pass_add", MacDatapaths.bitPlanePassAdd(), c.bitPlane().passAdds(), exact,
        EnergyLevel.COMPUTE);
    add(out, "mac_array", "mac_array.bp_zero_point_mac", MacDatapaths.bitPlaneZeroPointMac(),
        c.bitPlane().zeroPointMacs(), exact, EnergyLevel.COMPUTE);
  }

  private void floatArray(List<EnergyEntry> out, TernaryPairCounts f) {
    if (f.pairs() == 0) {
      return;
    }
    FloatAdders adders = arch.macArray().floatAdders();
    // A program with GEMM.SF never runs on an array without adders (validator and simulator refuse it); the
    // fp32 fallback only keeps a hand-made counter set priceable.
    String format = adders == FloatAdders.NONE ? "fp32" : adders.format();
    Action add = Action.fpAdd(format);
    String name = "mac_array." + format;
    if (!f.known()) {
      add(out, "mac_array", name + "_add", add, f.pairs(), "upper bound: every pair an " + format + " add (weights"
          + " unknown in a timing-only run)", EnergyLevel.COMPUTE);
      return;
    }
    String basis = f.source().name().toLowerCase(Locale.ROOT);
    boolean gated = arch.macArray().zeroSkip() != ZeroSkip.NONE;
    add(out, "mac_array", name + "_add", add, f.adds() + f.subs() + (gated ? 0 : f.skips()), basis,
        EnergyLevel.COMPUTE);
    add(out, "mac_array", name + "_skip", Action.ternarySkip(adders.bits() == 16 ? 16 : 32), gated ? f.skips() : 0,
        basis, EnergyLevel.COMPUTE);
  }

  /**
   * GEMM.Q2 on the array's fp32 adders: per code-activation pair one PE add of the selected operand (0, a, 2a or 3a,
   * its sign set by the code's difference; the select and sign are wiring, not priced) and per activation two adds at
   * the array's edge ({@code 2a = a + a}, {@code 3a = a + 2a}); each one {@code fp_add{fp32}}, the action and table
   * GEMM.SF's {@code mac_array.fp32_add} uses. Absent when the run had none.
   */
  private void codeArray(List<EnergyEntry> out, CodeArrayCounts q) {
    if (q.pairs() == 0 && q.edgeAdds() == 0) {
      return;
    }
    String exact = "counted (value-independent)";
    add(out, "mac_array", "mac_array.fp32_code_add", Action.fpAdd("fp32"), q.pairs(), exact, EnergyLevel.COMPUTE);
    add(out, "mac_array", "mac_array.fp32_edge_add", Action.fpAdd("fp32"), q.edgeAdds(), exact, EnergyLevel.COMPUTE);
  }

  /**
   * The LUT core's fp adds (LUT.BUILD.F16 builds in fp32 before rounding each entry to fp16; LUT.GEMM.F16 accumulates
   * in fp32): each one {@code fp_add{fp32}}, the action and table GEMM.SF's {@code mac_array.fp32_add} uses. The
   * fp16 rounding of an entry is not priced (a round on the adder's output). Absent when the run had none.
   */
  private void lutFloat(List<EnergyEntry> out, ActionCounts c) {
    String exact = "counted (value-independent)";
    if (c.lut().floatBuildAdds() > 0) {
      add(out, "lut_core", "lut_core.fp32_build_add", Action.fpAdd("fp32"), c.lut().floatBuildAdds(), exact,
          EnergyLevel.COMPUTE);
    }
    if (c.lut().floatAccumulateAdds() > 0) {
      add(out, "lut_core", "lut_core.fp32_accumulate_add", Action.fpAdd("fp32"), c.lut().floatAccumulateAdds(), exact,
          EnergyLevel.COMPUTE);
    }
  }

  /**
   * LUT.GEMM.BP's zero-point term, one per output: {@code int_mac{8, 32, 32}} ({@link LutBitPlaneUnit#edgeMac}, the
   * action GEMM.BP's edge uses). Its lookups, accumulate adds and build adds are in the integer LUT rows above.
   * Absent when the run had none.
   */
  private void lutBitPlane(List<EnergyEntry> out, ActionCounts c) {
    if (c.lut().bitPlaneEdgeMacs() > 0) {
      add(out, "lut_core", "lut_core.bp_zero_point_mac", LutBitPlaneUnit.edgeMac(), c.lut().bitPlaneEdgeMacs(),
          "counted (value-independent)", EnergyLevel.COMPUTE);
    }
  }

  /** The energy-table action of one vector-unit fp32 operation. */
  public static Action fp32Action(Fp32Op op) {
    return switch (op) {
      case MAC -> Action.fpMac("fp32", "fp32");
      case ADD -> Action.fpAdd("fp32");
      case MUL -> Action.fpMult("fp32");
      default -> Action.fpFunc(op.name().toLowerCase(Locale.ROOT), "fp32");
    };
  }

  private void sram(List<EnergyEntry> out, Buffer b, long readBytes, long writtenBytes, String basis) {
    sram(out, Machine.configBufferName(b), "ISA buffer " + b, readBytes, writtenBytes, basis);
  }

  /** The on-chip KV store's traffic (arch buffer {@code kv}); none without one. */
  private void kvStore(List<EnergyEntry> out, ActionCounts counts) {
    sram(out, "kv", "the on-chip KV store", counts.traffic().kvStoreReadBytes(), counts.traffic().kvStoreWrittenBytes(),
        "functional counts (the DMA's KV-store bytes)");
  }

  private void sram(List<EnergyEntry> out, String name, String what, long readBytes, long writtenBytes, String basis) {
    SramBufferConfig c = arch.buffers().get(name);
    if (c == null) {
      if (readBytes + writtenBytes != 0) {
        throw new IllegalArgumentException("arch '" + arch.name() + "' has no buffer '" + name + "' but the run moved "
            + (readBytes + writtenBytes) + " bytes through " + what);
      }
      return;
    }
    EnergyLevel level = EnergyLevel.sram(name);
    String unit = level.label();
    if (c.registers()) {
      // Register tables: every bit read or written is one flip-flop access, whatever the capacity.
      add(out, unit, unit + ".read_bits", Action.regfileRead(), 8 * readBytes, basis + ", registers", level);
      add(out, unit, unit + ".write_bits", Action.regfileWrite(), 8 * writtenBytes, basis + ", registers", level);
      return;
    }
    add(out, unit, unit + ".read_bits", Action.sramRead(c.sizeBytes(), c.widthBits()), 8 * readBytes, basis, level);
    add(out, unit, unit + ".write_bits", Action.sramWrite(c.sizeBytes(), c.widthBits()), 8 * writtenBytes, basis,
        level);
  }

  private void dram(List<EnergyEntry> out, long readBytes, long writtenBytes, long paddingBytes, String basis) {
    String kind = arch.dram().kind().name().toLowerCase(Locale.ROOT);
    add(out, "dram", "dram.read_bits", Action.dramRead(kind), 8 * readBytes, basis, EnergyLevel.DRAM);
    add(out, "dram", "dram.write_bits", Action.dramWrite(kind), 8 * writtenBytes, basis, EnergyLevel.DRAM);
    add(out, "dram", "dram.burst_padding_bits", Action.dramRead(kind), 8 * paddingBytes,
        basis + ": whole bursts beyond the useful bytes, priced as reads", EnergyLevel.DRAM);
  }

  /** Adds a priced entry; an action never performed needs no price (count 0 is skipped). */
  private void add(List<EnergyEntry> out, String unit, String cls, Action action, long count, String basis,
      EnergyLevel level) {
    if (count < 0) {
      throw new IllegalArgumentException("negative count " + count + " for " + cls);
    }
    if (count != 0) {
      out.add(new EnergyEntry(unit, cls, energy.price(action), count, basis, level));
    }
  }
}
