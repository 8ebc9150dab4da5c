package dev.tritium.models.packing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Specific small matrices whose bytes were computed by hand from the layouts in models/README.md. */
class WeightPackingHandTest {

  private static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  private static void assertPacks(WeightPacking p, int rows, int cols, byte[] values, byte[] expected) {
    assertArrayEquals(expected, p.encode(values, rows, cols), p.name() + " encode");
    assertArrayEquals(values, p.decode(expected, rows, cols), p.name() + " decode");
    assertEquals(expected.length, p.packedBytes(rows, cols), p.name() + " packedBytes");
  }

  @Test
  void twoBitCodes() {
    // row 0 codes 0,1,2,2 | 1 + padding codes 1,1,1; row 1 codes 2,2,2,2 | 2 + padding 1,1,1
    assertPacks(WeightPackings.TWO_BIT, 2, 5, b(-1, 0, 1, 1, 0, 1, 1, 1, 1, 1), b(0xA4, 0x55, 0xAA, 0x56));
    assertEquals(2.0, WeightPackings.TWO_BIT.bitsPerWeight());
  }

  @Test
  void base3FiveTritsPerByte() {
    // group 0 digits 2,0,1,2,2 -> 2 + 9 + 54 + 162 = 227; group 1 digits 1,0 + padding 1,1,1 -> 1 + 9 + 27 + 81 = 118
    assertPacks(WeightPackings.BASE3, 1, 7, b(1, -1, 0, 1, 1, 0, -1), b(227, 118));
    // an all-zero group is digits 1,1,1,1,1 = 121; the all +1 group is 242, the largest byte value used
    assertPacks(WeightPackings.BASE3, 2, 5, b(0, 0, 0, 0, 0, 1, 1, 1, 1, 1), b(121, 242));
    assertEquals(1.6, WeightPackings.BASE3.bitsPerWeight(), 1e-12);
  }

  @Test
  void lutG2FourBitIndices() {
    // group 0 = 3*2 + 0 = 6 (low nibble), group 1 = 3*1 + padding 1 = 4 (high nibble)
    assertPacks(WeightPackings.LUT_G2, 1, 3, b(1, -1, 0), b(0x46));
  }

  @Test
  void lutG3FiveBitIndices() {
    // group 0 = 9*0 + 3*2 + 1 = 7, group 1 = 9*2 + 3 + 1 = 22, spare slot 2 = zero group 13;
    // stream 7 | 22 << 5 | 13 << 10 = 14023 = 0x36C7, bit 15 spare
    assertPacks(WeightPackings.LUT_G3, 1, 4, b(-1, 1, 0, 1), b(0xC7, 0x36));
    assertEquals(5.0 / 3, WeightPackings.LUT_G3.bitsPerWeight(), 1e-12);
  }

  @Test
  void lutG4SevenBitIndices() {
    // group 0 = 80 (all +1), group 1 = 27*0 + 9 + 3 + 1 = 13; stream 80 | 13 << 7 = 1744 = 0x06D0
    assertPacks(WeightPackings.LUT_G4, 1, 5, b(1, 1, 1, 1, -1), b(0xD0, 0x06));
    assertEquals(1.75, WeightPackings.LUT_G4.bitsPerWeight(), 1e-12);
  }

  @Test
  void tl2MirrorForm() {
    // v = 9*w0 + 3*w1 + w2: -6 (neg, 6), 0 (pos, 0), 13 (pos, 13), -9 (neg, 9; padding weights 0)
    // magnitudes as nibbles: 0x06, 0x9D; signs: bits 0 and 3 -> 0x09
    assertPacks(WeightPackings.MIRROR_G3, 1, 10, b(-1, 1, 0, 0, 0, 0, 1, 1, 1, -1), b(0x06, 0x9D, 0x09));
    assertEquals(14, TernaryGroups.mirrorTableSize(3));
    assertEquals(5.0 / 3, WeightPackings.MIRROR_G3.bitsPerWeight(), 1e-12);
  }

  @Test
  void bitPlanesRowMajor() {
    // codes row 0: 0,1,2 (+ padding code 1); row 1: 2,2,0 (+ padding code 1)
    // row 0: plane 0 = 0b11111010, plane 1 = 0b00000100; row 1: plane 0 = 0b11111000, plane 1 = 0b00000011
    assertPacks(WeightPackings.BIT_PLANES, 2, 3, b(-1, 0, 1, 1, 1, -1), b(0xFA, 0x04, 0xF8, 0x03));
    // two bytes per plane: codes 2,0,1,1,2,2,0,1 | 2,0 (+ padding code 1 in columns 10..15)
    // plane 0 = bits 2,3,7 -> 0x8C | 0b11111100 -> 0xFC; plane 1 = bits 0,4,5 -> 0x31 | bit 0 -> 0x01
    assertPacks(WeightPackings.BIT_PLANES, 1, 10, b(1, -1, 0, 0, 1, 1, -1, 0, 1, -1), b(0x8C, 0xFC, 0x31, 0x01));
    assertEquals(4, WeightPackings.BIT_PLANES.rowBytes(10));
    assertEquals(0x8C >>> 4 & 0xF, WeightPackings.BIT_PLANES.readPlaneBits(b(0x8C, 0xFC, 0x31, 0x01), 10, 0, 0, 4, 4));
    assertEquals(0b01, WeightPackings.BIT_PLANES.readPlaneBits(b(0x8C, 0xFC, 0x31, 0x01), 10, 1, 0, 8, 2));
  }

  @Test
  void mirrorSplitIsAnInvolutionOfNegation() {
    for (int index = 0; index < 27; index++) {
      byte[] w = TernaryGroups.weights(index, 3, DigitOrder.FIRST_MOST_SIGNIFICANT);
      byte[] neg = {(byte) -w[0], (byte) -w[1], (byte) -w[2]};
      int negIndex = TernaryGroups.index(neg, 0, 3, 3, DigitOrder.FIRST_MOST_SIGNIFICANT);
      assertEquals(TernaryGroups.mirrorMagnitude(index, 3), TernaryGroups.mirrorMagnitude(negIndex, 3));
      assertEquals(index, TernaryGroups.fromMirror(TernaryGroups.mirrorNegative(index, 3),
          TernaryGroups.mirrorMagnitude(index, 3), 3));
      if (index != 13) {
        assertTrue(TernaryGroups.mirrorNegative(index, 3) != TernaryGroups.mirrorNegative(negIndex, 3));
      }
    }
  }

  @Test
  void corruptCodesAreRejectedWithRowAndGroup() {
    // 2-bit code 3 in column 1
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WeightPackings.TWO_BIT.decode(b(0b0000_1100 | 0x50), 1, 4));
    assertTrue(e.getMessage().contains("row 0") && e.getMessage().contains("group 1"), e.getMessage());
    // base-3 byte 243 is not a valid group of five trits
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.BASE3.decode(b(243), 1, 5));
    // lut-g2 nibble 9 is out of range
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.LUT_G2.decode(b(0x49), 1, 4));
    // mirror magnitude 14 and a negative zero
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.MIRROR_G3.decode(b(0x0E, 0x00), 1, 3));
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.MIRROR_G3.decode(b(0x00, 0x01), 1, 3));
    // bit planes with both bits set
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.BIT_PLANES.decode(b(0xFF, 0x01), 1, 8));
  }

  @Test
  void nonZeroPaddingIsRejected() {
    // valid 0xA4, then column 4 code 1 but a padding code 2 instead of 1
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WeightPackings.TWO_BIT.decode(b(0xA4, 0x59), 1, 5));
    assertTrue(e.getMessage().contains("padding"), e.getMessage());
    // base-3 group with a padding digit 2: digits 1,1 then 2,1,1 = 1 + 3 + 18 + 27 + 81
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.BASE3.decode(b(130), 1, 2));
    // lut-g3: one 5-bit field (the zero group 13) then non-zero spare bits
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.LUT_G3.decode(b(13 | 0x20), 1, 3));
    // bit planes: padding column with weight -1 (code 0) in plane 0
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.BIT_PLANES.decode(b(0x7A, 0x04), 1, 3));
  }

  @Test
  void wrongLengthsAndValuesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WeightPackings.LUT_G3.decode(new byte[3], 1, 4));
    assertTrue(e.getMessage().contains("2 bytes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> WeightPackings.BASE3.encode(b(0, 2), 1, 2));
    assertTrue(e.getMessage().contains("col 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WeightPackings.BASE3.encode(b(0, 1), 1, 3));
  }

  @Test
  void signBitsOneBitPerWeightLsbFirstAndNoZero() {
    // row 0: [+1, -1, -1, +1, +1, +1, -1, +1, -1, +1] -> bits 1,0,0,1,1,1,0,1 = 0xB9; then 0,1 -> 0x02
    // row 1: [-1 x 9, +1] -> 0x00, then bit 1 of the second byte -> 0x02
    assertPacks(WeightPackings.SIGN_BITS, 2, 10, b(1, -1, -1, 1, 1, 1, -1, 1, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        1), b(0xB9, 0x02, 0x00, 0x02));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WeightPackings.SIGN_BITS.encode(b(1, 0, -1), 1, 3));
    assertTrue(e.getMessage().contains("row 0, col 1 is 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> WeightPackings.SIGN_BITS.decode(b(0x08), 1, 3));
    assertTrue(e.getMessage().contains("padding"), e.getMessage());
  }

  @Test
  void packingsAreFoundByName() {
    for (WeightPacking p : WeightPackings.all()) {
      assertEquals(p, WeightPackings.byName(p.name()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightPackings.byName("lut-g5"));
    assertTrue(e.getMessage().contains("lut-g3") && e.getMessage().contains("base3"), e.getMessage());
  }
}
