package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import dev.tritium.mapper.bitlinear.BitLinearMapper;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.run.BitLinearLayerMapper;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every BitLinear shape (q, k, v, o, gate, up, down) of every preset model at 1/16 of each dimension,
 * on both units and both phases (decode M = 1, prefill M = 8), on the default edge preset: the
 * searched mapping and a stress mapping (every loop runs more than once) must cross-check PASS, and
 * both programs must pass the ISA validator.
 */
class ModelShapesCrossCheckTest {

  private static final ArchConfig ARCH = ArchConfigs.resolve("edge-fpga-mac");
  private static final BitLinearCrossCheck CHECK = new BitLinearCrossCheck(ARCH);
  private static final IsaTarget TARGET = CHECK.runner().target();
  private static final TilingSearch SEARCH = BitLinearLayerMapper.search(ARCH);

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String model : ModelPresets.names()) {
      ModelConfig c = ModelPresets.byName(model);
      for (LayerKind kind : LayerKind.projections()) {
        for (ComputeUnit unit : ComputeUnit.values()) {
          for (int tokens : new int[] {1, 8}) {
            out.add(Arguments.of(model, kind, unit, tokens, kind.inFeatures(c) / CrossCheckCases.REDUCE,
                kind.outFeatures(c) / CrossCheckCases.REDUCE));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} M={3} K={4} N={5}")
  @MethodSource("cases")
  void searchedAndStressMappingsPass(String model, LayerKind kind, ComputeUnit unit, int tokens, int k, int n) {
    BitLinearShape s = new BitLinearShape(tokens, k, n);
    BitLinearCase c = BitLinearCase.seeded(model + "/" + kind.label(), tokens, k, n, 20261123L, kind.ordinal());
    Mapping searched = SEARCH.search(s, Objective.CYCLES, EnumSet.of(unit), TilingSearch.defaultWeights(s)).mapping();
    Packing p = unit == ComputeUnit.MAC ? Packing.TWO_BIT : TARGET.lut().orElseThrow().packing();
    LoopOrder order = unit == ComputeUnit.LUT && tokens > 1 ? LoopOrder.K_OUTER : LoopOrder.N_OUTER;
    for (Mapping m : List.of(searched, CrossCheckCases.stress(s, unit, p, order, TARGET))) {
      CrossCheckReport r = CHECK.run(c, m);
      assertTrue(r.passed(), r::render);
      ValidationReport v = Validator.validate(new BitLinearMapper(TARGET).compile(s, m, c.weights().scale()).program(),
          TARGET);
      assertTrue(v.ok(), () -> m.summary() + ": " + v.errors());
    }
  }
}
