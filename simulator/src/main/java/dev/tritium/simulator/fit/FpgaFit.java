package dev.tritium.simulator.fit;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.simulator.fit.BufferMapping.Memory;
import dev.tritium.simulator.fit.FpgaResources.Resource;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.sram.BufferStorage;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.vector.VectorUnitConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FPGA resource estimates from per-unit cost models ({@link UnitCosts}); a feasibility constraint for
 * design-space sweeps ({@link #estimate}) and the largest MAC array that fits ({@link #largestArray}).
 */
public final class FpgaFit {

  /** Largest array side tried by {@link #largestArray}. */
  static final int MAX_SIDE = 1024;

  private FpgaFit() {}

  /** The estimate of an arch on a part. */
  public static FitEstimate estimate(ArchConfig arch, FpgaPart part) {
    List<ComponentCost> parts = new ArrayList<>();
    parts.add(macArray(arch.macArray()));
    parts.add(columnAccumulators(arch.macArray()));
    parts.add(lutCore(arch.lutCore(), arch.macArray().accumulatorBits()));
    parts.add(vectorUnit(arch.vectorUnit()));
    // Each extra port a stream is striped over is one more AXI master datapath, costed as a channel.
    int channels = arch.dma().loadChannels() + arch.dma().storeChannels() + arch.dma().streamPorts() - 1;
    parts.add(new ComponentCost("dma", UnitCosts.DMA_CHANNEL.times(channels),
        channels + " channels x (" + UnitCosts.DMA_CHANNEL.lut() + " LUT, " + UnitCosts.DMA_CHANNEL.ff() + " FF, "
            + UnitCosts.DMA_CHANNEL.bram36() + " BRAM36)"
            + (arch.dma().streamPorts() > 1 ? ", " + (arch.dma().streamPorts() - 1) + " of them extra stream ports" : "")));
    parts.add(new ComponentCost("control", UnitCosts.CONTROL, "AXI-Lite control, queues, tokens"));
    FpgaResources logic = FpgaResources.ZERO;
    for (ComponentCost c : parts) {
      logic = logic.plus(c.resources());
    }
    Map<String, SramBufferConfig> blockRam = new LinkedHashMap<>();
    arch.buffers().forEach((name, b) -> {
      if (b.registers()) {
        parts.add(fabricBuffer(name, b, name.equals("lut") ? arch.lutCore().tableEntryBits() : ISA_TABLE_ENTRY_BITS));
      } else {
        blockRam.put(name, b);
      }
    });
    List<BufferMapping> buffers = mapBuffers(blockRam, logic, part);
    for (BufferMapping b : buffers) {
      parts.add(new ComponentCost("buffer." + b.buffer(), b.resources(), b.primitives() + " " + b.memory()
          + " (" + b.bramIfBlockRam() + " if BRAM36, " + b.uramIfUltraRam() + " if URAM)"));
    }
    return new FitEstimate(arch.name(), part, parts, buffers);
  }

  static ComponentCost macArray(TernaryMacArrayConfig m) {
    int acc = m.accumulatorBits();
    long lutPerPe = acc + UnitCosts.PE_DECODE_LUTS;
    // A double-buffered stationary operand keeps a second (shadow) weight register per PE, loaded while the
    // working one computes; the swap is the working register's load enable (no LUT counted).
    int weightRegisters = m.stationaryDoubleBuffer() ? 2 : 1;
    long ffPerPe = acc + m.activationBits() + (long) weightRegisters * UnitCosts.PE_WEIGHT_FFS;
    long pes = m.peCount();
    // int8 multipliers: one DSP48E2 per PE (its 27 x 18 multiplier holds an int8 x int8 product), and an 8-bit
    // register for the stationary int8 operand in place of the 2-bit ternary weight.
    long dspPerPe = m.int8Multipliers() ? 1 : 0;
    long multFf = m.int8Multipliers() ? 8 - UnitCosts.PE_WEIGHT_FFS : 0;
    return new ComponentCost("mac_array", new FpgaResources(pes * lutPerPe, pes * (ffPerPe + multFf), pes * dspPerPe,
        0, 0),
        pes + " PEs x (" + acc + "-bit add/sub LUT6 chain + " + UnitCosts.PE_DECODE_LUTS + " decode) LUT, x (" + acc
            + " psum + " + m.activationBits() + " activation + " + (weightRegisters == 2 ? "2 x " : "")
            + UnitCosts.PE_WEIGHT_FFS + " weight" + (weightRegisters == 2 ? ", working and shadow" : "") + ") FF"
            + (m.int8Multipliers() ? "; int8 multipliers: 1 DSP48E2 + " + multFf + " FF per PE" : ""));
  }

  static ComponentCost columnAccumulators(TernaryMacArrayConfig m) {
    long bits = (long) m.cols() * m.accumulatorBits();
    return new ComponentCost("accumulators", new FpgaResources(bits, bits, 0, 0, 0),
        m.cols() + " column accumulators x " + m.accumulatorBits() + " bits (1 LUT + 1 FF per bit)");
  }

  static ComponentCost lutCore(LutCoreConfig l, int accumulatorBits) {
    long entries = l.tableEntries();
    long builderLut = l.tablesBuiltPerCycle() * (entries - 1) * l.tableEntryBits();
    long builderFf = l.tablesBuiltPerCycle() * entries * l.tableEntryBits();
    long lookupLut = (long) l.lookupsPerCycle() * accumulatorBits;
    long lookupFf = (long) l.lookupsPerCycle() * l.tableEntryBits() + (long) l.tableSharingRows() * accumulatorBits;
    return new ComponentCost("lut_core", new FpgaResources(builderLut + lookupLut, builderFf + lookupFf, 0, 0, 0),
        "builder " + l.tablesBuiltPerCycle() + " x " + (entries - 1) + " adders x " + l.tableEntryBits()
            + " bits; " + l.lookupsPerCycle() + " lookups x " + accumulatorBits + "-bit add/sub; tables in buffer.lut");
  }

  /** Bits of one table entry in the ISA's LUT image (isa.LutVariant: int16 partial sums). */
  static final int ISA_TABLE_ENTRY_BITS = 16;

  /**
   * A buffer in the fabric: registers take one flip-flop per bit; LUTRAM takes one LUT6 per 64 bits (a 64 x 1
   * distributed RAM) for each read port, as HLS replicates a 1-write, n-read LUTRAM per reader. The LUT buffer's
   * size is in the ISA's table image (int16 entries); the fabric holds {@code entryBits} (lut_core.table_entry_bits)
   * per entry, so its bits are scaled by entryBits / 16 (other buffers pass 16: no scaling).
   */
  static ComponentCost fabricBuffer(String name, SramBufferConfig b, int entryBits) {
    long bits = Math.multiplyExact(b.sizeBytes(), 8L) / ISA_TABLE_ENTRY_BITS * entryBits;
    if (b.storage() == BufferStorage.REGISTERS) {
      return new ComponentCost("buffer." + name, new FpgaResources(0, bits, 0, 0, 0),
          String.format(Locale.ROOT, "registers: %,d bits x 1 FF", bits));
    }
    long luts = ceilDiv(bits, UnitCosts.LUTRAM_BITS_PER_LUT) * b.ports();
    return new ComponentCost("buffer." + name, new FpgaResources(luts, 0, 0, 0, 0),
        String.format(Locale.ROOT, "LUTRAM: %,d bits / %d per LUT6 x %d read port(s)", bits,
            UnitCosts.LUTRAM_BITS_PER_LUT, b.ports()));
  }

  static ComponentCost vectorUnit(VectorUnitConfig v) {
    FpgaResources lane = UnitCosts.FP32_MUL.plus(UnitCosts.FP32_ADD).plus(UnitCosts.LANE_MISC);
    FpgaResources shared = UnitCosts.FP32_DIV.plus(UnitCosts.FP32_SQRT).plus(UnitCosts.FP32_EXP);
    return new ComponentCost("vector_unit", lane.times(v.lanes()).plus(shared),
        v.lanes() + " lanes x (fmul " + UnitCosts.FP32_MUL.dsp() + " DSP + fadd " + UnitCosts.FP32_ADD.dsp()
            + " DSP + misc) + shared fdiv, fsqrt, fexp (" + UnitCosts.FP32_EXP.dsp() + " DSP)");
  }

  /**
   * Chooses BRAM36 or URAM for every buffer by trying every assignment: among those that fit the part
   * (with the logic's own BRAM36), the one using the fewest memory bits (36 Kb per BRAM36, 288 Kb per
   * URAM: small buffers stay in BRAM, large ones move to URAM); if none fits, the one whose larger
   * utilization (BRAM36 or URAM) is smallest. Ties go to the assignment found first (fewer URAM).
   */
  static List<BufferMapping> mapBuffers(Map<String, SramBufferConfig> buffers, FpgaResources logic, FpgaPart part) {
    List<String> names = new ArrayList<>(buffers.keySet());
    long[] bram = new long[names.size()];
    long[] uram = new long[names.size()];
    for (int i = 0; i < names.size(); i++) {
      bram[i] = BufferMapping.primitives(buffers.get(names.get(i)), Memory.BRAM36);
      uram[i] = BufferMapping.primitives(buffers.get(names.get(i)), Memory.URAM);
    }
    int best = -1;
    boolean bestFits = false;
    double bestScore = Double.MAX_VALUE;
    for (int mask = 0; mask < 1 << names.size(); mask++) {
      long b = logic.bram36();
      long u = logic.uram();
      for (int i = 0; i < names.size(); i++) {
        if ((mask >> i & 1) == 1) {
          u += uram[i];
        } else {
          b += bram[i];
        }
      }
      boolean fits = b <= part.capacity().bram36() && u <= part.capacity().uram();
      double score = fits ? 36.0 * b + 288.0 * u
          : Math.max((double) b / part.capacity().bram36(), (double) u / part.capacity().uram());
      if (best < 0 || (fits && !bestFits) || (fits == bestFits && score < bestScore)) {
        best = mask;
        bestFits = fits;
        bestScore = score;
      }
    }
    List<BufferMapping> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      boolean ultra = (best >> i & 1) == 1;
      out.add(new BufferMapping(names.get(i), ultra ? Memory.URAM : Memory.BRAM36, ultra ? uram[i] : bram[i], bram[i],
          uram[i]));
    }
    return out;
  }

  /**
   * The largest MAC array (rows x cols, powers of two up to {@value #MAX_SIDE}) that fits, all other
   * parameters kept, except that an accumulator buffer whose port is one row of accumulators
   * ({@code width_bits = cols x accumulator_bits}) keeps that relation. Among equal PE counts the shape
   * closest to the original aspect ratio wins. Empty when not even 1 x 1 fits.
   */
  public static Optional<ArchConfig> largestArray(ArchConfig arch, FpgaPart part) {
    ArchConfig best = null;
    double origAspect = Math.log((double) arch.macArray().rows() / arch.macArray().cols());
    for (int rows = 1; rows <= MAX_SIDE; rows *= 2) {
      for (int cols = 1; cols <= MAX_SIDE; cols *= 2) {
        ArchConfig candidate = withArray(arch, rows, cols);
        if (candidate == null || !estimate(candidate, part).fits()) {
          continue;
        }
        if (best == null || better(candidate, best, origAspect)) {
          best = candidate;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean better(ArchConfig a, ArchConfig b, double origAspect) {
    long pa = a.macArray().peCount();
    long pb = b.macArray().peCount();
    if (pa != pb) {
      return pa > pb;
    }
    double da = Math.abs(Math.log((double) a.macArray().rows() / a.macArray().cols()) - origAspect);
    double db = Math.abs(Math.log((double) b.macArray().rows() / b.macArray().cols()) - origAspect);
    return da < db;
  }

  /** A copy with another array shape (every other setting kept), or null if the simulator's validator rejects it. */
  static ArchConfig withArray(ArchConfig arch, int rows, int cols) {
    TernaryMacArrayConfig m = arch.macArray();
    ArchConfig candidate = arch.withMacArray(m.withShape(rows, cols)).withName(arch.name() + "@" + rows + "x" + cols);
    SramBufferConfig acc = arch.buffers().get("accumulator");
    if (acc != null && acc.widthBits() == m.cols() * m.accumulatorBits()) {
      candidate = candidate.withBuffer("accumulator", new SramBufferConfig(acc.sizeBytes(), acc.banks(), acc.ports(),
          cols * m.accumulatorBits(), acc.storage(), acc.doubleBuffered()));
    }
    try {
      return ArchConfigs.validate(candidate, candidate.name());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A plain-text report: components, totals, utilization, verdict and the largest fitting array. */
  public static String render(FitEstimate e, Optional<ArchConfig> largest) {
    StringBuilder b = new StringBuilder();
    FpgaPart p = e.part();
    b.append("fpga-fit: arch ").append(e.arch()).append(" on ").append(p.key()).append(" (").append(p.board())
        .append(", ").append(p.partNumber()).append("; capacities from ").append(p.citation()).append(")\n\n");
    String fmt = "%-22s %10s %10s %6s %7s %5s  %s%n";
    b.append(String.format(Locale.ROOT, fmt, "component", "LUT", "FF", "DSP", "BRAM36", "URAM", "basis"));
    for (ComponentCost c : e.components()) {
      row(b, fmt, c.component(), c.resources(), c.basis());
    }
    row(b, fmt, "total", e.total(), "");
    row(b, fmt, "available", p.capacity(), "");
    Object[] util = new Object[7];
    util[0] = "utilization";
    int i = 1;
    for (Resource r : Resource.values()) {
      util[i++] = String.format(Locale.ROOT, "%.1f%%", 100 * e.utilization(r));
    }
    util[6] = "";
    b.append(String.format(Locale.ROOT, fmt, util));
    b.append('\n');
    if (e.fits()) {
      b.append("verdict: fits ").append(p.key()).append('\n');
    } else {
      b.append("verdict: DOES NOT FIT ").append(p.key()).append(":");
      for (Resource r : e.overflows()) {
        b.append(' ').append(r.label()).append(' ').append(e.total().get(r)).append(" > ").append(p.capacity().get(r))
            .append(';');
      }
      b.append('\n');
    }
    b.append("largest MAC array that fits (other parameters kept): ");
    if (largest.isPresent()) {
      TernaryMacArrayConfig m = largest.get().macArray();
      b.append(m.rows()).append(" x ").append(m.cols()).append(" (").append(m.peCount()).append(" PEs)\n");
    } else {
      b.append("none: the rest of the design (buffers, vector unit, DMA) alone exceeds the part\n");
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String fmt, String name, FpgaResources r, String basis) {
    b.append(String.format(Locale.ROOT, fmt, name, String.format(Locale.ROOT, "%,d", r.lut()),
        String.format(Locale.ROOT, "%,d", r.ff()), String.format(Locale.ROOT, "%,d", r.dsp()),
        String.format(Locale.ROOT, "%,d", r.bram36()), String.format(Locale.ROOT, "%,d", r.uram()), basis));
  }
}
