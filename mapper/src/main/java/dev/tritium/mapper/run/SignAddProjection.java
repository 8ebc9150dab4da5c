package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.fp16act.CompiledFloatLinear;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.fp16act.FloatMutation;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import java.util.Locale;

/**
 * One projection in a weight format with fp16 activations (onebit, pb-llm, billm, ternaryllm), on the MAC array's
 * sign-add path ({@code mapper.fp16act}). The LUT core has no fp16 tables, so only the MAC array runs it.
 */
final class SignAddProjection {

  private final LayerKind kind;

  SignAddProjection(LayerKind kind) {
    this.kind = kind;
  }

  private static void requireMac(LayerRequest r) {
    if (!r.units().contains(ComputeUnit.MAC)) {
      throw new IllegalArgumentException("--unit lut: weight format '" + r.format().name() + "' takes fp16"
          + " activations, which the LUT core's int16 tables do not hold; it runs on the MAC array (--unit mac)");
    }
  }

  MapOutcome map(LayerRequest r) {
    requireMac(r);
    int n = r.scaled(kind.outFeatures(r.model()));
    int k = r.scaled(kind.inFeatures(r.model()));
    SimulationRunner runner = new SimulationRunner(r.arch());
    FloatLinearPlan plan = FloatLinearPlan.of(r.format().name(),
        FloatLinearCrossCheck.weights(r.format(), n, k, r.seed(), kind.ordinal()));
    CompiledFloatLinear c = new FloatLinearLowering(runner.target()).compile(plan, r.tokens());
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: %s on the mac_array"
            + " sign-add path (GEMM.SF)%n  tiles: %d rows x %d columns, %d tile(s), %d token(s) per weight pass;"
            + " %,d weight bytes per pass (planes, scales%s)%n  simulated: %,d cycles, %.2f us, mac_array busy %.1f %%%n"
            + "program: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), r.format().name(), c.tiling().tileRows(), plan.group(), c.tiling().tiles(),
        c.tiling().tokenChunk(), c.tiling().weightBytes(), plan.outliers().isPresent() ? ", CSR outliers" : "",
        sim.cycles(), sim.latencyUs(), 100 * sim.utilization("mac_array"), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization("mac_array"), c.program());
  }

  CrossCheckReport crosscheck(LayerRequest r) {
    requireMac(r);
    int n = r.scaled(kind.outFeatures(r.model()));
    int k = r.scaled(kind.inFeatures(r.model()));
    String label = kind.label() + (r.reduce() > 1 ? "/" + r.reduce() : "");
    return new FloatLinearCrossCheck(r.arch()).run(label, r.format(), r.tokens(), n, k, r.seed(), kind.ordinal(),
        new FloatMutation.None());
  }
}
