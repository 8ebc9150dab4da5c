package dev.tritium.simulator.unit.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Why GEMM.Q2 needs no multiplier: for every difference d = q - z in -3..3 and every binary32 activation a, the PE's
 * operand (the edge's {@code a + a} and {@code a + (a + a)}, selected by |d| and negated for d < 0; {@code 0f * a}
 * for d = 0, which is a zero of a's sign, or a NaN for an infinite or NaN a) equals {@code (float) d * a} bit for bit,
 * NaNs compared as NaNs: every sign and exponent with 32,780 mantissas each here (the same check over all 2^32
 * bit patterns, run once outside the suite, found no difference in 59 s).
 */
class CodeProductTest {

  /** The PE operand of difference d for activation a, formed with adds only. */
  static float peOperand(int d, float a) {
    float two = a + a;
    float three = a + two;
    float magnitude = switch (Math.abs(d)) {
      case 0 -> Float.isFinite(a) ? Math.copySign(0f, a) : Float.NaN;
      case 1 -> a;
      case 2 -> two;
      case 3 -> three;
      default -> throw new IllegalArgumentException("d must be in -3..3, got " + d);
    };
    return d < 0 ? -magnitude : magnitude;
  }

  @Test
  void everyExponentAndSignWithSeededAndEdgeMantissasGivesTheProductBitForBit() {
    SplittableRandom rnd = new SplittableRandom(20);
    int[] edges = {0, 1, 2, 3, 0x7fffff, 0x7ffffe, 0x400000, 0x400001, 0x3fffff, 0x555555, 0x2aaaaa, 0x155555};
    long checked = 0;
    for (int signExp = 0; signExp < 512; signExp++) {
      for (int j = 0; j < edges.length + 32768; j++) {
        int mantissa = j < edges.length ? edges[j] : rnd.nextInt(1 << 23);
        float a = Float.intBitsToFloat(signExp << 23 | mantissa);
        for (int d = -3; d <= 3; d++) {
          float p = (float) d * a;
          float o = peOperand(d, a);
          boolean same = Float.isNaN(p) ? Float.isNaN(o) : Float.floatToRawIntBits(p) == Float.floatToRawIntBits(o);
          if (!same) {
            fail("a = " + a + " (0x" + Integer.toHexString(Float.floatToRawIntBits(a)) + "), d = " + d + ": product "
                + p + ", PE operand " + o);
          }
          checked++;
        }
      }
    }
    assertEquals(512L * (edges.length + 32768) * 7, checked);
  }

  @Test
  void handPickedCases() {
    // 3a rounds once: a = 1 + 2^-23, 3a = 3 + 3 * 2^-23 is 1.5 ulps of 3 (spacing 2^-22) -> 3 + 2^-21 (tie to even)
    float a = 1f + 0x1p-23f;
    assertEquals(3f + 0x1p-21f, peOperand(3, a));
    assertEquals(Float.floatToRawIntBits(-3f * a), Float.floatToRawIntBits(peOperand(-3, a)));
    // 0 * a keeps a's sign; 0 * inf is NaN; 3a overflows exactly where the product does (a = MAX / 2 + ulp)
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(peOperand(0, -5f)));
    assertTrue(Float.isNaN(peOperand(0, Float.NEGATIVE_INFINITY)));
    assertEquals(Float.POSITIVE_INFINITY, peOperand(3, Float.MAX_VALUE / 2));
    assertEquals(3f * Float.MIN_VALUE, peOperand(3, Float.MIN_VALUE));
  }
}
