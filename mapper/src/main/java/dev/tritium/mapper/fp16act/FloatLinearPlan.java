package dev.tritium.mapper.fp16act;

import dev.tritium.models.format.BiLlm;
import dev.tritium.models.format.OneBit;
import dev.tritium.models.format.Outliers.IndexEncoding;
import dev.tritium.models.format.PbLlm;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.format.TernaryLlm;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One linear layer of a weight format with fp16 activations (OneBit, PB-LLM, BiLLM, TernaryLLM), in the one shape
 * the accelerator computes them all with. K is cut into groups of {@code group} columns (the last may be shorter);
 * per token and group:
 *
 * <ol>
 *   <li>{@code x16 = fp16(x)} (VEC.ROUND_F16), times {@code inputScale} per column when present (OneBit's b);</li>
 *   <li>one sign sum per plane {@code s_p = sum_k w_p[k] (.) x16[k]} (GEMM.SF: fp32, k ascending, zeros skipped; on the
 *       LUT core, LUT.BUILD.F16 / LUT.GEMM.F16: fp16 entries of g columns summed in fp32, see {@link SignSumOrder});</li>
 *   <li>the outlier sum {@code so = sum q x16[col]} (GEMM.SP), when the format has outliers (one group only);</li>
 *   <li>{@code u = scale_0 * s_0}, then {@code u = u + scale_p * s_p} for each later plane, then
 *       {@code u = u + outlierScale * so}, then {@code u = u + shift * sum(x16 of the group)} (that sum a sign sum of
 *       all +1 weights, in the same order as the planes')
 *       (VEC.MUL_ROW / OUTER, each product rounded before its add);</li>
 *   <li>{@code y = u} for the first group, {@code y = y + u} for each later one (VEC.ADD).</li>
 * </ol>
 *
 * This is exactly the op order each format's reference states (models.format): the adapters in {@link #of} only
 * rearrange the stored data (planes with zeros outside a plane's subset, scales as per-group vectors over rows).
 *
 * @param name the format's name
 * @param rows N
 * @param cols K
 * @param group G (K for a format with one scale set per row)
 * @param planes the sign planes, each with its scale vector per group
 * @param outliers the sparse int8 weights and their scale vector (PB-LLM), only when {@code group == cols}
 * @param inputScale a fp32 factor per input column applied to x16 before the planes (OneBit's b), or empty
 * @param shift a per-group vector over rows multiplying the group's sum of x16 (TernaryLLM's gamma), or empty
 */
public record FloatLinearPlan(String name, int rows, int cols, int group, List<SignPlane> planes,
    Optional<Outliers> outliers, Optional<float[]> inputScale, Optional<float[][]> shift) {

  public FloatLinearPlan {
    Objects.requireNonNull(name, "name");
    planes = List.copyOf(planes);
    if (rows < 1 || cols < 1 || group < 1 || group > cols || planes.isEmpty()) {
      throw new IllegalArgumentException(name + ": needs rows, cols, 1 <= group <= cols and a plane, got " + rows + "x"
          + cols + " group " + group + ", " + planes.size() + " planes");
    }
    if (outliers.isPresent() && group != cols) {
      throw new IllegalArgumentException(name + ": outliers need one group over all K");
    }
    inputScale.ifPresent(b -> require(b.length == cols, "input scale of " + b.length + " values for K = " + cols));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The plan's outputs y [tokens][N] for x [tokens][K] (fp32, rounded to fp16 here), in the op order above with every
   * sign sum (and the shift's group sum) taken in {@code order}: {@link SignSumOrder.MacKOrder} is each format's
   * reference order, {@link SignSumOrder.LutFp16Tables} the LUT core's.
   */
  public float[] evaluate(float[] x, int tokens, SignSumOrder order) {
    return PlanEvaluation.evaluate(this, x, tokens, order);
  }

  /** Groups along K: ceil(K / G). */
  public int groups() {
    return (cols + group - 1) / group;
  }

  /** Columns of group g (the last may be shorter). */
  public int groupWidth(int g) {
    return Math.min(group, cols - g * group);
  }

  /**
   * A sign plane: weights in {-1, 0, +1} ([N][K] row-major; 0 where the plane does not apply) and its scale per
   * group and row ({@code scales[g][row]}).
   */
  public record SignPlane(byte[] values, float[][] scales) {

    /** True when the plane has no zero: it fits the 1-bit SIGN_BITS packing. */
    public boolean binary() {
      for (byte v : values) {
        if (v == 0) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Sparse int8 weights in CSR by output row: row r's entries are {@code [rowStart[r], rowStart[r + 1])}, columns
   * ascending (the reference's k order), with their fp32 scale per row. {@code bitmap}: the format indexes them by a
   * bitmap (one bit per weight), which the accelerator can keep as stored ({@link MaskedSigns}); otherwise CSR.
   */
  public record Outliers(int[] rowStart, int[] columns, byte[] q, float[] scale, boolean bitmap) {

    /** Entries of rows [from, to). */
    public int entries(int from, int to) {
      return rowStart[to] - rowStart[from];
    }
  }

  /**
   * The plan of a quantized matrix whose format has fp16 activations.
   *
   * @throws IllegalArgumentException naming the format when it is not one of the four
   */
  public static FloatLinearPlan of(String name, QuantizedMatrix m) {
    if (m instanceof OneBit.Weights w) {
      return oneBit(name, w);
    }
    if (m instanceof PbLlm.Weights w) {
      return pbLlm(name, w);
    }
    if (m instanceof TernaryLlm.Weights w) {
      return ternaryLlm(name, w);
    }
    if (m instanceof BiLlm.Weights w) {
      return biLlm(name, w);
    }
    throw new IllegalArgumentException("weight format '" + name + "' does not take fp16 activations on the"
        + " accelerator's sign-add path (GEMM.SF): that path runs onebit, pb-llm, billm and ternaryllm");
  }

  /** y = (sum_k sign (.) (x16 b)) * a: one plane, one group, the scale a per row. */
  private static FloatLinearPlan oneBit(String name, OneBit.Weights w) {
    return new FloatLinearPlan(name, w.rows(), w.cols(), w.cols(),
        List.of(new SignPlane(w.signs(), new float[][] {w.a().clone()})), Optional.empty(),
        Optional.of(w.b().clone()), Optional.empty());
  }

  /** y = (sb * alpha) + (so * delta): the binary plane without the salient positions, then the int8 outliers. */
  private static FloatLinearPlan pbLlm(String name, PbLlm.Weights w) {
    int n = w.rows();
    int k = w.cols();
    byte[] plane = new byte[n * k];
    int[] rowStart = new int[n + 1];
    List<Integer> cols = new ArrayList<>();
    List<Byte> qs = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < k; c++) {
        int i = r * k + c;
        if (w.salient()[i]) {
          cols.add(c);
          qs.add(w.q()[i]);
        } else {
          plane[i] = w.signs()[i];
        }
      }
      rowStart[r + 1] = cols.size();
    }
    int[] columns = cols.stream().mapToInt(Integer::intValue).toArray();
    byte[] q = new byte[qs.size()];
    for (int i = 0; i < q.length; i++) {
      q[i] = qs.get(i);
    }
    return new FloatLinearPlan(name, n, k, k, List.of(new SignPlane(plane, new float[][] {filled(n, w.alpha())})),
        Optional.of(new Outliers(rowStart, columns, q, filled(n, w.delta()), w.index() == IndexEncoding.BITMAP)),
        Optional.empty(), Optional.empty());
  }

  /** Per group: (alpha * t) + (gamma * sum x16). */
  private static FloatLinearPlan ternaryLlm(String name, TernaryLlm.Weights w) {
    int groups = (w.cols() + w.group() - 1) / w.group();
    // A layer narrower than the format's group (K < G) is one group of K columns, as the reference groups it.
    return new FloatLinearPlan(name, w.rows(), w.cols(), Math.min(w.group(), w.cols()),
        List.of(new SignPlane(w.t(), byGroup(w.alpha(), w.rows(), groups))), Optional.empty(), Optional.empty(),
        Optional.of(byGroup(w.gamma(), w.rows(), groups)));
  }

  /** Per block: ((a1 s1 + a2 s2) + ac sc) + as ss, the four sums over the salient, concentrated and sparse parts. */
  private static FloatLinearPlan biLlm(String name, BiLlm.Weights w) {
    int n = w.rows();
    int k = w.cols();
    int blocks = (k + w.block() - 1) / w.block();
    byte[] s1 = new byte[n * k];
    byte[] s2 = new byte[n * k];
    byte[] sc = new byte[n * k];
    byte[] ss = new byte[n * k];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < k; c++) {
        int i = r * k + c;
        if (w.salientColumn()[c]) {
          s1[i] = w.b1()[i];
          s2[i] = w.b2()[i];
        } else if (w.sparse()[i]) {
          ss[i] = w.b1()[i];
        } else {
          sc[i] = w.b1()[i];
        }
      }
    }
    return new FloatLinearPlan(name, n, k, Math.min(w.block(), k), List.of(
        new SignPlane(s1, byGroup(w.a1(), n, blocks)), new SignPlane(s2, byGroup(w.a2(), n, blocks)),
        new SignPlane(sc, byGroup(w.ac(), n, blocks)), new SignPlane(ss, byGroup(w.as(), n, blocks))),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static float[] filled(int n, float v) {
    float[] out = new float[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  /** {@code [row * groups + g]} to {@code [g][row]}. */
  private static float[][] byGroup(float[] perRowAndGroup, int rows, int groups) {
    float[][] out = new float[groups][rows];
    for (int r = 0; r < rows; r++) {
      for (int g = 0; g < groups; g++) {
        out[g][r] = perRowAndGroup[r * groups + g];
      }
    }
    return out;
  }
}
