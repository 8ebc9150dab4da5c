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
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole decoder layers in the fp16-activation formats, with the seven projections on the MAC array's sign-add path or
 * on the LUT core's fp16 tables inside the layer's program: bit-exact against the reference engine's layer whose
 * projections take their sign sums in that unit's order, in decode and prefill and chained; a flipped weight sign and
 * a changed golden value FAIL.
 */
class FormatDecoderCrossCheckTest {

  static final ModelConfig C = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);

  /** FloatLinearCrossCheckTest's arch (fp32 adders in the MAC array, 512 KiB VEC) with fp adders in its LUT core too. */
  static final ArchConfig ARCH = ArchKeys.with(FloatLinearCrossCheckTest.ARCH, "lut_core.float_adders", "fp32");

  private static CrossCheckReport run(ComputeUnit unit, String format, LayerShape shape, int layers,
      DecoderMutation m) {
    List<DecoderCase> cases = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      cases.add(DecoderCase.seeded(C, shape, 3 + i, FormatPresets.parse(format)));
    }
    return new DecoderCrossCheck(ARCH).runLayers(cases, unit, m);
  }

  static Stream<Arguments> formatsOnUnits() {
    List<Arguments> out = new ArrayList<>();
    for (ComputeUnit unit : ComputeUnit.values()) {
      for (String f : List.of("onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=32")) {
        out.add(Arguments.of(unit, f));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("formatsOnUnits")
  void aDecodeLayerAndAPrefillAreBitExact(ComputeUnit unit, String format) {
    CrossCheckReport decode = run(unit, format, LayerShape.decode(20), 1, new DecoderMutation.None());
    assertTrue(decode.passed(), decode.render());
    if (unit == ComputeUnit.LUT) {
      assertTrue(decode.render().contains("lut_core fp32 lookup adds (LUT.GEMM.F16)"), decode.render());
    }
    CrossCheckReport prefill = run(unit, format, LayerShape.prefill(5), 1, new DecoderMutation.None());
    assertTrue(prefill.passed(), prefill.render());
  }

  @Test
  void layersWithStoredMasksAreBitExactAndAFlippedStoredBitFails() {
    // mac_array.mask_decode: every projection reads BiLLM's P and Q sign rows and column mask through gated GEMM.SF,
    // and PB-LLM's signs and bitmap the same way, its outliers through a bitmap-indexed GEMM.SP.
    DecoderCrossCheck masked = new DecoderCrossCheck(ArchKeys.with(ARCH, "mac_array.mask_decode", "true"));
    for (String format : List.of("billm", "pb-llm:salient=0.1")) {
      for (LayerShape shape : List.of(LayerShape.decode(20), LayerShape.prefill(5))) {
        CrossCheckReport r = masked.runLayers(List.of(DecoderCase.seeded(C, shape, 3, FormatPresets.parse(format))),
            ComputeUnit.MAC, new DecoderMutation.None());
        assertTrue(r.passed(), format + " " + r.render());
      }
    }
    CrossCheckReport flipped = masked.runLayers(List.of(DecoderCase.seeded(C, LayerShape.decode(12), 3,
        FormatPresets.parse("billm"))), ComputeUnit.MAC, new DecoderMutation.DramWeight(LayerKind.GATE_PROJ, 0, 0));
    assertFalse(flipped.passed(), flipped.render());
    assertTrue(flipped.failures().stream().anyMatch(f -> f.check().startsWith("gate_proj output")), flipped.render());
  }

  @ParameterizedTest
  @EnumSource(ComputeUnit.class)
  void twoChainedLayersPassAndFaultsFail(ComputeUnit unit) {
    CrossCheckReport chained = run(unit, "onebit", LayerShape.decode(12), 2, new DecoderMutation.None());
    assertTrue(chained.passed(), chained.render());
    CrossCheckReport flipped = run(unit, "ternaryllm:group=32", LayerShape.decode(12), 1,
        new DecoderMutation.DramWeight(LayerKind.GATE_PROJ, 0, 0));
    assertFalse(flipped.passed(), flipped.render());
    assertTrue(flipped.failures().stream().anyMatch(f -> f.check().startsWith("gate_proj output")), flipped.render());
    CrossCheckReport golden = run(unit, "billm", LayerShape.decode(12), 1, new DecoderMutation.GoldenOutput());
    assertFalse(golden.passed(), golden.render());
  }
}
