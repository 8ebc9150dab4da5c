package dev.tritium.mapper.fp16act;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.ImageRun;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.nn.FormatProjection;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.TernaryPairCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Reference engine against simulator for one linear layer of an fp16-activation format: the format's quantizer
 * makes the weights from seeded latent ones, the reference's {@code apply} gives the golden output, the compiled
 * program runs on the simulator's functional model, and every output must match bit for bit. The counts the
 * program must perform (one fp32 add per nonzero plane weight and token, one multiply-add per outlier and token,
 * the group sums) are checked against the weights, so a run that skips or repeats work fails too.
 */
public final class FloatLinearCrossCheck {

  private final SimulationRunner runner;
  private final FloatLinearLowering lowering;

  /** On the MAC array's sign-add path (GEMM.SF). */
  public FloatLinearCrossCheck(ArchConfig arch) {
    this(arch, ComputeUnit.MAC);
  }

  /**
   * On {@code unit}: the MAC array's GEMM.SF, golden the format's {@code apply}; or the LUT core's fp16 tables, golden
   * the plan's evaluation in the LUT order ({@link SignSumOrder.LutFp16Tables} of the core's g), computed without
   * the simulator.
   */
  public FloatLinearCrossCheck(ArchConfig arch, ComputeUnit unit) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new FloatLinearLowering(runner.target(), unit);
  }

  /** The format's matrix seeded as the BitLinear cases' ({@link BitLinearCase#formatWeights}). */
  public static QuantizedMatrix weights(FormatPreset format, int n, int k, long seed, long tensorId) {
    return BitLinearCase.formatWeights(format, n, k, seed, tensorId);
  }

  /** Cross-checks {@code tokens} tokens of an n x k layer of {@code format}. */
  public CrossCheckReport run(String label, FormatPreset format, int tokens, int n, int k, long seed, long tensorId,
      FloatMutation mutation) {
    QuantizedMatrix m = weights(format, n, k, seed, tensorId);
    float[] x = BitLinearCase.seededInput(tokens, k, seed, tensorId);
    return run(label, FloatLinearPlan.of(format.name(), m), m, x, tokens, mutation);
  }

  /**
   * Cross-checks a given matrix and input. The golden is the format's own apply (fp32 sums in k order) on a MAC array
   * with fp32 adders; on fp16 adders or the LUT core's fp16 tables it is the plan evaluated in that unit's
   * {@link SignSumOrder}, and the distance to the format's own result is reported beside it.
   */
  public CrossCheckReport run(String label, FloatLinearPlan plan, FormatProjection reference, float[] x, int tokens,
      FloatMutation mutation) {
    FloatLinearPlan accelerator = mutation.apply(plan);
    CompiledFloatLinear c = lowering.compile(accelerator, tokens);
    boolean lut = lowering.unit() == ComputeUnit.LUT;
    SignSumOrder order = SignSumOrder.of(runner.target(), lowering.unit());
    String title = String.format(Locale.ROOT, "%s %s: %d x %d, %d token(s) on %s, %s (tiles of %d"
        + " rows x %d, %d token(s) per pass)%s", label, plan.name(), plan.rows(), plan.cols(), tokens,
        runner.arch().name(), lut ? "lut_core fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16)"
            : "mac_array GEMM.SF on fp" + runner.target().macFloatAdderBits() + " adders",
        c.tiling().tileRows(), plan.group(), c.tiling().tokenChunk(),
        mutation instanceof FloatMutation.None ? "" : " | mutation: " + mutation.describe());
    // The golden never comes from the simulator: the format's reference in its own order (fp32 adders), or the
    // unmutated plan evaluated in the order of the unit that runs it.
    boolean ownOrder = order instanceof SignSumOrder.MacKOrder;
    float[] formatY = reference.apply(x, tokens);
    float[] golden = ownOrder ? formatY.clone() : plan.evaluate(x, tokens, order);
    if (mutation instanceof FloatMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    List<CheckRow> rows = new ArrayList<>();
    Optional<ImageRun> run = ImageRun.of(runner, c.program(), c.segments(), c.inputAddr(), x, rows);
    if (run.isEmpty()) {
      return new CrossCheckReport(title, rows);
    }
    SimulationResult sim = run.get().result();
    float[] y = run.get().state().dram().readFp32s(c.outputAddr(), tokens * plan.rows());
    rows.add(ownOrder ? CheckRow.bitExact("outputs y (fp32 bits)", "bit-exact to the format's apply", golden, y,
        plan.rows()) : CheckRow.bitExact("outputs y (fp32 bits)", "bit-exact to the plan in " + order.describe()
        + " (the plan in the formats' order equals their apply)", golden, y, plan.rows()));
    if (!ownOrder) {
      rows.add(CheckRow.info("against the format's own order (fp32 sums)", "-", distance(formatY, y)));
    }
    if (lut) {
      lutCountRows(rows, plan, tokens, c, sim.counts());
    } else {
      countRows(rows, plan, tokens, c, sim.counts());
      // A MAC array with mask decoders reads BiLLM's and bitmap PB-LLM's planes as stored: each gated GEMM.SF per
      // tile and token chunk decodes its n x k weights' masks once.
      long planes = runner.target().macMaskDecode() ? MaskedSigns.of(plan).map(s -> s.gates().size()).orElse(0) : 0;
      long chunks = (tokens + c.tiling().tokenChunk() - 1) / c.tiling().tokenChunk();
      rows.add(CheckRow.equal("mask decodes (gated GEMM.SF: N x K per plane and token chunk)",
          chunks * planes * plan.rows() * plan.cols(), sim.counts().maskDecodes()));
    }
    rows.add(CheckRow.info("simulated cycles", "-", sim.cycles() + String.format(Locale.ROOT, " (%.2f us)",
        sim.latencyUs())));
    return new CrossCheckReport(title, rows);
  }

  /** Largest |y - y_own| relative to the largest |y_own|: what the unit's summation order costs this layer. */
  private static String distance(float[] own, float[] y) {
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < own.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) y[i] - own[i]));
      maxRef = Math.max(maxRef, Math.abs((double) own[i]));
    }
    return String.format(Locale.ROOT, "max |diff| %.3g = %.3g of max |y|", maxDiff, maxRef == 0 ? 0 : maxDiff / maxRef);
  }

  /**
   * The LUT path's work: per token, row tile and group, ceil(width / g) tables (rebuilt for every row tile); per
   * token, plane and output row ceil(width / g) lookups, each one fp32 add (plus the ones row's per row tile with a
   * shift); no GEMM.SF; the scale multiplies and DRAM bytes as on the MAC array.
   */
  private void lutCountRows(List<CheckRow> rows, FloatLinearPlan plan, int tokens, CompiledFloatLinear c,
      ActionCounts counts) {
    int g = runner.target().lut().orElseThrow().groupSize();
    long lutGroups = 0;
    for (int j = 0; j < plan.groups(); j++) {
      lutGroups += (plan.groupWidth(j) + g - 1) / g;
    }
    long rowTiles = (plan.rows() + c.tiling().tileRows() - 1) / c.tiling().tileRows();
    long lookups = tokens * lutGroups * ((long) plan.planes().size() * plan.rows()
        + (plan.shift().isPresent() ? rowTiles : 0));
    long entries = runner.target().lut().orElseThrow().variant().entriesPerTable(g);
    rows.add(CheckRow.equal("LUT.BUILD.F16 table entries written", tokens * rowTiles * lutGroups * entries,
        counts.lut().tableEntriesWritten()));
    rows.add(CheckRow.equal("LUT.GEMM.F16 fp32 accumulate adds", lookups, counts.lut().floatAccumulateAdds()));
    rows.add(CheckRow.equal("GEMM.SF pairs (none on the LUT path)", 0, counts.floatArray().pairs()));
    multipliesAndDram(rows, plan, tokens, c, counts);
  }

  /**
   * The work the weights imply: fp32 adds/subtracts = tokens x (nonzero plane weights + K per group sum when the
   * format has a shift); outlier multiplies = tokens x entries; every GEMM.SF pair counted once.
   */
  private static void countRows(List<CheckRow> rows, FloatLinearPlan plan, int tokens, CompiledFloatLinear c,
      ActionCounts counts) {
    long nonzero = 0;
    long pairs = 0;
    for (FloatLinearPlan.SignPlane p : plan.planes()) {
      for (byte v : p.values()) {
        nonzero += v != 0 ? 1 : 0;
      }
      pairs += (long) plan.rows() * plan.cols();
    }
    long shiftAdds = plan.shift().isPresent() ? (long) plan.cols() * ((plan.rows() + c.tiling().tileRows() - 1)
        / c.tiling().tileRows()) : 0;
    TernaryPairCounts f = counts.floatArray();
    rows.add(CheckRow.equal("GEMM.SF float adds + subtracts", tokens * (nonzero + shiftAdds), f.adds() + f.subs()));
    rows.add(CheckRow.equal("GEMM.SF weight-activation pairs", tokens * (pairs + shiftAdds), f.pairs()));
    multipliesAndDram(rows, plan, tokens, c, counts);
  }

  /** The scale (and outlier) multiplies on the vector lanes and the DRAM bytes read: the same on both units. */
  private static void multipliesAndDram(List<CheckRow> rows, FloatLinearPlan plan, int tokens, CompiledFloatLinear c,
      ActionCounts counts) {
    long entries = plan.outliers().map(o -> (long) o.rowStart()[plan.rows()]).orElse(0L);
    long vecMuls = counts.fp32Ops(Fp32Op.MUL);
    long scaleMuls = (long) tokens * plan.rows() * plan.groups() * (plan.planes().size()
        + (plan.outliers().isPresent() ? 1 : 0) + (plan.shift().isPresent() ? 1 : 0))
        + (plan.inputScale().isPresent() ? (long) tokens * plan.cols() : 0);
    rows.add(CheckRow.equal("fp32 multiplies (scales)", scaleMuls, vecMuls));
    rows.add(CheckRow.equal("outlier multiply-adds (GEMM.SP, one per CSR entry and token)", tokens * entries,
        counts.fp32Ops(Fp32Op.SPARSE_MAC)));
    long dramRead = counts.traffic().dramReadBytes();
    long passes = (tokens + c.tiling().tokenChunk() - 1) / c.tiling().tokenChunk();
    long constant = c.segments().stream().filter(s -> !s.what().startsWith("planes") && !s.what().startsWith("scales"))
        .mapToLong(s -> s.bytes().length).sum();
    rows.add(CheckRow.equal("DRAM bytes read", 4L * tokens * plan.cols() + constant + passes * c.tiling().weightBytes(),
        dramRead));
  }
}
