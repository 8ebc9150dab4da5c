package dev.tritium.mapper.intfmt;

import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.ImageRun;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.Hadamard;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import java.util.List;
import java.util.Locale;

/**
 * Reference engine against simulator for one linear layer of an integer format: the format's quantizer makes the
 * weights from seeded latent ones, the format's own {@code apply} gives the golden output, the compiled program runs
 * on the simulator's functional model (which quantizes the activations, multiplies the codes and scales the int32
 * sums with its own code), and every output must match bit for bit. The counts the program must perform (one int8 MAC
 * per weight and token, one conversion, multiply and divide per output) and the DRAM bytes read are checked too, so a
 * run that skips or repeats work fails.
 */
public final class IntLinearCrossCheck {

  private final SimulationRunner runner;
  private final IntLinearLowering lowering;
  private final int maxKTile;

  /** With the largest tiles the buffers hold. */
  public IntLinearCrossCheck(ArchConfig arch) {
    this(arch, Integer.MAX_VALUE);
  }

  /** With K tiles of at most {@code maxKTile} columns (several GEMM.IW per output tile). */
  public IntLinearCrossCheck(ArchConfig arch, int maxKTile) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new IntLinearLowering(runner.target());
    this.maxKTile = maxKTile;
  }

  /** The format's matrix seeded as the BitLinear cases' ({@link BitLinearCase#formatWeights}). */
  public static QuantizedMatrix weights(FormatPreset format, int n, int k, long seed, long tensorId) {
    return BitLinearCase.formatWeights(format, n, k, seed, tensorId);
  }

  /** Cross-checks {@code tokens} tokens of an n x k layer of {@code format}. */
  public CrossCheckReport run(String label, FormatPreset format, int tokens, int n, int k, long seed, long tensorId,
      IntMutation mutation) {
    QuantizedMatrix m = weights(format, n, k, seed, tensorId);
    float[] x = BitLinearCase.seededInput(tokens, k, seed, tensorId);
    return run(label, IntPlan.of(format.name(), m), m, x, tokens, mutation);
  }

  /** Cross-checks a given matrix and input against the format's own apply. */
  public CrossCheckReport run(String label, IntPlan plan, QuantizedMatrix reference, float[] x, int tokens,
      IntMutation mutation) {
    CompiledIntLinear c = lowering.compile(mutation.apply(plan), tokens, Math.min(maxKTile, plan.cols()));
    String title = String.format(Locale.ROOT, "%s %s: %d x %d, %d token(s) on %s, mac_array GEMM.IW on int%d"
        + " multipliers (tiles of %d rows x %d columns, %d x %d tiles%s)%s", label, plan.name(), plan.rows(),
        plan.cols(), tokens, runner.arch().name(), runner.target().macIntMultiplierBits(), c.tiling().tileRows(),
        c.tiling().kTile(), c.tiling().rowTiles(), c.tiling().kTiles(), passes(c.tiling(), tokens),
        mutation instanceof IntMutation.None ? "" : " | mutation: " + mutation.describe());
    // The golden never comes from the simulator: it is the format's own apply.
    float[] golden = reference.apply(x, tokens);
    if (mutation instanceof IntMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    return ImageRun.check(runner, title, c.program(), c.segments(), c.inputAddr(), c.outputAddr(), x, golden, tokens,
        plan.rows(), (rows, sim) -> {
          if (plan instanceof IntLinearPlan p) {
            countRows(rows, p, tokens, c, sim.counts());
          } else if (plan instanceof SpinQuantPlan s) {
            spinQuantCountRows(rows, s, tokens, c, sim.counts());
          } else {
            atomCountRows(rows, (AtomPlan) plan, tokens, c, sim.counts());
          }
        });
  }

  /** ", P passes of C tokens" when the tokens run in chunks, else nothing. */
  public static String passes(CompiledIntLinear.Tiling t, int tokens) {
    int p = t.passes(tokens);
    return p == 1 ? "" : String.format(Locale.ROOT, ", %d passes of %d token(s)", p, t.tokenChunk());
  }

  /**
   * Atom's work: tokens x N x (K - C) int4 x int4 MACs and tokens x N x C int8 x int8 ones; per output one
   * conversion per normal group and for the outliers (VEC.ACC_SCALE); DRAM: x once (gathered), every code and step
   * once.
   */
  private static void atomCountRows(List<CheckRow> rows, AtomPlan plan, int tokens, CompiledIntLinear c,
      ActionCounts counts) {
    long outputs = (long) tokens * plan.rows();
    long kn = plan.normalColumns().length;
    rows.add(CheckRow.equal("GEMM.IW int4 x int4 MACs (normal channels)", outputs * kn, counts.intArray().w4a4()));
    rows.add(CheckRow.equal("GEMM.IW int8 x int8 MACs (outlier channels)", outputs * plan.outlierColumns().length,
        counts.intArray().w8a8()));
    rows.add(CheckRow.equal("fp32 conversions (one per output and group)", outputs * (plan.groups() + 1)
        + 2L * tokens * (plan.groups() + 1), counts.fp32Ops(Fp32Op.CVT)));
    long constant = c.segments().stream().mapToLong(s -> s.bytes().length).sum();
    rows.add(CheckRow.equal("DRAM bytes read (x, codes, steps)", 4L * tokens * plan.cols() + constant,
        counts.traffic().dramReadBytes()));
  }

  /**
   * SpinQuant's work: tokens x N x K int4 x int8 MACs (int4 codes on the q - z bytes) and no other width; per output
   * one conversion and one add (VEC.ACC_SCALE's {@code 0f +}) and per token two conversions (its step to binary16 and
   * back); the quantizer's adds (two per value, one per token) and with proj=down the transform's {@code K log2 b} per
   * token; DRAM: x once, every code and step once per pass over the weights (one per token chunk).
   */
  private static void spinQuantCountRows(List<CheckRow> rows, SpinQuantPlan plan, int tokens, CompiledIntLinear c,
      ActionCounts counts) {
    long outputs = (long) tokens * plan.rows();
    long values = (long) tokens * plan.cols();
    rows.add(CheckRow.equal("GEMM.IW int4 x int8 MACs", outputs * plan.cols(), counts.intArray().w4a8()));
    rows.add(CheckRow.equal("GEMM.IW MACs of other widths", 0, counts.intArray().total() - counts.intArray().w4a8()));
    rows.add(CheckRow.equal("fp32 conversions (one per output, two per token's step)", outputs + 2L * tokens,
        counts.fp32Ops(Fp32Op.CVT)));
    long transform = plan.downProj() ? values * Integer.numberOfTrailingZeros(Hadamard.block(plan.cols())) : 0;
    rows.add(CheckRow.equal("fp32 adds (" + (plan.downProj() ? "VEC.FWHT, " : "") + "the asymmetric quantizer and"
        + " one per output)", transform + 2 * values + tokens + outputs, counts.fp32Ops(Fp32Op.ADD)));
    long constant = c.segments().stream().mapToLong(s -> s.bytes().length).sum();
    int passes = c.tiling().passes(tokens);
    rows.add(CheckRow.equal("DRAM bytes read (x, int4 codes and steps once per pass: " + passes + ")",
        4L * tokens * plan.cols() + passes * constant, counts.traffic().dramReadBytes()));
  }

  /**
   * The work the shapes imply: tokens x N x K int8 MACs on the array, per output one conversion, multiply and divide
   * (VEC.ACC_SCALE), per token one scale division (VEC.QUANT); DRAM: x once, the codes and scales once.
   */
  private static void countRows(List<CheckRow> rows, IntLinearPlan plan, int tokens, CompiledIntLinear c,
      ActionCounts counts) {
    long outputs = (long) tokens * plan.rows();
    rows.add(CheckRow.equal("GEMM.IW int8 x int8 MACs", outputs * plan.cols(), counts.intArray().w8a8()));
    rows.add(CheckRow.equal("GEMM.IW MACs of other widths", 0, counts.intArray().total() - counts.intArray().w8a8()));
    rows.add(CheckRow.equal("fp32 conversions (one per output)", outputs, counts.fp32Ops(Fp32Op.CVT)));
    rows.add(CheckRow.equal("fp32 divides (one per output and one per token's scale)", outputs + tokens,
        counts.fp32Ops(Fp32Op.DIV)));
    long constant = c.segments().stream().mapToLong(s -> s.bytes().length).sum();
    rows.add(CheckRow.equal("DRAM bytes read (x, weight codes, weight scales)", 4L * tokens * plan.cols() + constant,
        counts.traffic().dramReadBytes()));
  }
}
