package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Packing;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bitnet-w1 through whole decoder layers: binary weights from the format's quantizer, compiled in the MAC array's
 * 1-bit packing, bit-exact against the reference decoder on both units, in decode, prefill and two chained
 * layers; a flipped sign in DRAM and a changed golden output FAIL.
 */
class BinaryDecoderCrossCheckTest {

  private static final FormatPreset W1 = FormatPresets.parse("bitnet-w1");
  private static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
  private static final DecoderCrossCheck EDGE = new DecoderCrossCheck(ArchConfigs.preset("edge-fpga"));

  @Test
  void theCaseHoldsTheFormatsBinaryWeights() {
    DecoderCase dc = DecoderCase.seeded(B2, LayerShape.decode(9), 3, W1);
    assertEquals(WeightAlphabet.BINARY, dc.alphabet());
    TernaryWeights q = dc.weights().get(LayerKind.Q_PROJ);
    // Sign(W - mean W) with scale 1 / mean|W| of the same latent weights a single-projection case uses.
    float[] latent = dev.tritium.models.format.LatentWeights.gaussian(q.rows(), q.cols(), 0.02f,
        3 * 1_000_003L + LayerKind.Q_PROJ.ordinal());
    TernaryWeights want = W1.quantize(latent, q.rows(), q.cols()).bitLinear().orElseThrow();
    assertEquals(want.scale(), q.scale());
    assertTrue(java.util.Arrays.equals(want.values(), q.values()));
    // The default format keeps the seeded ternary case.
    DecoderCase t = DecoderCase.seeded(B2, LayerShape.decode(9), 3, FormatPresets.parse("bitnet-b1.58"));
    assertEquals(WeightAlphabet.TERNARY, t.alphabet());
    assertTrue(java.util.Arrays.equals(DecoderCase.seeded(B2, LayerShape.decode(9), 3).weights()
        .get(LayerKind.Q_PROJ).values(), t.weights().get(LayerKind.Q_PROJ).values()));
  }

  @Test
  void decodeAndPrefillPassOnBothUnitsAndFaultsFail() {
    for (LayerShape shape : List.of(LayerShape.decode(9), LayerShape.prefill(5))) {
      DecoderCase dc = DecoderCase.seeded(B2, shape, 7, W1);
      for (ComputeUnit u : ComputeUnit.values()) {
        CrossCheckReport ok = EDGE.run(dc, u);
        assertTrue(ok.passed(), ok::render);
        assertTrue(ok.title().contains("binary weights"), ok.title());
        for (DecoderMutation m : List.of(new DecoderMutation.DramWeight(LayerKind.DOWN_PROJ, 3, 17),
            new DecoderMutation.GoldenOutput())) {
          CrossCheckReport bad = EDGE.run(dc, u, m);
          assertFalse(bad.passed(), () -> u + " " + shape + ": not caught: " + m.describe() + "\n" + bad.render());
        }
      }
    }
  }

  @Test
  void twoChainedBinaryLayersPass() {
    List<DecoderCase> layers = List.of(DecoderCase.seeded(B2, LayerShape.decode(4), 1, W1),
        DecoderCase.seeded(B2, LayerShape.decode(4), 2, W1));
    for (ComputeUnit u : ComputeUnit.values()) {
      CrossCheckReport r = EDGE.runLayers(layers, u);
      assertTrue(r.passed(), r::render);
    }
  }

  @Test
  void theMacArrayStreamsOneBitPerWeight() {
    ModelEstimator est = DecoderLayerMapper.estimator(B2, ArchConfigs.preset("edge-fpga"), ComputeUnit.MAC, W1);
    assertEquals(Packing.SIGN_BITS, est.projections().packing());
    assertEquals(WeightAlphabet.BINARY, est.alphabet());
  }

  @Test
  void aFormatWithoutADecoderLayerProgramIsRefusedBeforeAnyWork() {
    // abq-wpaq runs as one program per projection: a decoder layer as one program is refused, naming that.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DecoderLayerMapper.estimator(B2, ArchConfigs.preset("edge-fpga"), ComputeUnit.MAC,
            FormatPresets.parse("abq-wpaq")));
    assertTrue(e.getMessage().contains("a decoder layer is not lowered as one program (--layer decoder)"),
        e.getMessage());
    // onebit runs on the sign-add path, which needs fp32 adders edge-fpga lacks
    IllegalArgumentException adders = assertThrows(IllegalArgumentException.class,
        () -> DecoderLayerMapper.estimator(B2, ArchConfigs.preset("edge-fpga"), ComputeUnit.MAC,
            FormatPresets.parse("onebit")));
    assertTrue(adders.getMessage().contains("mac_array.float_adders: fp32"), adders.getMessage());
  }
}
