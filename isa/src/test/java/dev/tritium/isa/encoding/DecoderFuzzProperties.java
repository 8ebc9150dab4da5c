package dev.tritium.isa.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.RandomInstructions;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The decoder never throws anything but IsaDecodeException, whose message names offset, field, reason. */
class DecoderFuzzProperties {

  private static void decodeExpectingOnlyDecodeErrors(byte[] bytes) {
    try {
      ProgramBinary.decode(bytes);
    } catch (IsaDecodeException e) {
      assertTrue(e.getMessage().startsWith("byte offset " + e.byteOffset()), e.getMessage());
      assertTrue(e.getMessage().contains("field " + e.field() + ": " + e.reason()), e.getMessage());
      assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= bytes.length, e.getMessage());
    } catch (RuntimeException e) {
      fail("decoder threw " + e + " on " + bytes.length + " bytes");
    }
  }

  @Property(tries = 500, seed = "7")
  void randomBytesNeverCrash(@ForAll long seed, @ForAll @IntRange(min = 0, max = 120) int length) {
    byte[] b = new byte[length];
    new SplittableRandom(seed).nextBytes(b);
    decodeExpectingOnlyDecodeErrors(b);
  }

  @Property(tries = 500, seed = "8")
  void randomInstructionWordsBehindAValidHeaderNeverCrash(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int count) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = ProgramBinary.encode(java.util.List.of(), 0);
    byte[] full = new byte[b.length + 16 * count];
    System.arraycopy(b, 0, full, 0, b.length);
    full[16] = (byte) count;
    for (int i = b.length; i < full.length; i++) {
      full[i] = (byte) r.nextInt(256);
    }
    // Keep most opcodes valid so the field checks, not just the opcode check, are exercised.
    for (int i = 0; i < count; i++) {
      if (r.nextInt(4) != 0) {
        full[b.length + 16 * i] = (byte) ((full[b.length + 16 * i] & 0xC0) | (1 + r.nextInt(13)));
      }
    }
    decodeExpectingOnlyDecodeErrors(full);
  }

  @Property(tries = 300, seed = "9")
  void truncatedValidBinariesReportTruncation(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int count) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] full = ProgramBinary.encode(RandomInstructions.program(r, count), IsaTarget.edgeDefault());
    int cut = r.nextInt(full.length);
    byte[] truncated = java.util.Arrays.copyOf(full, cut);
    IsaDecodeException e = assertThrows(IsaDecodeException.class, () -> ProgramBinary.decode(truncated));
    assertTrue(e.reason().startsWith("truncated"), e.getMessage());
  }

  @Property(tries = 300, seed = "10")
  void singleBitFlipsOfValidBinariesNeverCrash(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] b = ProgramBinary.encode(RandomInstructions.program(r, 1 + r.nextInt(10)), IsaTarget.edgeDefault());
    int bit = r.nextInt(b.length * 8);
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    decodeExpectingOnlyDecodeErrors(b);
  }

  @Example
  void headerErrorsNameTheirField() {
    byte[] ok = ProgramBinary.encode(java.util.List.of(), 0);
    byte[] badMagic = ok.clone();
    badMagic[3] = 'x';
    assertEquals("magic", assertThrows(IsaDecodeException.class, () -> ProgramBinary.decode(badMagic)).field());
    byte[] badVersion = ok.clone();
    badVersion[8] = 9;
    assertEquals("version", assertThrows(IsaDecodeException.class, () -> ProgramBinary.decode(badVersion)).field());
    byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 3);
    assertEquals("count", assertThrows(IsaDecodeException.class, () -> ProgramBinary.decode(trailing)).field());
    assertEquals("header", assertThrows(IsaDecodeException.class, () -> ProgramBinary.decode(new byte[5])).field());
  }
}
