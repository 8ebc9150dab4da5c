package dev.tritium.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.dma.DmaEngine;
import dev.tritium.simulator.unit.dma.DmaTiming;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The on-chip KV store: DMA transfers in its address window move at the two memories' port speed and never touch
 * DRAM; the arch ties the store to attention.kv_placement; the ISA target carries its size.
 */
class KvStoreDmaTest {

  @Test
  void aTransferInTheWindowUsesBothMemoriesPortsAndNoDram() {
    DramChannel dram = new DramChannel(19.2, 110, 64, 250);
    SramBuffer kv = new SramBuffer("KV", 1 << 20, 1, 1, 64); // 8 bytes per cycle
    SramBuffer act = new SramBuffer("ACT", 1 << 16, 4, 2, 256); // 4 banks x 2 ports x 32 bytes: 256 bytes per cycle
    DmaEngine load = new DmaEngine("dma_load", 12, 1, 16, 1, 0, dram, kv);
    // 2 rows x 512 bytes from the store: the store's port is the bottleneck, 1024 / 8 = 128 cycles after 12 of
    // descriptor; no DRAM latency, no bursts.
    DmaTiming t = load.schedule(0, act, 0, IsaTarget.KV_STORE_BASE + 4096, 2, 512, 512);
    assertTrue(t.kvStore());
    assertEquals(12 + 128, t.endCycle());
    assertEquals(0, t.dram().bursts());
    assertEquals(0, t.dram().busBytes());
    // below the window the same engine goes to DRAM
    assertTrue(!load.schedule(1000, act, 0, 4096, 2, 512, 512).kvStore());
  }

  private static ArchConfig onChip() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga");
    return edge.withBuffer("kv", new SramBufferConfig(1 << 20, 1, 1, 64))
        .withAttention(new AttentionConfig(AttentionConfig.KvDatatype.INT8, AttentionConfig.KvPlacement.ON_CHIP));
  }

  @Test
  void theEngineCountsTheStoreNotDram() {
    List<Instruction> program = List.of(
        new Load(Deps.NONE, Buffer.ACT, 0, IsaTarget.KV_STORE_BASE, 2, 512, 512),
        new Store(Deps.NONE, Buffer.ACT, 0, IsaTarget.KV_STORE_BASE + 1024, 1, 512, 512),
        new Load(Deps.NONE, Buffer.ACT, 1024, 1L << 20, 1, 512, 512),
        new Finish(Deps.NONE));
    SimulationStats s = new Engine(Machine.of(ArchConfigs.validate(onChip(), "test")), EngineOptions.timingOnly())
        .run(program);
    assertEquals(512, s.dram().bytesRead(), "only the last LOAD is from DRAM");
    assertEquals(0, s.dram().bytesWritten());
  }

  @Test
  void theArchTiesTheStoreToThePlacementAndTheTargetCarriesItsSize() {
    ArchConfig ok = ArchConfigs.validate(onChip(), "test");
    assertEquals(1 << 20, Machine.isaTarget(ok).kvStoreBytes());
    assertTrue(Machine.isaTarget(ok).canonicalText().endsWith(";kv_store_bytes=1048576"));
    assertEquals(0, Machine.isaTarget(ArchConfigs.preset("edge-fpga")).kvStoreBytes());
    ArchConfig noStore = ArchConfigs.preset("edge-fpga")
        .withAttention(new AttentionConfig(AttentionConfig.KvDatatype.INT8, AttentionConfig.KvPlacement.ON_CHIP));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchConfigs.validate(noStore, "t"));
    assertTrue(e.getMessage().contains("attention.kv_placement") && e.getMessage().contains("buffers.kv"),
        e.getMessage());
    ArchConfig unused = ArchConfigs.preset("edge-fpga").withBuffer("kv", new SramBufferConfig(1 << 20, 1, 1, 64));
    e = assertThrows(IllegalArgumentException.class, () -> ArchConfigs.validate(unused, "t"));
    assertTrue(e.getMessage().contains("buffers.kv") && e.getMessage().contains("on_chip"), e.getMessage());
  }
}
