package dev.tritium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IntMathTest {

  @Test
  void handValues() {
    assertEquals(0, IntMath.ceilDiv(0L, 4));
    assertEquals(1, IntMath.ceilDiv(1L, 4));
    assertEquals(1, IntMath.ceilDiv(4L, 4));
    assertEquals(2, IntMath.ceilDiv(5L, 4));
    assertEquals(-1, IntMath.ceilDiv(-5L, 4)); // ceil(-1.25)
    assertEquals(3, IntMath.ceilDiv(7, 3));
    // No overflow where a + b - 1 would wrap.
    assertEquals(Long.MAX_VALUE / 2 + 1, IntMath.ceilDiv(Long.MAX_VALUE, 2));
    assertThrows(ArithmeticException.class, () -> IntMath.ceilDiv(1L, 0));
    assertEquals(6, IntMath.gcd(12, 18));
    assertEquals(5, IntMath.gcd(5, 0));
  }

  /** Agrees with the textbook (a + b - 1) / b wherever that does not overflow, and with exact rational ceil. */
  @Property
  void matchesRationalCeiling(@ForAll @LongRange(min = 0, max = 1L << 40) long a,
      @ForAll @LongRange(min = 1, max = 1L << 20) long b) {
    long c = IntMath.ceilDiv(a, b);
    assertEquals((a + b - 1) / b, c);
    assertEquals(true, c * b >= a && (c - 1) * b < a);
  }
}
