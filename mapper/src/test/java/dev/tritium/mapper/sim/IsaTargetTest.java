package dev.tritium.mapper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import org.junit.jupiter.api.Test;

class IsaTargetTest {

  @Test
  void edgePresetTarget() {
    IsaTarget t = Machine.isaTarget(ArchConfigs.resolve("edge-fpga-mac"));
    assertEquals(1048576, t.bytes(Buffer.WGT));
    assertEquals(524288, t.bytes(Buffer.ACT));
    assertEquals(131072, t.bytes(Buffer.ACC));
    assertEquals(131072, t.bytes(Buffer.LUT));
    assertEquals(131072, t.bytes(Buffer.VEC));
    assertEquals(32, t.macRows());
    assertEquals(64, t.macCols());
    assertEquals(4, t.lut().orElseThrow().groupSize());
    assertEquals(LutVariant.TERNARY_BASE3, t.lut().orElseThrow().variant());
    assertTrue(t.packings().contains(Packing.LUT_G4) && t.packings().contains(Packing.TWO_BIT)
        && t.packings().contains(Packing.BASE3));
  }

  /** The ISA's byte extents equal the models' packed sizes for every packing (the bytes the mapper writes). */
  @Test
  void isaAndModelsPackingSizesAgree() {
    for (Packing p : Packing.values()) {
      var models = WeightPackings.byName(p.modelsName());
      for (int k = 1; k <= 200; k++) {
        assertEquals(models.packedBytes(3, k), 3 * p.packedRowBytes(k), p + " k=" + k);
      }
    }
  }
}
