package dev.tritium.mapper.quip;

import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.crosscheck.ImageRun;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.format.Hadamard;
import dev.tritium.models.format.Quip;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import java.util.List;
import java.util.Locale;

/**
 * Reference engine against simulator for one {@code quip-w2} linear layer: the format's quantizer makes the codes and
 * signs from seeded latent weights, its own {@code apply} gives the golden output, the compiled program (VEC.FWHT,
 * GEMM.Q2) runs on the simulator's functional model, and every output must match bit for bit. The work the program
 * must do (the code-activation pairs, the transforms' adds, the sign, step and scale multiplies, the DRAM bytes) is
 * checked against the layer's shape, so a run that skips or repeats work fails too.
 */
public final class QuipCrossCheck {

  private final SimulationRunner runner;
  private final QuipLowering lowering;

  public QuipCrossCheck(ArchConfig arch) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new QuipLowering(runner.target());
  }

  /** The layer's weights for latent N(0, 0.02) weights seeded as the other formats' cases. */
  public static Quip.Weights weights(int n, int k, long seed, long tensorId) {
    return (Quip.Weights) FloatLinearCrossCheck.weights(new Quip(), n, k, seed, tensorId);
  }

  /** Cross-checks {@code tokens} tokens of an n x k layer. */
  public CrossCheckReport run(String label, int tokens, int n, int k, long seed, long tensorId, QuipMutation mutation) {
    Quip.Weights w = weights(n, k, seed, tensorId);
    return run(label, w, BitLinearCase.seededInput(tokens, k, seed, tensorId), tokens, mutation);
  }

  /** Cross-checks a given layer and input. */
  public CrossCheckReport run(String label, Quip.Weights w, float[] x, int tokens, QuipMutation mutation) {
    CompiledQuip c = lowering.compile(mutation.apply(w), tokens);
    String title = String.format(Locale.ROOT, "%s quip-w2: %d x %d, %d token(s) on %s, mac_array GEMM.Q2 on fp32"
        + " adders and VEC.FWHT (tiles of %d code rows, %d token(s) per pass)%s", label, w.rows(), w.cols(), tokens,
        runner.arch().name(), c.tileRows(), c.tokenChunk(),
        mutation instanceof QuipMutation.None ? "" : " | mutation: " + mutation.describe());
    // The golden never comes from the simulator: the format's own apply, on the unmutated weights.
    float[] golden = w.apply(x, tokens);
    if (mutation instanceof QuipMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    return ImageRun.check(runner, title, c.program(), c.segments(), c.inputAddr(), c.outputAddr(), x, golden, tokens,
        w.rows(), (rows, sim) -> countRows(rows, c, sim.counts()));
  }

  /**
   * The work the shape implies: GEMM.Q2 pairs tokens N K and edge adds 2 tokens K per tile; the transforms' adds
   * tokens (K log2 b_K + N log2 b_N); the multiplies tokens (K + 2N) (D_V, the steps, D_U c); the DRAM bytes.
   */
  private static void countRows(List<CheckRow> rows, CompiledQuip c, ActionCounts counts) {
    long t = c.tokens();
    long n = c.rows();
    long k = c.cols();
    rows.add(CheckRow.equal("GEMM.Q2 code-activation pairs (one fp32 add each)", t * n * k, counts.codeArray().pairs()));
    rows.add(CheckRow.equal("GEMM.Q2 edge adds (2a, 3a per activation and tile)", 2 * t * k * c.tiles(),
        counts.codeArray().edgeAdds()));
    rows.add(CheckRow.equal("VEC.FWHT fp32 adds (K log2 b_K + N log2 b_N per token)",
        t * (Hadamard.adds((int) k) + Hadamard.adds((int) n)), counts.fp32Ops(Fp32Op.ADD)));
    rows.add(CheckRow.equal("fp32 multiplies (D_V, steps, D_U c)", t * (k + 2 * n), counts.fp32Ops(Fp32Op.MUL)));
    long passes = (t + c.tokenChunk() - 1) / c.tokenChunk();
    rows.add(CheckRow.equal("DRAM bytes read", 4L * t * k + 4L * (k + 2 * n) + passes * c.codeBytes(),
        counts.traffic().dramReadBytes()));
  }
}
