package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ActivationPlanesTest {

  /** The transposing build equals the bit-by-bit definition for every int8 value, offset and length (tails too). */
  @Property(tries = 200)
  void transposeEqualsDefinition(@ForAll @IntRange(min = 0, max = 300) int features,
      @ForAll @IntRange(min = 0, max = 40) int offset, @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] x = new byte[offset + features + rnd.nextInt(5)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) (rnd.nextInt(256) - 128);
    }
    assertArrayEquals(ActivationPlanes.ofBitByBit(x, offset, features), ActivationPlanes.of(x, offset, features));
  }

  @Test
  void oneValuePerBitPosition() {
    byte[] x = new byte[32];
    x[5] = (byte) 0x81; // bits 0 and 7
    x[31] = 0x02;
    int[] p = ActivationPlanes.of(x, 0, 32);
    assertEquals(1 << 5, p[0]);
    assertEquals(1 << 31, p[1]);
    assertEquals(1 << 5, p[7]);
    for (int b = 2; b < 7; b++) {
      assertEquals(0, p[b]);
    }
  }

  @Test
  void rangeOutsideTheArrayIsRefused() {
    assertThrows(IndexOutOfBoundsException.class, () -> ActivationPlanes.of(new byte[10], 4, 7));
  }
}
