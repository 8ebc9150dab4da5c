package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.quip.CompiledQuip;
import dev.tritium.mapper.quip.QuipCrossCheck;
import dev.tritium.mapper.quip.QuipLowering;
import dev.tritium.mapper.quip.QuipMutation;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.LayerKind;
import java.util.List;
import java.util.Locale;

/**
 * One projection in QuIP's {@code quip-w2}, standalone: GEMM.Q2 on the MAC array's fp32 adders between the online
 * Hadamard transforms on the vector unit ({@code mapper.quip}). The MAC array is its only unit.
 */
final class QuipProjection {

  private final LayerKind kind;

  QuipProjection(LayerKind kind) {
    this.kind = kind;
  }

  private static void requireMac(LayerRequest r) {
    if (!r.units().contains(ComputeUnit.MAC)) {
      throw new IllegalArgumentException("weight format 'quip-w2' runs its codes on the MAC array (GEMM.Q2); the"
          + " requested units " + r.units() + " leave it out; expected --unit mac or both");
    }
  }

  MapOutcome map(LayerRequest r) {
    requireMac(r);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    SimulationRunner runner = new SimulationRunner(r.arch());
    CompiledQuip c = new QuipLowering(runner.target()).compile(QuipCrossCheck.weights(n, k, r.seed(), kind.ordinal()),
        r.tokens());
    SimulationResult sim = runner.timingOnly(c.program());
    String text = String.format(Locale.ROOT, "%s %s of %s (%d x %d, %d token(s), context %d) on %s: quip-w2 on the"
            + " mac_array (GEMM.Q2) with VEC.FWHT%n  tiles: %d code rows, %d tile(s), %d token(s) per pass; %,d code"
            + " bytes per pass%n  simulated: %,d cycles, %.2f us, mac_array busy %.1f %%, vector_unit busy %.1f %%%n"
            + "program: %d instructions%n",
        kind.label(), r.prefill() ? "prefill" : "decode", r.model().name(), n, k, r.tokens(), r.context(),
        r.arch().name(), c.tileRows(), c.tiles(), c.tokenChunk(), c.codeBytes(), sim.cycles(), sim.latencyUs(),
        100 * sim.utilization("mac_array"), 100 * sim.utilization("vector_unit"), c.program().size());
    return new MapOutcome(text, sim.cycles(), sim.latencyUs(), sim.utilization("mac_array"), c.program());
  }

  List<CrossCheckReport> crosscheck(LayerRequest r) {
    requireMac(r);
    int n = r.outFeatures(kind);
    int k = r.inFeatures(kind);
    String label = r.label(kind);
    return List.of(new QuipCrossCheck(r.arch()).run(label, r.tokens(), n, k, r.seed(), kind.ordinal(),
        new QuipMutation.None()));
  }
}
