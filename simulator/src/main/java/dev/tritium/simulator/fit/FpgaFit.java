package dev.tritium.simulator.fit;

import dev.tritium.simulator.fit.BufferMapping.Memory;
import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.unit.FpgaResources.Resource;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.mac.MacArrayFpgaCost;
import dev.tritium.simulator.unit.lut.LutCoreFpgaCost;
import dev.tritium.simulator.unit.sparse.SparseUnitFpgaCost;
import dev.tritium.simulator.unit.vector.VectorUnitFpgaCost;
import dev.tritium.simulator.unit.dma.DmaFpgaCost;
import dev.tritium.simulator.unit.sram.SramFpgaCost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FPGA resource estimates of a whole design: the sum of each unit's own cost model (in its package:
 * {@code unit.mac.MacArrayFpgaCost}, {@code unit.lut.LutCoreFpgaCost}, {@code unit.vector.VectorUnitFpgaCost},
 * {@code unit.dma.DmaFpgaCost}, {@code unit.sram.SramFpgaCost}) and the control logic, with the BRAM36/URAM
 * assignment of the buffers chosen for the part; a feasibility constraint for design-space sweeps
 * ({@link #estimate}) and the largest MAC array that fits ({@link #largestArray}). Counts are for AMD UltraScale+
 * fabric: CLBs of LUT6s with a CARRY8 chain and flip-flops (UG574), DSP48E2 slices (UG579), 36 Kb block RAM and
 * 288 Kb UltraRAM (UG573).
 */
public final class FpgaFit {

  /** Largest array side tried by {@link #largestArray}. */
  static final int MAX_SIDE = 1024;

  private FpgaFit() {}

  /** The estimate of an arch on a part. */
  public static FitEstimate estimate(ArchConfig arch, FpgaPart part) {
    List<ComponentCost> parts = new ArrayList<>();
    parts.add(MacArrayFpgaCost.pes(arch.macArray()));
    parts.add(MacArrayFpgaCost.columnAccumulators(arch.macArray()));
    parts.add(LutCoreFpgaCost.of(arch.lutCore(), arch.macArray().accumulatorBits()));
    parts.add(VectorUnitFpgaCost.of(arch.vectorUnit()));
    if (arch.sparseUnit() != null) {
      parts.add(SparseUnitFpgaCost.of(arch.sparseUnit()));
    }
    parts.add(DmaFpgaCost.of(arch.dma()));
    parts.add(new ComponentCost("control", ControlStructure.DEFAULT.resources(), ControlStructure.DEFAULT.describe()));
    FpgaResources logic = FpgaResources.ZERO;
    for (ComponentCost c : parts) {
      logic = logic.plus(c.resources());
    }
    Map<String, SramBufferConfig> blockRam = new LinkedHashMap<>();
    arch.buffers().forEach((name, b) -> {
      if (b.registers()) {
        // A core with fp16 tables stores 16-bit entries whatever its integer entry width.
        int lutBits = arch.lutCore().hasFloatAdders()
            ? Math.max(arch.lutCore().tableEntryBits(), SramFpgaCost.ISA_TABLE_ENTRY_BITS)
            : arch.lutCore().tableEntryBits();
        parts.add(SramFpgaCost.fabric(name, b, name.equals("lut") ? lutBits : SramFpgaCost.ISA_TABLE_ENTRY_BITS));
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
