package dev.tritium.mapper.run;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.dense.CompiledDense;
import dev.tritium.mapper.dense.DenseCrossCheck;
import dev.tritium.mapper.dense.DenseLowering;
import dev.tritium.mapper.dense.DenseMutation;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import java.util.List;
import java.util.Locale;

/**
 * One projection of the dense {@code fp16} baseline, standalone: GEMM.F16 on the vector unit's fp32 lanes
 * ({@code mapper.dense}). It uses neither the MAC array nor the LUT core, so {@code --unit} does not apply.
 */
final class DenseProjection {

  private final LayerKind kind;

  DenseProjection(LayerKind kind) {
    this.kind = kind;
  }

  MapOutcome map(LayerRequest r) {
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    SimulationRunner runner = new SimulationRunner(r.arch());
    CompiledDense c = DenseLowering.compileSeeded(runner.target(), r.format(), n, k, r.tokens(), r.seed(),
        kind.ordinal());
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: fp16 on the"
            + " vector_unit (GEMM.F16)%n  tiles: %d rows x %d columns, %d x %d tiles%s; %,d fp16 weight bytes%n"
            + "  simulated: %,d cycles, %.2f us, vector_unit busy %.1f %%%nprogram: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), c.tiling().tileRows(), c.tiling().kTile(), c.tiling().rowTiles(), c.tiling().kTiles(),
        c.tiling().passesText(r.tokens()), c.weightBytes(), sim.cycles(), sim.latencyUs(), 100 * sim.utilization("vector_unit"), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization("vector_unit"), c.program());
  }

  List<CrossCheckReport> crosscheck(LayerRequest r) {
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    String label = r.label(kind);
    return List.of(new DenseCrossCheck(r.arch()).run(label, r.format(), r.tokens(), n, k, r.seed(), kind.ordinal(),
        new DenseMutation.None()));
  }
}
