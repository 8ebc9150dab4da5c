package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.isa.LutVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every LUT variant maps a whole 2B-4T decode token on the LUT unit. Mirror and bit-plane rows cannot be cut
 * along K; this once divided by zero when choosing the K chunk of a LUT build.
 */
class LutVariantEstimateTest {

  @ParameterizedTest(name = "{0} g={1}")
  @CsvSource({"TERNARY_BASE3, 4", "TERNARY_MIRROR, 3", "BIT_SERIAL, 4", "BIT_SERIAL, 2"})
  void decodeTokenMapsOnEveryLutVariant(LutVariant variant, int g) {
    ArchConfig edge = ArchConfigs.preset("edge-fpga-mac");
    LutCoreConfig l = edge.lutCore();
    ArchConfig arch = edge.withLutCore(new LutCoreConfig(g, l.tableEntryBits(), l.tablesBuiltPerCycle(),
        l.lookupsPerCycle(), variant, l.tableSharingRows()));
    ModelEstimate e = new ModelEstimator(ModelPresets.byName("bitnet-b1.58-2b-4t"), arch, ComputeUnit.LUT)
        .estimate(LayerShape.decode(128));
    assertTrue(e.msPerToken() > 0 && Double.isFinite(e.msPerToken()), () -> variant + " g=" + g + ": " + e.msPerToken());
  }
}
