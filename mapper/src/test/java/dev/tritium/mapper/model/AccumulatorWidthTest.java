package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import org.junit.jupiter.api.Test;

/** Accumulators narrower than 127 K are refused by layer and K (an 8-bit one used to pass for K = 3200). */
class AccumulatorWidthTest {

  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");

  private static ArchConfig withBits(int bits) {
    return ArchKeys.with(EDGE, "mac_array.accumulator_bits", Integer.toString(bits));
  }

  @Test
  void theLongestReductionSetsTheWidth() {
    ModelConfig b2 = ModelPresets.byName("bitnet-b1.58-2b-4t");
    // K = 2560: 127 x 2560 = 325,120 needs 20 bits; down_proj K = 6912: 877,824 needs 21.
    AccumulatorWidth.require(b2, withBits(21));
    AccumulatorWidth.require(b2, EDGE);
    String down = assertThrows(IllegalArgumentException.class, () -> AccumulatorWidth.require(b2, withBits(20)))
        .getMessage();
    assertEquals("arch 'edge-fpga-mac': mac_array.accumulator_bits = 20 is too narrow for down_proj of bitnet-b1.58-2b-4t"
        + " (K = 6912: |acc| up to 127 x 6912 = 877824 needs 21 bits)", down);
    ModelConfig b3 = ModelPresets.byName("bitnet-b1.58-3b");
    String q = assertThrows(IllegalArgumentException.class,
        () -> new ModelEstimator(b3, withBits(8), ComputeUnit.MAC)).getMessage();
    assertEquals("arch 'edge-fpga-mac': mac_array.accumulator_bits = 8 is too narrow for q_proj of bitnet-b1.58-3b"
        + " (K = 3200: |acc| up to 127 x 3200 = 406400 needs 20 bits)", q);
  }
}
