package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.QuantizedMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The plan's own evaluation: in MAC k order it is each format's reference bit for bit (so the LUT order's golden is
 * the same computation with only the sign sums changed), and the LUT order is what its definition says.
 */
class PlanEvaluationTest {

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128", "ternaryllm:group=48"})
  void macOrderIsTheFormatsReference(String format) {
    FormatPreset f = FormatPresets.parse(format);
    QuantizedMatrix m = FloatLinearCrossCheck.weights(f, 70, 300, 7, 3);
    float[] x = BitLinearCase.seededInput(3, 300, 7, 3);
    FloatLinearPlan plan = FloatLinearPlan.of(f.name(), m);
    float[] mac = plan.evaluate(x, 3, new SignSumOrder.MacKOrder());
    assertArrayEquals(m.apply(x, 3), mac);
    // The LUT order rounds each g-column entry to fp16: it is a different computation, not a relabelled one.
    float[] lut = plan.evaluate(x, 3, new SignSumOrder.LutFp16Tables(3));
    assertFalse(java.util.Arrays.equals(mac, lut), format + ": fp16 table entries change some output bits");
  }

  @Test
  void lutOrderRoundsEachEntryAndSumsThemInGroupOrder() {
    float tiny = 0x1p-11f;
    byte[] w = {1, 1, 0, 1, -1};
    float[] x = {1f, tiny, 7f, tiny, 3f};
    // g = 3: entry 0 = fp16(1 + 2^-11) = 1 (tie to even), entry 1 = fp16(2^-11 - 3) = -3 (2^-11 is below half of
    // fp16's spacing 2^-9 at 3); s = 1 + -3 = -2. In MAC order: ((1 + 2^-11) + 2^-11) - 3 = -2 + 2^-10.
    assertEquals(-2f, new SignSumOrder.LutFp16Tables(3).sum(w, 0, x, 0, 5));
    assertEquals(-2f + 0x1p-10f, new SignSumOrder.MacKOrder().sum(w, 0, x, 0, 5));
  }
}
