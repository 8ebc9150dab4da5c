package dev.tritium.mapper.fp16act;

import dev.tritium.isa.SfGate;
import dev.tritium.mapper.fp16act.FloatLinearPlan.SignPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BiLLM's four sign planes as the format stores them: two sign bits per weight and one mask bit per column, read by
 * gated GEMM.SF on a MAC array with mask decoders (CFG SF_GATE), instead of four ternary planes.
 *
 * <p>Stored per weight: {@code P} (bit 1 = +1), the first binarisation's sign everywhere; {@code Q}, on a salient
 * column the residual binarisation's sign, elsewhere the group bit (1 = sparse group). Per column: {@code C} (1 =
 * salient). The plan's planes are then: 0 = P where C (gate C = 1), 1 = Q as signs where C (C = 1), 2 = P where not C
 * and Q = 0 (concentrated: C = 0, M = 0 with M = Q), 3 = P where not C and Q = 1 (sparse: C = 0, M = 1). Each gated
 * sum adds the same weights in the same k order as the ternary plane, so the results are the same bits.
 *
 * @param rows N
 * @param cols K
 * @param p the first sign bits [N][K] (true = +1)
 * @param q the second bits [N][K]
 * @param c the column mask [K]
 */
public record MaskedSigns(int rows, int cols, boolean[] p, boolean[] q, boolean[] c) {

  /** The gates of the four planes, in plane order. */
  public static final List<SfGate> GATES = List.of(new SfGate(true, true, false, false),
      new SfGate(true, true, false, false), new SfGate(true, false, true, false), new SfGate(true, false, true, true));

  /** Which stored sign bits plane i reads: 0 = P, 1 = Q. */
  public static int signsOf(int plane) {
    return plane == 1 ? 1 : 0;
  }

  /**
   * The stored form of a plan whose four planes have BiLLM's shape (planes 0 and 1 nonzero exactly on the same whole
   * columns, planes 2 and 3 splitting every other weight between them); empty for any other plan.
   */
  public static Optional<MaskedSigns> of(FloatLinearPlan plan) {
    if (plan.planes().size() != 4) {
      return Optional.empty();
    }
    int n = plan.rows();
    int k = plan.cols();
    byte[] s1 = plan.planes().get(0).values();
    byte[] s2 = plan.planes().get(1).values();
    byte[] sc = plan.planes().get(2).values();
    byte[] ss = plan.planes().get(3).values();
    boolean[] c = new boolean[k];
    for (int j = 0; j < k; j++) {
      c[j] = s1[j] != 0;
    }
    boolean[] p = new boolean[n * k];
    boolean[] q = new boolean[n * k];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        int i = r * k + j;
        if (c[j]) {
          if (s1[i] == 0 || s2[i] == 0 || sc[i] != 0 || ss[i] != 0) {
            return Optional.empty();
          }
          p[i] = s1[i] > 0;
          q[i] = s2[i] > 0;
        } else {
          if (s1[i] != 0 || s2[i] != 0 || (sc[i] != 0) == (ss[i] != 0)) {
            return Optional.empty();
          }
          p[i] = (sc[i] != 0 ? sc[i] : ss[i]) > 0;
          q[i] = ss[i] != 0;
        }
      }
    }
    return Optional.of(new MaskedSigns(n, k, p, q, c));
  }

  /** The four planes these bits stand for, with the given scales (plane order of {@link #GATES}). */
  public List<SignPlane> planes(List<SignPlane> scalesFrom) {
    List<SignPlane> out = new ArrayList<>();
    for (int plane = 0; plane < 4; plane++) {
      byte[] v = new byte[rows * cols];
      SfGate gate = GATES.get(plane);
      boolean[] signs = signsOf(plane) == 0 ? p : q;
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < cols; j++) {
          int i = r * cols + j;
          if (gate.passes(c[j], q[i])) {
            v[i] = (byte) (signs[i] ? 1 : -1);
          }
        }
      }
      out.add(new SignPlane(v, scalesFrom.get(plane).scales()));
    }
    return out;
  }

  /** The same bits with column {@code j}'s mask flipped. */
  public MaskedSigns withColumnFlipped(int j) {
    boolean[] flipped = c.clone();
    flipped[j] = !flipped[j];
    return new MaskedSigns(rows, cols, p, q, flipped);
  }

  /** Bytes of one stored tile of {@code n} rows and {@code k} columns: P rows, Q rows (SIGN_BITS), then C. */
  public static long tileBytes(long n, long k) {
    return 2 * n * ((k + 7) / 8) + (k + 7) / 8;
  }

  /** The WGT offset of the mask section (Q rows, then C) in a tile of n rows and k columns. */
  public static long maskOffset(long n, long k) {
    return n * ((k + 7) / 8);
  }

  /**
   * Rows [r0, r0 + n) and columns [c0, c0 + k) as stored: P rows then Q rows in SIGN_BITS (column j at bit j%8 of byte
   * j/8 of its row), then the column mask (same bit order).
   */
  public byte[] tile(int r0, int n, int c0, int k) {
    int rowBytes = (k + 7) / 8;
    byte[] out = new byte[Math.toIntExact(tileBytes(n, k))];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        int i = (r0 + r) * cols + c0 + j;
        if (p[i]) {
          out[r * rowBytes + j / 8] |= (byte) (1 << (j % 8));
        }
        if (q[i]) {
          out[(n + r) * rowBytes + j / 8] |= (byte) (1 << (j % 8));
        }
      }
    }
    for (int j = 0; j < k; j++) {
      if (c[c0 + j]) {
        out[2 * n * rowBytes + j / 8] |= (byte) (1 << (j % 8));
      }
    }
    return out;
  }
}
