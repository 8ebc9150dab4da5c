package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import org.junit.jupiter.api.Test;

/** The generated accelerator has no on-chip KV store: an arch that keeps its cache on chip is refused with why. */
class OnChipKvExportTest {

  @Test
  void anOnChipKvCacheIsRefused() {
    ArchConfig onChip = ArchConfigs.preset("edge-fpga").withBuffer("kv", new SramBufferConfig(1 << 20, 1, 2, 64))
        .withAttention(new AttentionConfig(AttentionConfig.KvDatatype.FP16, AttentionConfig.KvPlacement.ON_CHIP));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AcceleratorConfig.of(onChip, FpgaPart.byName("kv260")));
    assertTrue(e.getMessage().contains("attention.kv_placement: on_chip") && e.getMessage().contains("kv_placement: dram"),
        e.getMessage());
  }
}
