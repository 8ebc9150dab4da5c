package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.intfmt.CompiledIntLinear;
import dev.tritium.mapper.intfmt.IntLinearCrossCheck;
import dev.tritium.mapper.intfmt.IntLinearLowering;
import dev.tritium.mapper.intfmt.IntPlan;
import dev.tritium.mapper.intfmt.IntMutation;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import java.util.List;
import java.util.Locale;

/**
 * One projection in an integer weight format (w8a8, atom-w4a4, spinquant-w4a4kv4) on the MAC array's integer
 * multipliers (GEMM.IW, {@code mac_array.int_multipliers: int8}) ({@code mapper.intfmt}).
 */
final class IntProjection {

  private final LayerKind kind;

  IntProjection(LayerKind kind) {
    this.kind = kind;
  }

  private static void requireMac(LayerRequest r) {
    if (!r.units().contains(ComputeUnit.MAC)) {
      throw new IllegalArgumentException("--unit lut: weight format '" + r.format().name() + "' multiplies integer"
          + " codes, which only the MAC array's integer multipliers do (GEMM.IW); use --unit mac");
    }
  }

  MapOutcome map(LayerRequest r) {
    requireMac(r);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    SimulationRunner runner = new SimulationRunner(r.arch());
    IntPlan plan = IntPlan.of(r.format().name(),
        IntLinearCrossCheck.weights(r.format(), n, k, r.seed(), kind.ordinal()));
    CompiledIntLinear c = new IntLinearLowering(runner.target()).compile(plan, r.tokens());
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: %s on the"
            + " mac_array integer multipliers (GEMM.IW)%n  tiles: %d rows x %d columns, %d x %d tiles%s%n"
            + "  simulated: %,d cycles, %.2f us, mac_array busy %.1f %%%nprogram: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), r.format().name(), c.tiling().tileRows(), c.tiling().kTile(), c.tiling().rowTiles(),
        c.tiling().kTiles(), IntLinearCrossCheck.passes(c.tiling(), r.tokens()), sim.cycles(), sim.latencyUs(), 100 * sim.utilization("mac_array"), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization("mac_array"), c.program());
  }

  List<CrossCheckReport> crosscheck(LayerRequest r) {
    requireMac(r);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    String label = r.label(kind);
    return List.of(new IntLinearCrossCheck(r.arch()).run(label, r.format(), r.tokens(), n, k, r.seed(),
        kind.ordinal(), new IntMutation.None()));
  }
}
