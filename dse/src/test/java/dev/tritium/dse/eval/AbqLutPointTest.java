package dev.tritium.dse.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.sweep.Workload;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A sweep point of abq-wpaq with {@code compute_unit: lut}: on an arch whose LUT core has bit-plane tables it is the
 * whole-model estimate of the LUT lowering (as {@code estimate --unit lut}); without {@code lut_core.bit_plane} it
 * fails naming the key, which the sweep's {@code lut_core.bit_plane} axis can switch on.
 */
class AbqLutPointTest {

  private static final ArchConfig EVERY = ArchConfigs.load(Path.of("..", "examples", "arch",
      "edge-fpga-every-format.yaml"));

  @Test
  void aLutPointIsTheLutLoweringsEstimate() {
    Workload w = Workload.decode("bitnet-b1.58-large", 8).withFormat("abq-wpaq:w=2,a=8");
    WorkloadResult lut = new MapperPointEvaluator(null).evaluate(EVERY, ComputeUnit.LUT, w);
    ModelEstimate e = ModelEstimator.forFormat(ModelPresets.byName("bitnet-b1.58-large"), EVERY, ComputeUnit.LUT,
        FormatPresets.parse("abq-wpaq:w=2,a=8")).estimate(LayerShape.decode(8));
    assertEquals(e.totalCycles(), lut.latencyCycles());
    WorkloadResult mac = new MapperPointEvaluator(null).evaluate(EVERY, ComputeUnit.MAC, w);
    assertTrue(lut.latencyCycles() != mac.latencyCycles(), lut + " " + mac);
    ArchConfig without = ArchKeys.with(EVERY, "lut_core.bit_plane", "false");
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> new MapperPointEvaluator(null).evaluate(without, ComputeUnit.LUT, w));
    assertTrue(none.getMessage().contains("lut_core.bit_plane: true"), none.getMessage());
  }
}
