package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.run.BitLinearLayerMapper;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Full-size 2B-4T decode layers (q_proj 2560x2560, down_proj 2560x6912) on both units, searched mappings. */
class FullSizeCrossCheckTest {

  private static final ArchConfig ARCH = ArchConfigs.resolve("edge-fpga-mac");
  private static final BitLinearCrossCheck CHECK = new BitLinearCrossCheck(ARCH);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"Q_PROJ, MAC", "Q_PROJ, LUT", "DOWN_PROJ, MAC", "DOWN_PROJ, LUT"})
  void fullSizeDecodeLayerPasses(LayerKind kind, ComputeUnit unit) {
    ModelConfig c = ModelPresets.byName("bitnet-b1.58-2b-4t");
    BitLinearShape s = new BitLinearShape(1, kind.inFeatures(c), kind.outFeatures(c));
    var mapping = BitLinearLayerMapper.search(ARCH)
        .search(s, Objective.CYCLES, EnumSet.of(unit), TilingSearch.defaultWeights(s)).mapping();
    CrossCheckReport r = CHECK.run(BitLinearCase.seeded(kind.label(), 1, s.inFeatures(), s.outFeatures(), 4, 1), mapping);
    assertTrue(r.passed(), r::render);
  }
}
