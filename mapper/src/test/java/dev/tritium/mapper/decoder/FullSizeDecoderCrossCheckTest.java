package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfigs;
import org.junit.jupiter.api.Test;

/**
 * The cross-check once at full size for one 2B-4T decoder layer: 2560 hidden, 6912 FFN, 20/5
 * heads, decode at a short context on the default edge preset. Every BitLinear inside is compared bit for bit.
 */
class FullSizeDecoderCrossCheckTest {

  @Test
  void fullSize2b4tDecoderLayerPassesOnTheDefaultPreset() {
    DecoderCrossCheck check = new DecoderCrossCheck(ArchConfigs.preset("edge-fpga-mac"));
    DecoderCase c = DecoderCase.seeded(ModelPresets.byName("bitnet-b1.58-2b-4t"), LayerShape.decode(4), 7);
    CrossCheckReport r = check.run(c, ComputeUnit.MAC);
    assertTrue(r.passed(), r::render);
  }

  @Test
  void fullSize2b4tBinaryDecoderLayerPassesInTheOneBitPacking() {
    // bitnet-w1: the MAC array streams the seven projections in SIGN_BITS (1 bit per weight).
    DecoderCrossCheck check = new DecoderCrossCheck(ArchConfigs.preset("edge-fpga"));
    DecoderCase c = DecoderCase.seeded(ModelPresets.byName("bitnet-b1.58-2b-4t"), LayerShape.decode(4), 7,
        FormatPresets.parse("bitnet-w1"));
    CrossCheckReport r = check.run(c, ComputeUnit.MAC);
    assertTrue(r.passed(), r::render);
    assertTrue(r.title().contains("binary weights"), r.title());
  }
}
