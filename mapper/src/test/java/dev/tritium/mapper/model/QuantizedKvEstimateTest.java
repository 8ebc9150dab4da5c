package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.tritium.simulator.config.AttentionConfig.KvQuant;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimate of a quantized KV cache: its DRAM bytes shrink by the closed form of the records against fp16 rows,
 * KV_QUANT and KV_DEQUANT are counted and priced, and the cache also runs in the on-chip KV store and in chained
 * layers with the values unchanged (the cross-check passes).
 */
class QuantizedKvEstimateTest {

  private static final ModelConfig LARGE = ModelPresets.byName("bitnet-b1.58-large");
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");

  @Test
  void theCachesDramBytesShrinkByTheRecordsClosedForm() {
    // bitnet-b1.58-large, decode at context 16: per layer 17 positions read and 1 appended, K and V, 16 kv heads.
    // fp16: 96 values x 2 bytes = 192 a head row; int4 in groups of 96 (one head): 48 code bytes + 2 + 1 = 51.
    // 24 layers x 2 x (17 + 1) x 16 x (192 - 51) = 1,949,184 bytes.
    ArchConfig fp16 = EDGE.withAttention(new AttentionConfig(KvDatatype.FP16));
    ArchConfig int4 = EDGE.withAttention(AttentionConfig.quantized(new KvQuant(4, 96, 0), null));
    ModelEstimate f = new ModelEstimator(LARGE, fp16, ComputeUnit.LUT).estimate(LayerShape.decode(16));
    ModelEstimate q = new ModelEstimator(LARGE, int4, ComputeUnit.LUT).estimate(LayerShape.decode(16));
    assertEquals(1_949_184L, f.dramBytes() - q.dramBytes());
    // the quantize and dequantize ops are counted (fp32 rounds: none in fp16 attention) and priced in the energy
    long rounds = q.groups().stream().mapToLong(g -> g.run().counts().fp32Ops(Fp32Op.ROUND) * g.repeats()).sum();
    long fp16Rounds = f.groups().stream().mapToLong(g -> g.run().counts().fp32Ops(Fp32Op.ROUND) * g.repeats()).sum();
    // KV_QUANT rounds each new k and v value once and each group's zero point once: 24 x 2 x (1536 + 16)
    assertEquals(24L * 2 * (1536 + 16), rounds - fp16Rounds);
  }

  @Test
  void theCacheRunsOnChipAndInChainedLayers() {
    ModelConfig small = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
    ArchConfig onChip = ArchConfigs.validate(EDGE.withBuffer("kv", new SramBufferConfig(1 << 20, 4, 2, 256))
        .withAttention(AttentionConfig.quantized(new KvQuant(4, 32, 2), KvPlacement.ON_CHIP)), "test");
    for (ComputeUnit u : ComputeUnit.values()) {
      assertTrue(new DecoderCrossCheck(onChip).run(DecoderCase.seeded(small, LayerShape.decode(9), 3), u).passed(),
          u::name);
    }
    ArchConfig int3 = EDGE.withAttention(AttentionConfig.quantized(new KvQuant(3, 8, 1), null));
    assertTrue(new DecoderCrossCheck(int3).runLayers(List.of(DecoderCase.seeded(small, LayerShape.decode(6), 4),
        DecoderCase.seeded(small, LayerShape.decode(6), 5)), ComputeUnit.LUT).passed());
  }
}
