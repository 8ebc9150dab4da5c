package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.common.HalfFloats;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator's fp16 conversions (compute.c's {@code f16_to_f32_bits} and {@code f32_to_f16_bits}, the text
 * {@link UnitSources#F16_CONVERT}) equal common's {@link HalfFloats} bit for bit: every one of the 2^16 binary16
 * patterns widened, and binary32 inputs rounded to fp16, namely every value on and one ulp either side of every
 * rounding boundary (the midpoint between two adjacent fp16 values, both signs, subnormal, normal and the
 * overflow threshold 65520), every power of two, the specials, and a million seeded random bit patterns. A tiny
 * C driver compiled with the export's strict flags runs the conversion text on files the test writes.
 */
class F16ConversionCsimTest {

  @TempDir static Path tmp;
  static Path driver;

  private static final String DRIVER = """
      #include <stdint.h>
      #include <stdio.h>
      @@F16@@
      /* f16 -> f32 for all 2^16 patterns into argv[1]; f32 -> f16 of the uint32 list argv[2] into argv[3] */
      int main(int argc, char **argv)
      {
        FILE *out;
        FILE *in;
        FILE *out2;
        uint32_t h;
        unsigned char b[4];
        if (argc != 4) {
          return 2;
        }
        out = fopen(argv[1], "wb");
        if (out == NULL) {
          return 2;
        }
        for (h = 0u; h < 65536u; ++h) {
          uint32_t f = f16_to_f32_bits(h);
          b[0] = (unsigned char) f;
          b[1] = (unsigned char) (f >> 8);
          b[2] = (unsigned char) (f >> 16);
          b[3] = (unsigned char) (f >> 24);
          fwrite(b, 1, 4, out);
        }
        fclose(out);
        in = fopen(argv[2], "rb");
        out2 = fopen(argv[3], "wb");
        if (in == NULL || out2 == NULL) {
          return 2;
        }
        while (fread(b, 1, 4, in) == 4) {
          uint32_t f = (uint32_t) b[0] | (uint32_t) b[1] << 8 | (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;
          uint32_t r = f32_to_f16_bits(f);
          b[0] = (unsigned char) r;
          b[1] = (unsigned char) (r >> 8);
          fwrite(b, 1, 2, out2);
        }
        fclose(in);
        fclose(out2);
        return 0;
      }
      """;

  @BeforeAll
  static void build() throws Exception {
    Files.writeString(tmp.resolve("f16_driver.c"), DRIVER.replace("@@F16@@", UnitSources.F16_CONVERT));
    List<String> cmd = new ArrayList<>(List.of("gcc"));
    cmd.addAll(List.of(AcceleratorProject.CFLAGS.split(" ")));
    cmd.addAll(List.of("-O2", "-ffp-contract=off", "-o", "f16_driver", "f16_driver.c"));
    AccelSim.Run r = AccelSim.run(tmp, cmd);
    assertEquals(0, r.exitCode(), r.output());
    driver = tmp.resolve("f16_driver");
  }

  /** Runs the driver on the f32 patterns; returns the 2^16 widened patterns and the rounded halves. */
  private static int[][] run(int[] f32) throws Exception {
    ByteBuffer in = ByteBuffer.allocate(4 * f32.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int f : f32) {
      in.putInt(f);
    }
    Files.write(tmp.resolve("in.bin"), in.array());
    AccelSim.Run r = AccelSim.run(tmp, List.of(driver.toString(), "widened.bin", "in.bin", "halves.bin"));
    assertEquals(0, r.exitCode(), r.output());
    ByteBuffer w = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve("widened.bin"))).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(tmp.resolve("halves.bin"))).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(4 * 65536, w.capacity());
    assertEquals(2 * f32.length, h.capacity());
    int[] widened = new int[65536];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = w.getInt();
    }
    int[] halves = new int[f32.length];
    for (int i = 0; i < halves.length; i++) {
      halves[i] = h.getShort() & 0xffff;
    }
    return new int[][] {widened, halves};
  }

  /** Every rounding boundary of f32 -> f16, one ulp either side, the powers of two and the specials. */
  static int[] boundaryInputs() {
    List<Integer> v = new ArrayList<>();
    for (int h = 0; h < 0x7c00; h++) {
      float lo = HalfFloats.f16ToFloat(h);
      // above 65504 the next step would be 65536, so the overflow threshold is the midpoint 65520
      float hi = h == 0x7bff ? 65536f : HalfFloats.f16ToFloat(h + 1);
      float mid = (float) (((double) lo + hi) / 2); // exact: fp16 midpoints need at most 12 significant bits
      for (float f : new float[] {lo, mid, Math.nextDown(mid), Math.nextUp(mid)}) {
        v.add(Float.floatToRawIntBits(f));
        v.add(Float.floatToRawIntBits(-f));
      }
    }
    for (int e = 0; e < 256; e++) {
      for (int mant : new int[] {0, 1, 0x400000, 0x7fffff, 0x1000, 0x0fff, 0x1001, 0x3000, 0x2000}) {
        v.add(e << 23 | mant);
        v.add(0x80000000 | e << 23 | mant);
      }
    }
    // NaNs of either sign, quiet and signalling, with payloads: HalfFloats gives 0x7e00 for every one.
    for (int nan : new int[] {0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fffffff, 0xffffffff, 0x7fa00000,
        0xff812345}) {
      v.add(nan);
    }
    return v.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void everyHalfWidensAndBoundariesAndSeededFloatsRoundExactlyAsHalfFloats() throws Exception {
    int[] boundaries = boundaryInputs();
    int random = 1 << 20;
    int[] inputs = new int[boundaries.length + random];
    System.arraycopy(boundaries, 0, inputs, 0, boundaries.length);
    SplittableRandom rnd = new SplittableRandom(20261207L);
    for (int i = 0; i < random; i++) {
      // half uniform bit patterns, half with the exponent near fp16's range, where the rounding happens
      int bits = rnd.nextInt();
      inputs[boundaries.length + i] = (i & 1) == 0 ? bits : (bits & 0x807fffff) | (rnd.nextInt(96, 146) << 23);
    }
    int[][] c = run(inputs);
    int wideMismatches = 0;
    String firstWide = "";
    for (int h = 0; h < 65536; h++) {
      int expected = Float.floatToRawIntBits(HalfFloats.f16ToFloat(h));
      if (c[0][h] != expected && wideMismatches++ == 0) {
        firstWide = String.format("f16 0x%04x: C 0x%08x, HalfFloats 0x%08x", h, c[0][h], expected);
      }
    }
    assertEquals(0, wideMismatches, firstWide);
    int narrowMismatches = 0;
    String firstNarrow = "";
    for (int i = 0; i < inputs.length; i++) {
      int expected = HalfFloats.floatToF16(Float.intBitsToFloat(inputs[i]));
      if (c[1][i] != expected && narrowMismatches++ == 0) {
        firstNarrow = String.format("f32 0x%08x: C 0x%04x, HalfFloats 0x%04x", inputs[i], c[1][i], expected);
      }
    }
    assertEquals(0, narrowMismatches, firstNarrow);
    assertTrue(boundaries.length > 8 * 0x7c00, "every fp16 interval contributes its boundary points");
  }

  @Test
  void handPickedRoundingsAreTheIeeeOnes() throws Exception {
    // Independent of HalfFloats: values whose fp16 is known by hand.
    int[] in = {Float.floatToRawIntBits(1f), Float.floatToRawIntBits(1f + 0x1p-11f), // tie to even: 0x3c00
        Float.floatToRawIntBits(1f + 3 * 0x1p-11f), Float.floatToRawIntBits(65504f), // 0x3c02, 0x7bff
        Float.floatToRawIntBits(65520f), Float.floatToRawIntBits(Math.nextDown(65520f)), // inf, 0x7bff
        Float.floatToRawIntBits(0x1p-24f), Float.floatToRawIntBits(0x1p-25f), // 0x0001, tie to 0
        Float.floatToRawIntBits(Math.nextUp(0x1p-25f)), Float.floatToRawIntBits(3 * 0x1p-25f), // 0x0001, 0x0002
        Float.floatToRawIntBits(-0f), 0xffc00000, Float.floatToRawIntBits(Float.NEGATIVE_INFINITY),
        Float.floatToRawIntBits(0x1p-14f - 0x1p-25f)}; // 0x8000, NaN 0x7e00, 0xfc00, rounds up to 0x0400
    int[] expected = {0x3c00, 0x3c00, 0x3c02, 0x7bff, 0x7c00, 0x7bff, 0x0001, 0x0000, 0x0001, 0x0002, 0x8000,
        0x7e00, 0xfc00, 0x0400};
    int[][] c = run(in);
    for (int i = 0; i < in.length; i++) {
      assertEquals(expected[i], c[1][i], String.format("f32 0x%08x", in[i]));
    }
    assertEquals(Float.floatToRawIntBits(0x1p-24f), c[0][0x0001]); // smallest subnormal
    assertEquals(Float.floatToRawIntBits(-0x3ffp-24f), c[0][0x83ff]); // largest negative subnormal
    assertEquals(0x80000000, c[0][0x8000]); // negative zero
    assertEquals(0x7f802000, c[0][0x7c01]); // NaN payload kept
  }

  @Test
  void theDriverTestsTheTextTheAcceleratorCompiles() {
    String compute = AcceleratorEmitter.sources(AcceleratorConfig.of(ArchConfigs.preset("edge-fpga"),
        FpgaPart.byName("kv260"))).get("compute.c");
    assertTrue(compute.contains(UnitSources.F16_CONVERT), "compute.c carries the conversion this test compiles");
  }
}
