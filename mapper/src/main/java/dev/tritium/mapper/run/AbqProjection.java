package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.mapper.abq.AbqCrossCheck;
import dev.tritium.mapper.abq.AbqLowering;
import dev.tritium.mapper.abq.AbqLutCrossCheck;
import dev.tritium.mapper.abq.AbqLutLowering;
import dev.tritium.mapper.abq.AbqMutation;
import dev.tritium.mapper.abq.AbqPlan;
import dev.tritium.mapper.abq.CompiledAbq;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.engine.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One projection in ABQ-LLM's {@code abq-wpaq:w=P,a=Q} on the MAC array's bit-plane PEs (GEMM.BP,
 * {@code mac_array.bit_plane: true}) or the LUT core's bit-plane tables (LUT.BUILD.BP / LUT.GEMM.BP,
 * {@code lut_core.bit_plane: true}) ({@code mapper.abq}).
 */
final class AbqProjection {

  private final LayerKind kind;

  AbqProjection(LayerKind kind) {
    this.kind = kind;
  }

  /**
   * The requested units that run the format: the MAC array first (as before the LUT path existed), then the LUT core.
   *
   * @throws IllegalArgumentException naming the key when none of them can
   */
  private static List<ComputeUnit> units(LayerRequest r) {
    IsaTarget t = Machine.isaTarget(r.arch());
    List<ComputeUnit> out = new ArrayList<>();
    if (r.units().contains(ComputeUnit.MAC) && t.hasMacArray() && t.macBitPlane()) {
      out.add(ComputeUnit.MAC);
    }
    if (r.units().contains(ComputeUnit.LUT) && t.lut().map(LutUnit::bitPlane).orElse(false)) {
      out.add(ComputeUnit.LUT);
    }
    if (out.isEmpty()) {
      // Each lowering's constructor refuses the arch naming the key it lacks.
      if (r.units().contains(ComputeUnit.MAC)) {
        new AbqLowering(t);
      }
      new AbqLutLowering(t);
    }
    return out;
  }

  MapOutcome map(LayerRequest r) {
    ComputeUnit unit = units(r).get(0);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    SimulationRunner runner = new SimulationRunner(r.arch());
    String where;
    String unitName;
    String tiles;
    CompiledAbq c;
    if (unit == ComputeUnit.LUT) {
      AbqPlan plan = AbqPlan.of(r.format().name(), BitLinearCase.formatWeights(r.format(), n, k, r.seed(),
          kind.ordinal()));
      AbqLutLowering.Compiled lc = new AbqLutLowering(runner.target()).compile(plan, r.tokens());
      c = lc.abq();
      AbqLutLowering.Tiling t = lc.tiling();
      where = "the lut_core bit-plane tables (LUT.BUILD.BP / LUT.GEMM.BP, g = " + t.groupSize() + ")";
      unitName = "lut_core";
      tiles = String.format(Locale.ROOT, "K chunks of %d columns (%d), token blocks of %d, output blocks of %d,"
          + " tiles of %d rows", t.chunkCols(), t.chunks(), t.tokenBlock(), t.outputBlock(), t.tileRows());
    } else {
      c = CompiledAbq.compileSeeded(runner.target(), r.format(), n, k, r.tokens(), r.seed(), kind.ordinal());
      where = "the mac_array bit-plane PEs (GEMM.BP)";
      unitName = "mac_array";
      tiles = String.format(Locale.ROOT, "%d rows x the whole K, %d tiles", c.tiling().tileRows(),
          c.tiling().rowTiles());
    }
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: %s on %s%n"
            + "  tiles: %s%n  simulated: %,d cycles, %.2f us, %s busy %.1f %%%nprogram: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), r.format().name(), where, tiles, sim.cycles(), sim.latencyUs(), unitName,
        100 * sim.utilization(unitName), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization(unitName), c.program());
  }

  /** One cross-check per requested unit that runs the format. */
  List<CrossCheckReport> crosscheck(LayerRequest r) {
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    String label = r.label(kind);
    List<CrossCheckReport> out = new ArrayList<>();
    for (ComputeUnit u : units(r)) {
      out.add(u == ComputeUnit.LUT
          ? new AbqLutCrossCheck(r.arch()).run(label, r.format(), r.tokens(), n, k, r.seed(), kind.ordinal(),
              new AbqMutation.None())
          : new AbqCrossCheck(r.arch()).run(label, r.format(), r.tokens(), n, k, r.seed(), kind.ordinal(),
              new AbqMutation.None()));
    }
    return out;
  }
}
