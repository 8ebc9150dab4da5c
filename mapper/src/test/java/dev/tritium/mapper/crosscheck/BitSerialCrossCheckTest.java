package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutVariant;
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
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bit-serial (T-MAC) LUT core end to end: the edge-fpga preset with {@code lut_core.variant:
 * bit_serial}, one reduced 2B-4T projection (gate_proj, 1/16 of each dimension) in decode and prefill,
 * mapped by the search and by a stress mapping (several N tiles and M tiles) onto BIT_PLANES weights;
 * bit-exact PASS, and a flipped weight (in DRAM, or in a WGT tile) FAILs.
 */
class BitSerialCrossCheckTest {

  private static final ArchConfig ARCH = bitSerialEdge();
  private static final BitLinearCrossCheck CHECK = new BitLinearCrossCheck(ARCH);
  private static final IsaTarget TARGET = CHECK.runner().target();
  private static final TilingSearch SEARCH = BitLinearLayerMapper.search(ARCH);

  private static ArchConfig bitSerialEdge() {
    String yaml = ArchConfigs.toYaml(ArchConfigs.preset("edge-fpga-mac"));
    String variant = "variant: \"ternary_base3\"";
    if (!yaml.contains(variant)) {
      variant = "variant: ternary_base3";
    }
    assertEquals(1, yaml.split(variant, -1).length - 1, "one LUT variant line in\n" + yaml);
    return ArchConfigs.parse(yaml.replace(variant, "variant: bit_serial"), "edge-fpga with lut_core.variant bit_serial");
  }

  private static BitLinearShape shape(int tokens) {
    ModelConfig c = ModelPresets.byName("bitnet-b1.58-2b-4t");
    return new BitLinearShape(tokens, LayerKind.GATE_PROJ.inFeatures(c) / CrossCheckCases.REDUCE,
        LayerKind.GATE_PROJ.outFeatures(c) / CrossCheckCases.REDUCE);
  }

  @ParameterizedTest(name = "M={0}")
  @ValueSource(ints = {1, 8})
  void bitPlanesPassBitExactAndAFlippedWeightFails(int tokens) {
    assertEquals(LutVariant.BIT_SERIAL, TARGET.lut().orElseThrow().variant());
    assertEquals(Packing.BIT_PLANES, TARGET.lut().orElseThrow().packing());
    BitLinearShape s = shape(tokens);
    BitLinearCase c = BitLinearCase.seeded("2b-4t/gate bit-serial", tokens, s.inFeatures(), s.outFeatures(), 20261123L, 7);
    Mapping searched = SEARCH.search(s, Objective.CYCLES, EnumSet.of(ComputeUnit.LUT), TilingSearch.defaultWeights(s)).mapping();
    assertEquals(Packing.BIT_PLANES, searched.packing());
    Mapping stress = CrossCheckCases.stress(s, ComputeUnit.LUT, Packing.BIT_PLANES, LoopOrder.N_OUTER, TARGET);
    assertTrue(stress.tileN() < s.outFeatures(), "the stress mapping tiles the BIT_PLANES rows");
    for (Mapping m : List.of(searched, stress)) {
      CrossCheckReport r = CHECK.run(c, m);
      assertTrue(r.passed(), r::render);
      ValidationReport v = Validator.validate(new BitLinearMapper(TARGET).compile(s, m, c.weights().scale()).program(),
          TARGET);
      assertTrue(v.ok(), () -> m.summary() + ": " + v.errors());
      // a weight flipped before packing (DRAM) and one flipped in a WGT tile decoded with models' layout
      for (Mutation fault : List.of(new Mutation.DramWeight(5, 17), new Mutation.WgtSramWeight())) {
        CrossCheckReport flipped = CHECK.run(c, m, fault);
        assertFalse(flipped.passed(), () -> fault.describe() + " not caught\n" + flipped.render());
        assertTrue(flipped.rows().stream().anyMatch(x -> x.check().startsWith("accumulators") && x.verdict() == Verdict.FAIL),
            flipped::render);
      }
    }
  }
}
