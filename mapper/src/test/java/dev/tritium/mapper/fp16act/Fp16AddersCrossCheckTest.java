package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.decoder.DecoderMutation;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fp16 accumulation knob ({@code mac_array.float_adders: fp16}): the plan in the formats' order equals each
 * format's own apply (so the plan in fp16-adder order can stand as the golden with fp16 sums), the simulator's fp16 sums match it bit for bit
 * in a linear layer and a decoder layer, they differ from the fp32 sums, and faults still FAIL.
 */
class Fp16AddersCrossCheckTest {

  static final ArchConfig HALF = ArchKeys.with(FloatLinearCrossCheckTest.ARCH, "mac_array.float_adders", "fp16");

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "pb-llm:salient=0.05,index=csr", "billm",
      "ternaryllm:group=128", "ternaryllm:group=48"})
  void thePlanInFp32SumsIsTheFormatsApplyAndFp16SumsDiffer(String format) {
    FormatPreset f = FormatPresets.parse(format);
    QuantizedMatrix m = FloatLinearCrossCheck.weights(f, 150, 300, 11, 2);
    float[] x = BitLinearCase.seededInput(3, 300, 11, 2);
    float[] own = m.apply(x, 3);
    float[] plan = FloatLinearPlan.of(f.name(), m).evaluate(x, 3, new SignSumOrder.MacKOrder());
    for (int i = 0; i < own.length; i++) {
      assertEquals(Float.floatToRawIntBits(own[i]), Float.floatToRawIntBits(plan[i]), format + " output " + i);
    }
    float[] half = FloatLinearPlan.of(f.name(), m).evaluate(x, 3, new SignSumOrder.MacFp16Adders());
    assertNotEquals(java.util.Arrays.toString(own), java.util.Arrays.toString(half), "fp16 sums round differently");
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128"})
  void fp16SumsOnTheArrayAreBitExactToThePlanInFp16(String format) {
    for (int tokens : new int[] {1, 4}) {
      CrossCheckReport r = new FloatLinearCrossCheck(HALF).run("fp16", FormatPresets.parse(format), tokens, 200, 320,
          7, 3, new FloatMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.render().contains("against the format's own order"), r.render());
      assertTrue(r.render().contains("on fp16 adders"), r.render());
    }
  }

  @Test
  void faultsFailWithFp16Adders() {
    FloatLinearCrossCheck c = new FloatLinearCrossCheck(HALF);
    for (FloatMutation m : List.of(new FloatMutation.SignFlip(0), new FloatMutation.ScaleUlp(0),
        new FloatMutation.GoldenUlp())) {
      CrossCheckReport r = c.run("fp16", FormatPresets.parse("onebit"), 1, 64, 96, 7, 3, m);
      assertFalse(r.passed(), r.render());
    }
  }

  @Test
  void aFp32ArrayFailsAgainstTheFp16Golden() {
    // The fp16 golden is not the fp32 one: the same program on fp32 adders, checked against the plan in fp16-adder order, FAILs.
    FormatPreset f = FormatPresets.parse("onebit");
    QuantizedMatrix m = FloatLinearCrossCheck.weights(f, 64, 512, 7, 3);
    float[] x = BitLinearCase.seededInput(1, 512, 7, 3);
    FloatLinearPlan plan = FloatLinearPlan.of(f.name(), m);
    CrossCheckReport r = new FloatLinearCrossCheck(FloatLinearCrossCheckTest.ARCH).run("fp32", plan,
        new PlanProjection(plan, new SignSumOrder.MacFp16Adders()), x, 1, new FloatMutation.None());
    assertFalse(r.passed(), r.render());
  }

  @Test
  void aDecoderLayerWithFp16AddersIsBitExactAndAFlippedSignFails() {
    DecoderCase dc = DecoderCase.seeded(FormatDecoderCrossCheckTest.C, LayerShape.decode(12), 3,
        FormatPresets.parse("onebit"));
    CrossCheckReport ok = new DecoderCrossCheck(HALF).runLayers(List.of(dc), ComputeUnit.MAC,
        new DecoderMutation.None());
    assertTrue(ok.passed(), ok.render());
    CrossCheckReport flipped = new DecoderCrossCheck(HALF).runLayers(List.of(dc), ComputeUnit.MAC,
        new DecoderMutation.DramWeight(LayerKind.UP_PROJ, 0, 0));
    assertFalse(flipped.passed(), flipped.render());
  }
}
