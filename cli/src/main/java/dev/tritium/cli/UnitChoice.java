package dev.tritium.cli;

import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --unit auto}: the ternary unit whose decoder layer, decoding one token at the given context, the simulator
 * finishes in fewer cycles (ties go to the MAC array). A unit the arch cannot map the layer onto is skipped.
 *
 * @param estimator the chosen unit's estimator (its decode layer already simulated and cached)
 * @param reason the cycles of each unit, for the output
 */
record UnitChoice(ModelEstimator estimator, String reason) {

  static UnitChoice fastestDecode(ModelConfig c, ArchConfig a, int context) {
    return fastestDecode(c, a, context, new BitNetB158());
  }

  /** The same for the projections in weight format {@code weights} (one the units run). */
  static UnitChoice fastestDecode(ModelConfig c, ArchConfig a, int context, FormatPreset weights) {
    ModelEstimator best = null;
    long bestCycles = Long.MAX_VALUE;
    List<String> parts = new ArrayList<>();
    IllegalArgumentException last = null;
    for (ComputeUnit u : List.of(ComputeUnit.MAC, ComputeUnit.LUT)) {
      try {
        ModelEstimator e = weights instanceof BitNetB158 ? new ModelEstimator(c, a, u)
            : ModelEstimator.forFormat(c, a, u, weights);
        long cycles = e.layer(LayerShape.decode(context)).cycles();
        parts.add(String.format(Locale.ROOT, "%s %,d", u.name().toLowerCase(Locale.ROOT), cycles));
        if (cycles < bestCycles) {
          best = e;
          bestCycles = cycles;
        }
      } catch (IllegalArgumentException ex) {
        parts.add(u.name().toLowerCase(Locale.ROOT) + " cannot map it");
        last = ex;
      }
    }
    if (best == null) {
      throw last;
    }
    return new UnitChoice(best, "decode layer cycles " + String.join(", ", parts));
  }
}
