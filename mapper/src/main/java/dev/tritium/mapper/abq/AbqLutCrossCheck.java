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
 * Reference engine against simulator for one {@code abq-wpaq} projection on the LUT core's bit-plane tables
 * ({@link AbqLutLowering}): the same seeded weights, input and golden (the format's own {@code apply}) as
 * {@link AbqCrossCheck}; the program runs on the simulator's functional model (QUANT.BP writes code bytes,
 * LUT.BUILD.BP builds the tables, LUT.GEMM.BP looks the weight planes up, VEC.ACC_SCALE scales, all with the
 * simulator's own code) and every output must match bit for bit. The work the cut implies (tables, lookups,
 * zero-point terms, conversions) and the DRAM bytes read are checked too.
 */
public final class AbqLutCrossCheck {

  private final SimulationRunner runner;
  private final AbqLutLowering lowering;

  public AbqLutCrossCheck(ArchConfig arch) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new AbqLutLowering(runner.target());
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
    AbqLutLowering.Compiled compiled = lowering.compile(mutation.apply(plan), tokens);
    CompiledAbq c = compiled.abq();
    AbqLutLowering.Tiling t = compiled.tiling();
    String title = String.format(Locale.ROOT, "%s %s: %d x %d, %d token(s) on %s, lut_core LUT.GEMM.BP on bit-plane"
        + " tables (g = %d, %d weight planes, K chunks of %d columns: %d, token blocks of %d, output blocks of %d,"
        + " tiles of %d rows)%s", label, plan.name(), plan.rows(), plan.cols(), tokens, runner.arch().name(),
        t.groupSize(), plan.weightBits(), t.chunkCols(), t.chunks(), t.tokenBlock(), t.outputBlock(), t.tileRows(),
        mutation instanceof AbqMutation.None ? "" : " | mutation: " + mutation.describe());
    // The golden never comes from the simulator: it is the format's own apply.
    float[] golden = reference.apply(x, tokens);
    if (mutation instanceof AbqMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    return ImageRun.check(runner, title, c.program(), c.segments(), c.inputAddr(), c.outputAddr(), x, golden, tokens,
        plan.rows(), (rows, sim) -> countRows(rows, plan, tokens, compiled, sim.counts()));
  }

  /**
   * The work the cut implies: per token block, output block and chunk, the block's tables ({@code ceil(chunk/g)} per
   * token, 2^g - 1 adds each); tokens x N x P x the groups of every chunk lookups; one zero-point term per output and
   * chunk; one conversion per output and two per token's step; DRAM: x once, the weights and steps once per token
   * block.
   */
  private static void countRows(List<CheckRow> rows, AbqPlan plan, int tokens, AbqLutLowering.Compiled compiled,
      ActionCounts counts) {
    AbqLutLowering.Tiling t = compiled.tiling();
    int g = t.groupSize();
    long groups = 0;
    for (int k0 = 0; k0 < plan.cols(); k0 += t.chunkCols()) {
      groups += (Math.min(t.chunkCols(), plan.cols() - k0) + g - 1) / g;
    }
    long outputBlocks = (plan.rows() + t.outputBlock() - 1) / t.outputBlock();
    long tokenBlocks = (tokens + t.tokenBlock() - 1) / t.tokenBlock();
    long outputs = (long) tokens * plan.rows();
    rows.add(CheckRow.equal("LUT.BUILD.BP build adds (2^g - 1 per table)",
        outputBlocks * tokens * groups * ((1L << g) - 1), counts.lut().buildAdds()));
    long lookups = outputs * plan.weightBits() * groups;
    rows.add(CheckRow.equal("LUT.GEMM.BP lookups (one per output, plane and group)", lookups, counts.lut().lookups()));
    rows.add(CheckRow.equal("LUT.GEMM.BP zero-point terms (one per output and chunk)", outputs * t.chunks(),
        counts.lut().bitPlaneEdgeMacs()));
    rows.add(CheckRow.equal("fp32 conversions (one per output, two per token's step)", outputs + 2L * tokens,
        counts.fp32Ops(Fp32Op.CVT)));
    long constant = compiled.abq().segments().stream().mapToLong(s -> s.bytes().length).sum();
    rows.add(CheckRow.equal("DRAM bytes read (x, chunked weight planes and steps per token block)",
        4L * tokens * plan.cols() + tokenBlocks * constant, counts.traffic().dramReadBytes()));
  }
}
