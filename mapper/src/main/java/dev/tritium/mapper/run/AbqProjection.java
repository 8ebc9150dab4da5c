package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.abq.AbqCrossCheck;
import dev.tritium.mapper.abq.AbqMutation;
import dev.tritium.mapper.abq.CompiledAbq;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import java.util.List;
import java.util.Locale;

/**
 * One projection in ABQ-LLM's {@code abq-wpaq:w=P,a=Q} on the MAC array's bit-plane PEs (GEMM.BP,
 * {@code mac_array.bit_plane: true}) ({@code mapper.abq}).
 */
final class AbqProjection {

  private final LayerKind kind;

  AbqProjection(LayerKind kind) {
    this.kind = kind;
  }

  private static void requireMac(LayerRequest r) {
    if (!r.units().contains(ComputeUnit.MAC)) {
      throw new IllegalArgumentException("--unit lut: weight format '" + r.format().name() + "' ANDs and popcounts"
          + " bit planes, which only the MAC array's bit-plane PEs do (GEMM.BP); use --unit mac");
    }
  }

  MapOutcome map(LayerRequest r) {
    requireMac(r);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    SimulationRunner runner = new SimulationRunner(r.arch());
    CompiledAbq c = CompiledAbq.compileSeeded(runner.target(), r.format(), n, k, r.tokens(), r.seed(), kind.ordinal());
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: %s on the"
            + " mac_array bit-plane PEs (GEMM.BP)%n  tiles: %d rows x the whole K, %d tiles%n"
            + "  simulated: %,d cycles, %.2f us, mac_array busy %.1f %%%nprogram: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), r.format().name(), c.tiling().tileRows(), c.tiling().rowTiles(), sim.cycles(),
        sim.latencyUs(), 100 * sim.utilization("mac_array"), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization("mac_array"), c.program());
  }

  List<CrossCheckReport> crosscheck(LayerRequest r) {
    requireMac(r);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    String label = r.label(kind);
    return List.of(new AbqCrossCheck(r.arch()).run(label, r.format(), r.tokens(), n, k, r.seed(), kind.ordinal(),
        new AbqMutation.None()));
  }
}
