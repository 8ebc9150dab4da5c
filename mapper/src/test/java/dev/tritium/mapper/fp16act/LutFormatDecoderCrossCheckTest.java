package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.decoder.DecoderMutation;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole decoder layers in the fp16-activation formats with the seven projections on the LUT core's fp16 tables:
 * bit-exact against the reference layer whose projections take their sign sums in the LUT order, in decode and
 * prefill and chained; a flipped weight sign and a changed golden value FAIL.
 */
class LutFormatDecoderCrossCheckTest {

  /** The MAC test's arch (512 KiB VEC) with fp adders in its LUT core too. */
  static final ArchConfig ARCH = ArchKeys.with(FloatLinearCrossCheckTest.ARCH, "lut_core.float_adders", "fp32");

  private static CrossCheckReport run(String format, LayerShape shape, int layers, DecoderMutation m) {
    List<DecoderCase> cases = new java.util.ArrayList<>();
    for (int i = 0; i < layers; i++) {
      cases.add(DecoderCase.seeded(FormatDecoderCrossCheckTest.C, shape, 3 + i, FormatPresets.parse(format)));
    }
    return new DecoderCrossCheck(ARCH).runLayers(cases, ComputeUnit.LUT, m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=32"})
  void aDecodeLayerAndAPrefillAreBitExact(String format) {
    CrossCheckReport decode = run(format, LayerShape.decode(20), 1, new DecoderMutation.None());
    assertTrue(decode.passed(), decode.render());
    assertTrue(decode.render().contains("lut_core fp32 lookup adds (LUT.GEMM.F16)"), decode.render());
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
