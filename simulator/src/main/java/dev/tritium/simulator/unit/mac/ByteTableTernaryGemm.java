package dev.tritium.simulator.unit.mac;

import dev.tritium.simulator.functional.GroupFieldLayout;
import dev.tritium.simulator.functional.WeightTileStats;

/**
 * GEMM.T for byte-aligned ternary layouts (2-bit codes, base-3, LUT g = 2 fields), straight from the
 * packed bytes: {@code acc[t][r] += sum_c W[r][c] * x[t][c]}.
 *
 * <p>Why a table: a packed byte holds P weights (4 for 2-bit, 5 for base-3). For each token and each
 * byte column j the kernel tabulates, for all 256 byte values, the dot product of the decoded P weights
 * with the token's P activations of that column; every weight byte then costs one table lookup and
 * one add instead of P decodes and P MACs. This is exact integer arithmetic, so the accumulators are
 * the same integers a MAC array computes; the array's timing is the timing model's business. Tables
 * are built for chunks of byte columns so they stay in L1 while all n rows stream past.
 *
 * <p>{@link #scan} validates every field a real weight lives in (an index of 3^g or more is a
 * corrupted tile), checks that row padding is weight 0 / zero bits, and counts the +1/-1/0 weights;
 * it must run before {@link #multiply}, which trusts the codes and ignores positions past k.
 */
public final class ByteTableTernaryGemm {

  /** Byte columns per table chunk: 64 x 256 int16 entries = 32 KiB. */
  private static final int CHUNK_BYTES = 64;
  private static final int COUNT_BITS = 21;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  /** Rows longer than this many weights could overflow a 21-bit per-row count field. */
  static final int MAX_K = 1 << 20;

  private final GroupFieldLayout layout;
  private final int fieldsPerByte;
  private final int weightsPerByte;
  private final int fieldMask;
  /** Per byte value: +1 count, -1 count << 21, invalid-field count << 42. */
  private final long[] byteCounts = new long[256];
  /** Per byte value and position: decoded weight (0 for invalid fields). */
  private final byte[] byteWeights;
  private final boolean[] fieldValid;

  public ByteTableTernaryGemm(GroupFieldLayout layout) {
    if (!layout.byteAligned()) {
      throw new IllegalArgumentException("layout " + layout.name() + " has " + layout.fieldBits()
          + "-bit fields, which do not tile a byte; GEMM.T needs a byte-aligned packing");
    }
    this.layout = layout;
    this.fieldsPerByte = 8 / layout.fieldBits();
    this.weightsPerByte = fieldsPerByte * layout.groupSize();
    this.fieldMask = (1 << layout.fieldBits()) - 1;
    this.byteWeights = new byte[256 * weightsPerByte];
    this.fieldValid = new boolean[1 << layout.fieldBits()];
    for (int idx = 0; idx < fieldValid.length; idx++) {
      fieldValid[idx] = idx < layout.indexCount();
    }
    for (int b = 0; b < 256; b++) {
      long plus = 0;
      long minus = 0;
      long invalid = 0;
      for (int f = 0; f < fieldsPerByte; f++) {
        int idx = field(b, f);
        if (!fieldValid[idx]) {
          invalid++;
          continue;
        }
        for (int i = 0; i < layout.groupSize(); i++) {
          int w = layout.weight(idx, i);
          byteWeights[b * weightsPerByte + f * layout.groupSize() + i] = (byte) w;
          plus += w == 1 ? 1 : 0;
          minus += w == -1 ? 1 : 0;
        }
      }
      byteCounts[b] = plus | minus << COUNT_BITS | invalid << (2 * COUNT_BITS);
    }
  }

  public GroupFieldLayout layout() {
    return layout;
  }

  /** Weights per packed byte: 4 for 2-bit codes, 5 for base-3. */
  public int weightsPerByte() {
    return weightsPerByte;
  }

  private int field(int byteValue, int f) {
    return (byteValue >>> (f * layout.fieldBits())) & fieldMask;
  }

  /**
   * Validates and counts a tile of n packed rows of k weights, row r starting at
   * {@code w[wOff + r * rowStride]}. Throws, naming the row, group and byte, on an invalid code.
   *
   * @param where prefix for error messages (instruction and buffer)
   */
  public WeightTileStats scan(byte[] w, int wOff, int rowStride, int n, int k, String where) {
    checkK(k);
    int fullBytes = k / weightsPerByte;
    int tail = k % weightsPerByte;
    long plus = 0;
    long minus = 0;
    for (int r = 0; r < n; r++) {
      int base = wOff + r * rowStride;
      long s = 0;
      for (int j = 0; j < fullBytes; j++) {
        s += byteCounts[w[base + j] & 0xff];
      }
      if ((s >>> (2 * COUNT_BITS)) != 0) {
        throw invalid(w, base, r, fullBytes, where);
      }
      plus += s & COUNT_MASK;
      minus += (s >>> COUNT_BITS) & COUNT_MASK;
      if (tail > 0) {
        int b = w[base + fullBytes] & 0xff;
        checkTailByte(b, tail, base + fullBytes, r, fullBytes * fieldsPerByte, where);
        for (int q = 0; q < tail; q++) {
          int wv = byteWeights[b * weightsPerByte + q];
          plus += wv == 1 ? 1 : 0;
          minus += wv == -1 ? 1 : 0;
        }
      }
    }
    long total = (long) n * k;
    return new WeightTileStats(plus, minus, total - plus - minus);
  }

  /**
   * Decodes a tile of n packed rows of k weights (row r at {@code w[wOff + r * rowStride]}) into
   * {@code out[r * k + c]} in -1/0/+1, one table lookup per packed byte. Invalid codes decode as 0:
   * call {@link #scan} to reject them.
   */
  public void decode(byte[] w, int wOff, int rowStride, int n, int k, byte[] out) {
    checkK(k);
    for (int r = 0; r < n; r++) {
      int base = wOff + r * rowStride;
      int o = r * k;
      for (int c0 = 0; c0 < k; c0 += weightsPerByte) {
        int from = (w[base + c0 / weightsPerByte] & 0xff) * weightsPerByte;
        System.arraycopy(byteWeights, from, out, o + c0, Math.min(weightsPerByte, k - c0));
      }
    }
  }

  /**
   * The last byte of a row holds only {@code tail} real weights: its real fields must be valid codes,
   * padding weights inside them must be 0 and fields wholly past k must hold the all-zero group's code
   * (every trit digit 1: code 1 for 2-bit, index 4 for LUT g=2; models/README.md),
   * so that no stored bit can change silently.
   */
  private void checkTailByte(int b, int tail, int addr, int row, int firstGroup, String where) {
    int g = layout.groupSize();
    for (int f = 0; f < fieldsPerByte; f++) {
      int idx = field(b, f);
      int firstWeight = f * g;
      if (firstWeight >= tail) {
        if (idx != layout.paddingIndex()) {
          throw new IllegalArgumentException(where + ": padding field " + (firstGroup + f) + " of row " + row
              + " (byte at address " + addr + ") holds " + idx + ", expected "
              + (layout.binary() ? "padding bits 0" : "the all-zero group's code " + layout.paddingIndex()));
        }
        continue;
      }
      if (!fieldValid[idx]) {
        throw invalidCode(addr, row, firstGroup + f, idx, where);
      }
      for (int i = tail - firstWeight; i < g; i++) {
        if (layout.weight(idx, i) != 0) {
          throw new IllegalArgumentException(where + ": padding weight " + i + " of group " + (firstGroup + f)
              + " of row " + row + " (byte at address " + addr + ") is " + layout.weight(idx, i) + ", expected 0");
        }
      }
    }
  }

  private IllegalArgumentException invalid(byte[] w, int base, int row, int fullBytes, String where) {
    for (int j = 0; j < fullBytes; j++) {
      int b = w[base + j] & 0xff;
      for (int f = 0; f < fieldsPerByte; f++) {
        if (!fieldValid[field(b, f)]) {
          return invalidCode(base + j, row, j * fieldsPerByte + f, field(b, f), where);
        }
      }
    }
    throw new IllegalStateException("invalid field counted but not found in row " + row);
  }

  private IllegalArgumentException invalidCode(int byteAddr, int row, int group, int index, String where) {
    return new IllegalArgumentException(where + ": packed weight byte at address " + byteAddr + " (row " + row
        + ", group " + group + ") holds index " + index + ", not a valid " + layout.name() + " code (0.."
        + (layout.indexCount() - 1) + ")");
  }

  private static void checkK(int k) {
    if (k <= 0 || k > MAX_K) {
      throw new IllegalArgumentException("GEMM.T k must be 1.." + MAX_K + ", got " + k);
    }
  }

  /**
   * {@code acc[t * n + r] += sum_c W[r][c] * x[xOff + t * xStride + c]} for t < m, r < n, c < k.
   * Call {@link #scan} on the same tile first: this trusts the codes.
   */
  public void multiply(byte[] w, int wOff, int rowStride, byte[] x, int xOff, int xStride, int[] acc, int m,
      int n, int k) {
    checkK(k);
    int usedBytes = (k + weightsPerByte - 1) / weightsPerByte;
    short[] table = new short[CHUNK_BYTES * 256];
    int[] group = new int[fieldMask + 1];
    int[] xs = new int[weightsPerByte];
    for (int c0 = 0; c0 < usedBytes; c0 += CHUNK_BYTES) {
      int cb = Math.min(CHUNK_BYTES, usedBytes - c0);
      for (int t = 0; t < m; t++) {
        int xRow = xOff + t * xStride;
        for (int j = 0; j < cb; j++) {
          int col0 = (c0 + j) * weightsPerByte;
          for (int q = 0; q < weightsPerByte; q++) {
            xs[q] = col0 + q < k ? x[xRow + col0 + q] : 0;
          }
          buildByteTable(xs, group, table, j << 8);
        }
        int accRow = t * n;
        for (int r = 0; r < n; r++) {
          int base = wOff + r * rowStride + c0;
          int s = 0;
          for (int j = 0; j < cb; j++) {
            s += table[(j << 8) | (w[base + j] & 0xff)];
          }
          acc[accRow + r] += s;
        }
      }
    }
  }

  /** table[at + b] = sum_q weight(b, q) * xs[q] for all 256 byte values; invalid fields contribute 0. */
  private void buildByteTable(int[] xs, int[] group, short[] table, int at) {
    int g = layout.groupSize();
    int fb = layout.fieldBits();
    for (int f = 0; f < fieldsPerByte; f++) {
      groupTable(xs, f * g, group);
      if (f == 0) {
        for (int c = 0; c <= fieldMask; c++) {
          table[at + c] = (short) group[c];
        }
      } else {
        int low = 1 << (f * fb);
        // Descending c so that c = 0 (in place) reads the lower part last.
        for (int c = fieldMask; c >= 0; c--) {
          int gc = group[c];
          int dst = at + (c << (f * fb));
          for (int rr = 0; rr < low; rr++) {
            table[dst + rr] = (short) (table[at + rr] + gc);
          }
        }
      }
    }
  }

  /**
   * group[idx] = sum_i weight(idx, i) * xs[first + i] for every valid index, 0 for invalid ones: built
   * digit by digit, S_{p+1}[d 3^p + r] = S_p[r] + (d - 1) x_(weight at digit p).
   */
  private void groupTable(int[] xs, int first, int[] group) {
    int g = layout.groupSize();
    if (layout.binary()) {
      binaryGroupTable(xs, first, group);
      return;
    }
    int size = 1;
    group[0] = 0;
    for (int p = 0; p < g; p++) {
      int i = layout.firstMostSignificant() ? g - 1 - p : p;
      int xv = xs[first + i];
      for (int r = 0; r < size; r++) {
        int v = group[r];
        group[2 * size + r] = v + xv;
        group[size + r] = v;
        group[r] = v - xv;
      }
      size *= 3;
    }
    for (int idx = size; idx <= fieldMask; idx++) {
      group[idx] = 0;
    }
  }

  /** The binary layout's table: bit d of an index is weight 2d - 1, so S_{p+1}[d 2^p + r] = S_p[r] + (2d - 1) x. */
  private void binaryGroupTable(int[] xs, int first, int[] group) {
    int g = layout.groupSize();
    int size = 1;
    group[0] = 0;
    for (int p = 0; p < g; p++) {
      int i = layout.firstMostSignificant() ? g - 1 - p : p;
      int xv = xs[first + i];
      for (int r = 0; r < size; r++) {
        int v = group[r];
        group[size + r] = v + xv;
        group[r] = v - xv;
      }
      size *= 2;
    }
  }
}
