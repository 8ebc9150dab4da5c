package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.decoder.DecoderMutation;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPresets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Whole decoder layers in the fp16-activation formats: the seven projections on the sign-add path inside the layer's
 * program, bit-exact against the reference engine's layer with those projections, in decode and prefill and chained.
 */
class FormatDecoderCrossCheckTest {

  static final ModelConfig C = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);

  private static CrossCheckReport run(String format, LayerShape shape, int layers, DecoderMutation m) {
    List<DecoderCase> cases = new java.util.ArrayList<>();
    for (int i = 0; i < layers; i++) {
      cases.add(DecoderCase.seeded(C, shape, 3 + i, FormatPresets.parse(format)));
    }
    return new DecoderCrossCheck(FloatLinearCrossCheckTest.ARCH).runLayers(cases, ComputeUnit.MAC, m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=32"})
  void aDecodeLayerAndAPrefillAreBitExact(String format) {
    CrossCheckReport decode = run(format, LayerShape.decode(20), 1, new DecoderMutation.None());
    assertTrue(decode.passed(), decode.render());
    CrossCheckReport prefill = run(format, LayerShape.prefill(5), 1, new DecoderMutation.None());
    assertTrue(prefill.passed(), prefill.render());
  }

  @Test
  void twoChainedLayersPassAndFaultsFail() {
    CrossCheckReport chained = run("onebit", LayerShape.decode(12), 2, new DecoderMutation.None());
    assertTrue(chained.passed(), chained.render());
    CrossCheckReport flipped = run("ternaryllm:group=32", LayerShape.decode(12), 1,
        new DecoderMutation.DramWeight(LayerKind.GATE_PROJ, 0, 0));
    assertFalse(flipped.passed(), flipped.render());
    assertTrue(flipped.failures().stream().anyMatch(f -> f.check().startsWith("gate_proj output")), flipped.render());
    CrossCheckReport golden = run("billm", LayerShape.decode(12), 1, new DecoderMutation.GoldenOutput());
    assertFalse(golden.passed(), golden.render());
  }
}
