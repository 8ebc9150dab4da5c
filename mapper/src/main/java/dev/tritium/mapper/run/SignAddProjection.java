package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.IsaTarget;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.fp16act.CompiledFloatLinear;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.fp16act.FloatMutation;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.engine.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One projection in a weight format with fp16 activations (onebit, pb-llm, billm, ternaryllm), on the MAC array's
 * sign-add path (GEMM.SF, {@code mac_array.float_adders: fp32}) or on the LUT core's fp16 tables (LUT.BUILD.F16 /
 * LUT.GEMM.F16, {@code lut_core.float_adders: fp32}) ({@code mapper.fp16act}).
 */
final class SignAddProjection {

  private final LayerKind kind;

  SignAddProjection(LayerKind kind) {
    this.kind = kind;
  }

  /** The requested units whose fp adders run the format: the MAC array first, as before the LUT path existed. */
  private static List<ComputeUnit> units(LayerRequest r) {
    IsaTarget t = Machine.isaTarget(r.arch());
    List<ComputeUnit> out = new ArrayList<>();
    if (r.units().contains(ComputeUnit.MAC) && t.hasMacArray() && t.macFloatAdders()) {
      out.add(ComputeUnit.MAC);
    }
    if (r.units().contains(ComputeUnit.LUT) && t.lut().map(l -> l.floatAdders()).orElse(false)) {
      out.add(ComputeUnit.LUT);
    }
    if (out.isEmpty()) {
      if (r.units().contains(ComputeUnit.MAC)) {
        throw new IllegalArgumentException("arch '" + r.arch().name() + "' has no floating-point adders in its MAC"
            + " array: the fp16-activation formats run on GEMM.SF, which needs mac_array.float_adders: fp32 or fp16"
            + (r.units().contains(ComputeUnit.LUT) ? ", or on the LUT core's fp16 tables, which need"
                + " lut_core.float_adders: fp32" : ""));
      }
      throw new IllegalArgumentException("--unit lut: weight format '" + r.format().name() + "' takes fp16"
          + " activations, which the LUT core runs as fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16) only with"
          + " lut_core.float_adders: fp32; arch '" + r.arch().name() + "' has no fp adders in its LUT core");
    }
    return out;
  }

  MapOutcome map(LayerRequest r) {
    ComputeUnit unit = units(r).get(0);
    boolean lut = unit == ComputeUnit.LUT;
    String unitName = lut ? "lut_core" : "mac_array";
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    SimulationRunner runner = new SimulationRunner(r.arch());
    FloatLinearPlan plan = FloatLinearPlan.of(r.format().name(),
        FloatLinearCrossCheck.weights(r.format(), n, k, r.seed(), kind.ordinal()));
    CompiledFloatLinear c = new FloatLinearLowering(runner.target(), unit).compile(plan, r.tokens());
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: %s on the %s"
            + "%n  tiles: %d rows x %d columns, %d tile(s), %d token(s) per weight pass;"
            + " %,d weight bytes per pass (planes, scales%s)%n  simulated: %,d cycles, %.2f us, %s busy %.1f %%%n"
            + "program: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), r.format().name(), lut ? "lut_core fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16)"
            : "mac_array sign-add path (GEMM.SF)", c.tiling().tileRows(), plan.group(), c.tiling().tiles(),
        c.tiling().tokenChunk(), c.tiling().weightBytes(), plan.outliers().isPresent() ? ", CSR outliers" : "",
        sim.cycles(), sim.latencyUs(), unitName, 100 * sim.utilization(unitName), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization(unitName), c.program());
  }

  /** One cross-check per requested unit that has the fp adders. */
  List<CrossCheckReport> crosscheck(LayerRequest r) {
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    String label = r.label(kind);
    List<CrossCheckReport> out = new ArrayList<>();
    for (ComputeUnit u : units(r)) {
      out.add(new FloatLinearCrossCheck(r.arch(), u).run(label, r.format(), r.tokens(), n, k, r.seed(),
          kind.ordinal(), new FloatMutation.None()));
    }
    return out;
  }
}
