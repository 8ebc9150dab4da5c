package dev.tritium.mapper.abq;

import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.ImageRun;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import java.util.List;
import java.util.Locale;

/**
 * Reference engine against simulator for one {@code abq-wpaq} projection: the format's quantizer makes the weights from
 * seeded latent ones, the format's own {@code apply} (its bit-plane accumulators and dequantization) gives the golden
 * output, the compiled program runs on the simulator's functional model (QUANT.BP quantizes and splits the
 * activations, GEMM.BP ANDs and popcounts the planes, VEC.ACC_SCALE scales the int32 sums, all with the simulator's
 * own code), and every output must match bit for bit. The work the shapes imply (AND + popcounts, pass adds,
 * zero-point terms, conversions) and the DRAM bytes read are checked too, so a run that skips or repeats work fails.
 */
public final class AbqCrossCheck {

  private final SimulationRunner runner;
  private final AbqLowering lowering;

  public AbqCrossCheck(ArchConfig arch) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new AbqLowering(runner.target());
  }

  /** Cross-checks {@code tokens} tokens of an n x k layer of {@code format}, seeded as the other format checks. */
  public CrossCheckReport run(String label, FormatPreset format, int tokens, int n, int k, long seed, long tensorId,
      AbqMutation mutation) {
    QuantizedMatrix m = BitLinearCase.formatWeights(format, n, k, seed, tensorId);
    float[] x = BitLinearCase.seededInput(tokens, k, seed, tensorId);
    return run(label, AbqPlan.of(format.name(), m), m, x, tokens, mutation);
  }

  /** Cross-checks a given matrix and input against the format's own apply. */
  public CrossCheckReport run(String label, AbqPlan plan, QuantizedMatrix reference, float[] x, int tokens,
      AbqMutation mutation) {
    CompiledAbq c = lowering.compile(mutation.apply(plan), tokens);
    String title = String.format(Locale.ROOT, "%s %s: %d x %d, %d token(s) on %s, mac_array GEMM.BP on bit-plane PEs"
        + " (%d x %d plane passes, tiles of %d rows, %d tiles)%s", label, plan.name(), plan.rows(), plan.cols(), tokens,
        runner.arch().name(), plan.weightBits(), plan.activationBits(), c.tiling().tileRows(), c.tiling().rowTiles(),
        mutation instanceof AbqMutation.None ? "" : " | mutation: " + mutation.describe());
    // The golden never comes from the simulator: it is the format's own apply.
    float[] golden = reference.apply(x, tokens);
    if (mutation instanceof AbqMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    return ImageRun.check(runner, title, c.program(), c.segments(), c.inputAddr(), c.outputAddr(), x, golden, tokens,
        plan.rows(), (rows, sim) -> countRows(rows, plan, tokens, c, sim.counts()));
  }

  /**
   * The work the shapes imply: tokens x N x P x Q x ceil(K / 8) AND + popcounts, tokens x N x P x Q pass adds and
   * 3 x tokens x N zero-point terms on the array; one conversion per output (VEC.ACC_SCALE) and two per token's step
   * (QUANT.BP); DRAM: x once, every WGT row and step once.
   */
  private static void countRows(List<CheckRow> rows, AbqPlan plan, int tokens, CompiledAbq c, ActionCounts counts) {
    long outputs = (long) tokens * plan.rows();
    long passes = outputs * plan.weightBits() * plan.activationBits();
    rows.add(CheckRow.equal("GEMM.BP AND + popcounts (plane bytes)", passes * ((plan.cols() + 7) / 8),
        counts.bitPlane().andPopcounts()));
    rows.add(CheckRow.equal("GEMM.BP pass adds (one per output and plane pair)", passes, counts.bitPlane().passAdds()));
    rows.add(CheckRow.equal("GEMM.BP zero-point terms (three per output)", 3 * outputs,
        counts.bitPlane().zeroPointMacs()));
    rows.add(CheckRow.equal("fp32 conversions (one per output, two per token's step)", outputs + 2L * tokens,
        counts.fp32Ops(Fp32Op.CVT)));
    long constant = c.segments().stream().mapToLong(s -> s.bytes().length).sum();
    rows.add(CheckRow.equal("DRAM bytes read (x, weight planes, weight steps)", 4L * tokens * plan.cols() + constant,
        counts.traffic().dramReadBytes()));
  }
}
