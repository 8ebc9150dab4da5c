package dev.tritium.mapper.fp16act;

import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.fp16act.CompiledFloatLinear.DramSegment;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.LatentWeights;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.nn.FormatProjection;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.memory.MachineState;
import java.util.ArrayList;
import java.util.List;
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

  public FloatLinearCrossCheck(ArchConfig arch) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new FloatLinearLowering(runner.target());
  }

  /** The format's matrix for latent N(0, 0.02) weights seeded as the BitLinear cases' ({@code seed * 1000003 + id}). */
  public static QuantizedMatrix weights(FormatPreset format, int n, int k, long seed, long tensorId) {
    float[] latent = LatentWeights.gaussian(n, k, 0.02f, seed * 1_000_003L + tensorId);
    return format.quantize(latent, n, k);
  }

  /** Cross-checks {@code tokens} tokens of an n x k layer of {@code format}. */
  public CrossCheckReport run(String label, FormatPreset format, int tokens, int n, int k, long seed, long tensorId,
      FloatMutation mutation) {
    QuantizedMatrix m = weights(format, n, k, seed, tensorId);
    float[] x = BitLinearCase.seededInput(tokens, k, seed, tensorId);
    return run(label, FloatLinearPlan.of(format.name(), m), m, x, tokens, mutation);
  }

  /**
   * Cross-checks a given matrix and input. The golden is the format's own apply, whose sums are fp32; on an array
   * with fp16 adders it is the plan evaluated with fp16 sums ({@link PlanReference}), and the distance to the
   * format's fp32 result is reported beside it.
   */
  public CrossCheckReport run(String label, FloatLinearPlan plan, FormatProjection reference, float[] x, int tokens,
      FloatMutation mutation) {
    FloatLinearPlan accelerator = mutation.apply(plan);
    CompiledFloatLinear c = lowering.compile(accelerator, tokens);
    String title = String.format(Locale.ROOT, "%s %s: %d x %d, %d token(s) on %s, mac_array GEMM.SF on fp%d adders"
        + " (tiles of %d rows x %d, %d token(s) per pass)%s", label, plan.name(), plan.rows(), plan.cols(), tokens,
        runner.arch().name(), runner.target().macFloatAdderBits(), c.tiling().tileRows(), plan.group(), c.tiling().tokenChunk(),
        mutation instanceof FloatMutation.None ? "" : " | mutation: " + mutation.describe());
    int adderBits = runner.target().macFloatAdderBits();
    float[] formatY = reference.apply(x, tokens);
    float[] golden = adderBits == 16 ? new PlanReference(plan, 16).apply(x, tokens) : formatY.clone();
    if (mutation instanceof FloatMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    MachineState state = runner.newState();
    for (DramSegment s : c.segments()) {
      state.dram().write(s.addr(), s.bytes());
    }
    state.dram().writeFp32s(c.inputAddr(), x);
    List<CheckRow> rows = new ArrayList<>();
    SimulationResult sim;
    try {
      sim = runner.functional(c.program(), state);
    } catch (RuntimeException e) {
      rows.add(new CheckRow("simulation runs to FINISH", "completes", e.getMessage(), Verdict.FAIL));
      return new CrossCheckReport(title, rows);
    }
    float[] y = state.dram().readFp32s(c.outputAddr(), tokens * plan.rows());
    rows.add(CheckRow.bitExact("outputs y (fp32 bits)", adderBits == 16 ? "bit-exact to the plan in fp16 sums"
        + " (PlanReference, equal to the format's apply in fp32 sums)" : "bit-exact to the format's apply", golden, y,
        plan.rows()));
    if (adderBits == 16) {
      rows.add(CheckRow.info("fp16 sums against the format's fp32 sums", "-", fp16Distance(formatY, y)));
    }
    countRows(rows, plan, tokens, c, sim.counts());
    rows.add(CheckRow.info("simulated cycles", "-", sim.cycles() + String.format(Locale.ROOT, " (%.2f us)",
        sim.latencyUs())));
    return new CrossCheckReport(title, rows);
  }

  /** Largest |y - y_fp32| relative to the largest |y_fp32|: what fp16 accumulation costs this layer. */
  private static String fp16Distance(float[] format, float[] y) {
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < format.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) y[i] - format[i]));
      maxRef = Math.max(maxRef, Math.abs((double) format[i]));
    }
    return String.format(Locale.ROOT, "max |diff| %.3g = %.3g of max |y|", maxDiff, maxRef == 0 ? 0 : maxDiff / maxRef);
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
