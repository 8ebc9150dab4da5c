package dev.tritium.simulator.functional;

import java.util.SplittableRandom;

/**
 * The tests' own packer, written from the layout tables in models/README.md (not from the simulator's
 * decoders, and not importing models), plus naive reference products.
 */
public final class TestPacking {

  private TestPacking() {}

  /** Packs W [n][k] (values -1/0/+1) into groups of g, fieldBits per field, LSB-first, rows byte-aligned. */
  public static byte[] packGroups(byte[] w, int n, int k, int g, int fieldBits, boolean firstMostSignificant) {
    int groups = (k + g - 1) / g;
    int rowBytes = (groups * fieldBits + 7) / 8;
    byte[] out = new byte[n * rowBytes];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < groups; j++) {
        int index = 0;
        for (int d = g - 1; d >= 0; d--) { // Horner, most significant digit first
          int i = firstMostSignificant ? g - 1 - d : d;
          int col = j * g + i;
          int digit = col < k ? w[r * k + col] + 1 : 1;
          index = index * 3 + digit;
        }
        writeBits(out, (long) r * rowBytes * 8 + (long) j * fieldBits, fieldBits, index);
      }
      {
        // models/README.md: whole spare field slots hold the all-zero group's code.
        int zeroGroup = 0;
        for (int i = 0; i < g; i++) {
          zeroGroup = zeroGroup * 3 + 1;
        }
        for (int j = groups; j < rowBytes * 8 / fieldBits; j++) {
          writeBits(out, (long) r * rowBytes * 8 + (long) j * fieldBits, fieldBits, zeroGroup);
        }
      }
    }
    return out;
  }

  /** TL2 mirror layout: magnitudes |v| (4 bits for g = 3) then sign bits, each section byte-padded. */
  static byte[] packMirror(byte[] w, int n, int k, int g) {
    int groups = (k + g - 1) / g;
    int pow3 = (int) Math.pow(3, g);
    int magBits = 32 - Integer.numberOfLeadingZeros((pow3 + 1) / 2 - 1);
    int magBytes = (groups * magBits + 7) / 8;
    int rowBytes = magBytes + (groups + 7) / 8;
    byte[] out = new byte[n * rowBytes];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < groups; j++) {
        int v = 0;
        for (int i = 0; i < g; i++) {
          int col = j * g + i;
          v = v * 3 + (col < k ? w[r * k + col] : 0);
        }
        writeBits(out, (long) r * rowBytes * 8 + (long) j * magBits, magBits, Math.abs(v));
        writeBits(out, ((long) r * rowBytes + magBytes) * 8 + j, 1, v < 0 ? 1 : 0);
      }
    }
    return out;
  }

  /**
   * Bit planes: per row, plane 0 then plane 1 of t = w + 1, ceil(k/8) bytes each, column c at bit c%8
   * of byte c/8; padding columns hold t = 1 (plane-0 bit set).
   */
  static byte[] packPlanes(byte[] w, int n, int k) {
    int planeBytes = (k + 7) / 8;
    byte[] out = new byte[n * 2 * planeBytes];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < planeBytes * 8; c++) {
        int t = c < k ? w[r * k + c] + 1 : 1;
        writeBits(out, (long) r * 2 * planeBytes * 8 + c, 1, t & 1);
        writeBits(out, ((long) r * 2 + 1) * planeBytes * 8 + c, 1, t >>> 1);
      }
    }
    return out;
  }

  static void writeBits(byte[] buf, long bitPos, int width, int value) {
    for (int b = 0; b < width; b++) {
      long p = bitPos + b;
      if ((value >>> b & 1) != 0) {
        buf[(int) (p >>> 3)] |= (byte) (1 << (p & 7));
      }
    }
  }

  public static byte[] randomTernary(SplittableRandom rnd, int count) {
    byte[] w = new byte[count];
    for (int i = 0; i < count; i++) {
      w[i] = (byte) (rnd.nextInt(3) - 1);
    }
    return w;
  }

  public static byte[] randomInt8(SplittableRandom rnd, int count) {
    byte[] x = new byte[count];
    for (int i = 0; i < count; i++) {
      x[i] = (byte) rnd.nextInt(-128, 128);
    }
    return x;
  }

  /** acc[t][r] = sum_c w[r][c] * x[t][c], the plain definition. */
  public static int[] naiveProduct(byte[] w, byte[] x, int m, int n, int k) {
    int[] acc = new int[m * n];
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        int s = 0;
        for (int c = 0; c < k; c++) {
          s += w[r * k + c] * x[t * k + c];
        }
        acc[t * n + r] = s;
      }
    }
    return acc;
  }
}
