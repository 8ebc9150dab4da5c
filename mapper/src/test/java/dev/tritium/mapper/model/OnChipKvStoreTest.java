package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.simulator.config.AttentionConfig.KvPlacement;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import org.junit.jupiter.api.Test;

/**
 * attention.kv_placement: on_chip keeps the KV cache in buffers.kv: the cache's bytes leave DRAM exactly (closed
 * form), are priced as the KV store's SRAM traffic, the values are unchanged (the cross-check passes), and a model
 * whose cache does not fit the store is refused with the sizes.
 */
class OnChipKvStoreTest {

  private static final ModelConfig LARGE = ModelPresets.byName("bitnet-b1.58-large");
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");

  private static ArchConfig onChip(KvDatatype dtype, long bytes) {
    return ArchConfigs.validate(EDGE.withBuffer("kv", new SramBufferConfig(bytes, 4, 2, 256))
        .withAttention(new AttentionConfig(dtype, KvPlacement.ON_CHIP)), "test");
  }

  @Test
  void theCacheLeavesDramByItsClosedForm() {
    // bitnet-b1.58-large decoding at context 16 reads 17 positions and appends one, per layer: int8 K and V rows of
    // 1536 values + 16 fp32 scales = 1600 bytes each: 24 x (2 x 17 x 1600 + 2 x 1600) = 1,382,400 bytes.
    ModelEstimate dram = new ModelEstimator(LARGE, EDGE, ComputeUnit.LUT).estimate(LayerShape.decode(16));
    ModelEstimator est = new ModelEstimator(LARGE, onChip(KvDatatype.INT8, 2 << 20), ComputeUnit.LUT);
    ModelEstimate kv = est.estimate(LayerShape.decode(16));
    assertEquals(1_382_400L, dram.dramBytes() - kv.dramBytes());
    assertTrue(kv.totalCycles() < dram.totalCycles(), "no DRAM latency for the cache");
    long kvBits = kv.groups().stream().flatMap(g -> g.energy().entries().stream())
        .filter(e -> e.unit().equals("sram.kv")).mapToLong(e -> e.count()).sum();
    assertTrue(kvBits > 0, "the store's traffic is priced as SRAM reads and writes of buffers.kv");
  }

  @Test
  void theValuesAreUnchangedOnBothUnits() {
    ModelConfig small = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
    for (KvDatatype dtype : KvDatatype.values()) {
      DecoderCrossCheck check = new DecoderCrossCheck(onChip(dtype, 1 << 20));
      for (ComputeUnit u : ComputeUnit.values()) {
        assertTrue(check.run(DecoderCase.seeded(small, LayerShape.decode(9), 3), u).passed(), dtype + " " + u);
      }
    }
  }

  @Test
  void aCacheLargerThanTheStoreIsRefusedWithTheSizes() {
    ModelEstimator est = new ModelEstimator(LARGE, onChip(KvDatatype.FP16, 1 << 20), ComputeUnit.LUT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> est.estimate(LayerShape.decode(1024)));
    assertTrue(e.getMessage().contains("does not fit") && e.getMessage().contains("buffers.kv: 1,048,576 bytes"),
        e.getMessage());
  }
}
