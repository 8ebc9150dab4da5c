package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bitnet-w1 decoder layers on a LUT core with binary tables (BINARY, BINARY_MIRROR, g = 4): SIGN_BITS weights,
 * bit-exact against the reference decoder in decode and a short prefill; a flipped sign in DRAM and a changed golden
 * output FAIL; bitnet-b1.58 is refused on such a core, naming the format and the variant.
 */
class BinaryLutDecoderCrossCheckTest {

  private static final FormatPreset W1 = FormatPresets.parse("bitnet-w1");
  private static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);

  private static ArchConfig arch(LutVariant v) {
    return ArchKeys.with(ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.group_size", "4"),
        "lut_core.variant", v.key());
  }

  @Test
  void decodeAndPrefillPassOnBothBinaryVariantsAndFaultsFail() {
    for (LutVariant v : List.of(LutVariant.BINARY, LutVariant.BINARY_MIRROR)) {
      DecoderCrossCheck check = new DecoderCrossCheck(arch(v));
      for (LayerShape shape : List.of(LayerShape.decode(9), LayerShape.prefill(5))) {
        DecoderCase dc = DecoderCase.seeded(B2, shape, 7, W1);
        CrossCheckReport ok = check.run(dc, ComputeUnit.LUT);
        assertTrue(ok.passed(), ok::render);
        for (DecoderMutation m : List.of(new DecoderMutation.DramWeight(LayerKind.DOWN_PROJ, 3, 17),
            new DecoderMutation.DramWeight(LayerKind.Q_PROJ, 0, 0), new DecoderMutation.GoldenOutput())) {
          CrossCheckReport bad = check.run(dc, ComputeUnit.LUT, m);
          assertFalse(bad.passed(), () -> v + " " + shape + ": not caught: " + m.describe() + "\n" + bad.render());
        }
      }
    }
  }

  @Test
  void theLutCoreStreamsOneBitPerWeight() {
    ModelEstimator est = DecoderLayerMapper.estimator(B2, arch(LutVariant.BINARY_MIRROR), ComputeUnit.LUT, W1);
    assertEquals(Packing.SIGN_BITS, est.projections().packing());
  }

  @Test
  void aTernaryFormatIsRefusedOnBinaryTables() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DecoderLayerMapper.estimator(B2, arch(LutVariant.BINARY_MIRROR), ComputeUnit.LUT,
            FormatPresets.parse("bitnet-b1.58")));
    assertTrue(e.getMessage().contains("'bitnet-b1.58'") && e.getMessage().contains("binary_mirror"), e.getMessage());
    // bitnet-w1 on the ternary-table default still maps to the LUT core's ternary packing.
    assertEquals(Packing.LUT_G3,
        DecoderLayerMapper.estimator(B2, ArchConfigs.preset("edge-fpga"), ComputeUnit.LUT, W1).projections().packing());
  }
}
