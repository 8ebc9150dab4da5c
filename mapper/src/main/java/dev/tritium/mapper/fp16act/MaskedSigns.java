package dev.tritium.mapper.fp16act;

import dev.tritium.isa.SfGate;
import dev.tritium.mapper.fp16act.FloatLinearPlan.SignPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A format's sign planes as the format stores them: two bits per weight and one bit per column, read by gated GEMM.SF
 * on a MAC array with mask decoders (CFG SF_GATE), instead of one ternary plane per subset.
 *
 * <p>Stored per tile: P rows, Q rows (SIGN_BITS layout), then the column mask C; the mask section at SF_MASK_ADDR is
 * Q and C, so a gate's row mask M is Q. Plane i is the sign bits {@link #signs}(i) (0 = P, 1 = Q) where
 * {@link #gates}(i) passes, 0 elsewhere. Each gated sum adds the same weights in the same k order as the ternary plane,
 * so the results are the same bits.
 *
 * <ul>
 *   <li>BiLLM: P the first binarisation's sign everywhere; Q on a salient column the residual sign, elsewhere the group
 *       bit (1 = sparse); C = salient. Planes: P where C (gate 3), Q where C (3), P where not C and Q = 0 (5), P where
 *       not C and Q = 1 (13).</li>
 *   <li>PB-LLM with a bitmap index: P the binary sign (0 at the salient positions), Q the bitmap of salient positions,
 *       C empty. Plane: P where Q = 0 (gate 4); GEMM.SP reads Q as its bitmap index ({@link #bitmapOutliers}) and the
 *       int8 values in order.</li>
 * </ul>
 *
 * @param rows N
 * @param cols K
 * @param p the first sign bits [N][K] (true = +1)
 * @param q the second bits [N][K]
 * @param c the column mask [K]
 * @param gates each plane's gate
 * @param signs each plane's sign bits: 0 = P, 1 = Q
 * @param bitmapOutliers Q is also the outliers' bitmap index (GEMM.SP with SPARSE_BITMAP_ADDR)
 */
public record MaskedSigns(int rows, int cols, boolean[] p, boolean[] q, boolean[] c, List<SfGate> gates,
    List<Integer> signs, boolean bitmapOutliers) {

  private static final SfGate SALIENT = new SfGate(true, true, false, false);
  private static final SfGate CONCENTRATED = new SfGate(true, false, true, false);
  private static final SfGate SPARSE = new SfGate(true, false, true, true);
  private static final SfGate NOT_OUTLIER = new SfGate(false, false, true, false);

  /** The stored form of a plan of BiLLM's or PB-LLM's (bitmap index) shape; empty for any other plan. */
  public static Optional<MaskedSigns> of(FloatLinearPlan plan) {
    Optional<MaskedSigns> biLlm = biLlm(plan);
    return biLlm.isPresent() ? biLlm : bitmapOutliers(plan);
  }

  /**
   * Planes 0 and 1 nonzero exactly on the same whole columns, planes 2 and 3 splitting every other weight between
   * them.
   */
  private static Optional<MaskedSigns> biLlm(FloatLinearPlan plan) {
    if (plan.planes().size() != 4 || plan.outliers().isPresent()) {
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
    return Optional.of(new MaskedSigns(n, k, p, q, c, List.of(SALIENT, SALIENT, CONCENTRATED, SPARSE),
        List.of(0, 1, 0, 0), false));
  }

  /** One plane, outliers indexed by a bitmap, and the plane's zeros exactly at the outliers. */
  private static Optional<MaskedSigns> bitmapOutliers(FloatLinearPlan plan) {
    if (plan.planes().size() != 1 || plan.outliers().isEmpty() || !plan.outliers().get().bitmap()
        || plan.shift().isPresent() || plan.inputScale().isPresent()) {
      return Optional.empty();
    }
    int n = plan.rows();
    int k = plan.cols();
    FloatLinearPlan.Outliers o = plan.outliers().get();
    boolean[] q = new boolean[n * k];
    for (int r = 0; r < n; r++) {
      for (int e = o.rowStart()[r]; e < o.rowStart()[r + 1]; e++) {
        q[r * k + o.columns()[e]] = true;
      }
    }
    byte[] plane = plan.planes().get(0).values();
    boolean[] p = new boolean[n * k];
    for (int i = 0; i < n * k; i++) {
      if ((plane[i] == 0) != q[i]) {
        return Optional.empty();
      }
      p[i] = plane[i] > 0;
    }
    return Optional.of(new MaskedSigns(n, k, p, q, new boolean[k], List.of(NOT_OUTLIER), List.of(0), true));
  }

  /**
   * Whether a format's planes have a stored masked form (BiLLM, PB-LLM with a bitmap index), judged on a small seeded
   * layer of it: the shape, not the values, decides.
   */
  public static boolean storesMasks(dev.tritium.models.format.FormatPreset format) {
    return of(FloatLinearPlan.of(format.name(), FloatLinearCrossCheck.weights(format, 8, 256, 1, 1))).isPresent();
  }

  /** The planes these bits stand for, with the given planes' scales. */
  public List<SignPlane> planes(List<SignPlane> scalesFrom) {
    List<SignPlane> out = new ArrayList<>();
    for (int plane = 0; plane < gates.size(); plane++) {
      byte[] v = new byte[rows * cols];
      SfGate gate = gates.get(plane);
      boolean[] bits = signs.get(plane) == 0 ? p : q;
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < cols; j++) {
          int i = r * cols + j;
          if (gate.passes(c[j], q[i])) {
            v[i] = (byte) (bits[i] ? 1 : -1);
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
    return new MaskedSigns(rows, cols, p, q, flipped, gates, signs, bitmapOutliers);
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
