package dev.tritium.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import org.junit.jupiter.api.Test;

class MachineTest {

  @Test
  void unitsTakeTheirParametersFromTheArchConfig() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga-mac");
    Machine m = Machine.of(edge);
    // 19.2 GB/s at 250 MHz = 76.8 B/cycle; 110 ns = 27.5 -> 28 cycles.
    assertEquals(76.8, m.dram().bytesPerCycle(), 1e-9);
    assertEquals(28, m.dram().latencyCycles());
    assertEquals(12, m.loadDma().descriptorOverheadCycles());
    assertEquals(32, m.macArray().rows());
    assertEquals(64, m.macArray().cols());
    assertEquals(edge.buffer("weight").sizeBytes(), m.buffer(Buffer.WGT).capacityBytes());
    assertEquals(edge.buffer("output").widthBits() / 8, m.buffer(Buffer.VEC).widthBytes());
    // g=4 base-3 tables: 81 int16 entries.
    assertEquals(162, m.lutCore().tableBytes());
  }

  @Test
  void isaTargetCarriesBufferSizesArrayAndPackings() {
    for (String preset : ArchConfigs.presetNames()) {
      ArchConfig arch = ArchConfigs.preset(preset);
      IsaTarget t = Machine.isaTarget(arch);
      assertEquals(arch.buffer("accumulator").sizeBytes(), t.bytes(Buffer.ACC), preset);
      assertEquals(arch.buffer("output").sizeBytes(), t.bytes(Buffer.VEC), preset);
      assertEquals(arch.macArray().rows(), t.macRows(), preset);
      assertEquals(arch.lutCore().groupSize(), t.lut().orElseThrow().groupSize(), preset);
      assertTrue(t.packings().contains(Packing.TWO_BIT), preset);
      assertTrue(t.packings().contains(t.lut().orElseThrow().packing()), preset);
    }
  }
}
