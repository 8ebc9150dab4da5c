package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One reduced decoder layer (every dimension / 16, or the largest power of two below that divides them) of every
 * model preset in every low-bit weight format of part 1
 * that the units run, in decode: bit-exact against the reference decoder layer. bitnet-b1.58 is covered per model and
 * shape by ModelShapesCrossCheckTest; here bitnet-w1 on the MAC array (SIGN_BITS) and on a LUT core with binary
 * mirrored tables, and the four fp16-activation formats on the MAC array's fp32 adders, on the LUT core's fp16 tables
 * and (ternaryllm) on the MAC array's fp16 adders.
 */
class FormatPresetsPerModelCrossCheckTest {

  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");
  private static final ArchConfig BINARY_LUT = ArchKeys.with(ArchKeys.with(EDGE, "lut_core.group_size", "4"),
      "lut_core.variant", "binary_mirror");
  private static final ArchConfig FP32_ADDERS = ArchKeys.with(ArchKeys.with(EDGE, "mac_array.float_adders", "fp32"),
      "buffers.output.size_bytes", "524288");
  private static final ArchConfig FP16_ADDERS = ArchKeys.with(FP32_ADDERS, "mac_array.float_adders", "fp16");
  private static final ArchConfig LUT_ADDERS = ArchKeys.with(FP32_ADDERS, "lut_core.float_adders", "fp32");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String model : ModelPresets.names()) {
      out.add(Arguments.of(model, "bitnet-w1", "edge-fpga", ComputeUnit.MAC));
      out.add(Arguments.of(model, "bitnet-w1", "binary_mirror LUT", ComputeUnit.LUT));
      for (String f : List.of("onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128")) {
        out.add(Arguments.of(model, f, "fp32 adders", ComputeUnit.MAC));
        out.add(Arguments.of(model, f, "LUT fp16 tables", ComputeUnit.LUT));
      }
      out.add(Arguments.of(model, "ternaryllm:group=128", "fp16 adders", ComputeUnit.MAC));
    }
    return out.stream();
  }

  /** The preset at 1/16 of each dimension, or the largest smaller power of two that divides them all (3b: 1/4). */
  private static ModelConfig reduced(String model) {
    for (int d = 16; ; d /= 2) {
      try {
        return DecoderCrossCheck.reduced(ModelPresets.byName(model), d);
      } catch (IllegalArgumentException e) {
        if (d == 1) {
          throw e;
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} on {2} ({3})")
  @MethodSource("cases")
  void aReducedDecodeLayerIsBitExact(String model, String format, String arch, ComputeUnit unit) {
    ModelConfig c = reduced(model);
    ArchConfig a = switch (arch) {
      case "binary_mirror LUT" -> BINARY_LUT;
      case "fp32 adders" -> FP32_ADDERS;
      case "fp16 adders" -> FP16_ADDERS;
      case "LUT fp16 tables" -> LUT_ADDERS;
      default -> EDGE;
    };
    DecoderCase dc = DecoderCase.seeded(c, LayerShape.decode(9), 5, FormatPresets.parse(format));
    CrossCheckReport r = new DecoderCrossCheck(a).run(dc, unit);
    assertTrue(r.passed(), r::render);
  }
}
