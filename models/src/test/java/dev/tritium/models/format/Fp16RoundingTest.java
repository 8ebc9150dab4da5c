package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.common.HalfFloats;
import org.junit.jupiter.api.Test;

/** fp16 round to nearest even (the scales' and activations' rounding), and bf16 through ScaleType. */
class Fp16RoundingTest {

  private static float f16(float v) {
    return ScaleType.FP16.round(v);
  }

  @Test
  void edgeCases() {
    assertEquals(65504f, f16(65504f));
    assertEquals(65504f, f16(65519.996f)); // below the midpoint to the next (absent) step 65536
    assertEquals(Float.POSITIVE_INFINITY, f16(65520f)); // the midpoint ties away to "even" infinity
    assertEquals(Float.NEGATIVE_INFINITY, f16(-1e6f));
    assertEquals(0x1p-24f, f16(0x1p-24f)); // smallest subnormal
    assertEquals(0f, f16(0x1p-25f)); // exactly half of it: ties to even (zero)
    assertEquals(0x1p-24f, f16(Math.nextUp(0x1p-25f)));
    assertEquals(0x1p-23f, f16(0x1.8p-24f)); // 1.5 subnormal steps: tie to even (2 steps)
    assertEquals(0x1p-14f, f16(0x1.ff8p-15f + 0x1p-25f)); // largest subnormal + half step rounds into the normals
    assertEquals(1f, f16(1f + 0x1p-11f)); // tie between 1 and 1 + 2^-10: even is 1
    assertEquals(1f + 0x1p-9f, f16(1f + 3 * 0x1p-11f)); // tie between 1 + 2^-10 and 1 + 2^-9: even is the latter
    assertEquals(1f + 0x1p-10f, f16(Math.nextUp(1f + 0x1p-11f)));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(f16(-0f)));
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(f16(-0x1p-26f)));
    assertTrue(Float.isNaN(f16(Float.NaN)));
    assertEquals(0.0999755859375f, f16(0.1f));
  }

  @Test
  void everyFiniteFp16ValueIsAFixedPointAndMidpointsTieToEven() {
    for (int h = 0; h < 0x7c00; h++) {
      float v = HalfFloats.f16ToFloat(h);
      assertEquals(h, HalfFloats.floatToF16(v), "fixed point " + h);
      assertEquals(h | 0x8000, HalfFloats.floatToF16(-v), "fixed point -" + h);
      if (h + 1 < 0x7c00) {
        float next = HalfFloats.f16ToFloat(h + 1);
        float mid = (v + next) / 2; // exact in fp32: fp16 steps have 11 significant bits
        int even = (h & 1) == 0 ? h : h + 1;
        assertEquals(even, HalfFloats.floatToF16(mid), "midpoint above " + h);
        assertEquals(h, HalfFloats.floatToF16(Math.nextDown(mid)), "below midpoint above " + h);
        assertEquals(h + 1, HalfFloats.floatToF16(Math.nextUp(mid)), "above midpoint above " + h);
      }
    }
  }

  @Test
  void bf16AndFp32() {
    assertEquals(1f, ScaleType.BF16.round(1f + 0x1p-8f)); // tie to even
    assertEquals(1f + 0x1p-6f, ScaleType.BF16.round(1f + 3 * 0x1p-8f));
    assertEquals(0.1f, ScaleType.FP32.round(0.1f));
    assertEquals(16, ScaleType.BF16.bits());
    assertEquals(32, ScaleType.FP32.bits());
  }
}
