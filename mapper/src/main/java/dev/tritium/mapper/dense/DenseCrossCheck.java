package dev.tritium.mapper.dense;

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
 * Reference engine against simulator for one dense fp16 projection: the format's quantizer rounds seeded latent
 * weights to binary16, the format's own {@code apply} gives the golden output, the compiled program runs on the
 * simulator's functional model (its own binary16 rounding in VEC.TO_F16 and its own GEMM.F16), and every output must
 * match bit for bit. The work is checked too: tokens x N x K fp32 multiply-adds on the lanes, one binary16
 * conversion per activation, and x read from DRAM once and the weights once per pass (token chunk).
 */
public final class DenseCrossCheck {

  private final SimulationRunner runner;
  private final DenseLowering lowering;
  private final int maxKTile;

  /** With the largest tiles the buffers hold. */
  public DenseCrossCheck(ArchConfig arch) {
    this(arch, Integer.MAX_VALUE);
  }

  /** With K tiles of at most {@code maxKTile} columns (several GEMM.F16 per output tile). */
  public DenseCrossCheck(ArchConfig arch, int maxKTile) {
    this.runner = new SimulationRunner(arch);
    this.lowering = new DenseLowering(runner.target());
    this.maxKTile = maxKTile;
  }

  /** Cross-checks {@code tokens} tokens of an n x k {@code fp16} projection. */
  public CrossCheckReport run(String label, FormatPreset format, int tokens, int n, int k, long seed, long tensorId,
      DenseMutation mutation) {
    QuantizedMatrix m = BitLinearCase.formatWeights(format, n, k, seed, tensorId);
    DensePlan plan = DenseLowering.plan(format, n, k, seed, tensorId);
    float[] x = BitLinearCase.seededInput(tokens, k, seed, tensorId);
    CompiledDense c = lowering.compile(mutation.apply(plan), tokens, Math.min(maxKTile, k));
    String title = String.format(Locale.ROOT, "%s %s: %d x %d, %d token(s) on %s, vector_unit GEMM.F16 on %d fp32"
        + " lanes (tiles of %d rows x %d columns, %d x %d tiles%s)%s", label, plan.name(), n, k, tokens,
        runner.arch().name(), runner.target().vectorLanes(), c.tiling().tileRows(), c.tiling().kTile(),
        c.tiling().rowTiles(), c.tiling().kTiles(), c.tiling().passesText(tokens),
        mutation instanceof DenseMutation.None ? "" : " | mutation: " + mutation.describe());
    // The golden never comes from the simulator: it is the format's own apply.
    float[] golden = m.apply(x, tokens);
    if (mutation instanceof DenseMutation.GoldenUlp) {
      golden[0] = Math.nextUp(golden[0]);
    }
    return ImageRun.check(runner, title, c.program(), c.segments(), c.inputAddr(), c.outputAddr(), x, golden, tokens,
        n, (rows, sim) -> countRows(rows, tokens, n, k, c, sim.counts()));
  }

  private static void countRows(List<CheckRow> rows, int tokens, int n, int k, CompiledDense c, ActionCounts counts) {
    long values = (long) tokens * k;
    rows.add(CheckRow.equal("GEMM.F16 fp32 multiply-adds", values * n, counts.fp32Ops(Fp32Op.MAC)));
    rows.add(CheckRow.equal("binary16 conversions (one per activation)", values, counts.fp32Ops(Fp32Op.CVT)));
    int passes = c.tiling().passes(tokens);
    rows.add(CheckRow.equal("DRAM bytes read (x, fp16 weights once per pass: " + passes + ")",
        4 * values + passes * c.weightBytes(), counts.traffic().dramReadBytes()));
  }
}
