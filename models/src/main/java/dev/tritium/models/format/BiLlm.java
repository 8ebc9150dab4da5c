package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.OtherColumns;
import dev.tritium.models.format.Coverage.SalientColumns;
import dev.tritium.models.format.ScaleGranularity.PerGroup;
import java.util.List;
import java.util.Optional;

/**
 * {@code billm:salient=F,block=B}: BiLLM (Huang et al. 2024) without calibration data, fp16 activations.
 * K is cut into blocks of B columns (the last may be shorter); everything below is per block.
 *
 * <ul>
 *   <li><b>Salient columns</b>: the s = min(round(F B), width) columns with the largest L2 norm over all rows
 *       (fp64 sum of squares; ties: lower column first). The Hessian proxy of the paper needs calibration
 *       data; the column norm is the data-free stand-in. Per row, residual binarisation:
 *       {@code a1 = fp16(mean|W|)}, {@code B1 = Sign(W)}, {@code R = W - a1 * B1} (fp32),
 *       {@code a2 = fp16(mean|R|)}, {@code B2 = Sign(R)}: {@code W ~ a1 B1 + a2 B2}.</li>
 *   <li><b>Other columns</b>: one break point p per block splits them into concentrated {@code |W| <= p} and
 *       sparse {@code |W| > p} weights, each binarised {@code Sign(W)} with its own per-row fp16 scale
 *       {@code fp16(mean|W|)} over the row's group in the block (0 for an empty group). p is searched over the
 *       fixed grid {@code p_j = (max * j) / 20f}, j = 1..19, max = largest |W| of the block's other weights,
 *       minimising the block's squared error {@code sum (|W| - a)^2} (fp64, with the fp16 scales); the
 *       smallest j wins a tie.</li>
 * </ul>
 * Means are fp64 sums rounded once to fp32, then to fp16. Sign(0) = -1.
 *
 * <p>Apply, per token and row: {@code x16 = fp16(x)}; {@code y = 0f}; per block in order, four fp32 sums
 * from 0f with k ascending: {@code s1 +/-= x16[k]} (B1) and {@code s2 +/-= x16[k]} (B2) over salient columns,
 * {@code sc} and {@code ss} over concentrated and sparse weights; then
 * {@code u = ((a1 * s1 + a2 * s2) + ac * sc) + as * ss} (left to right, each product rounded); {@code y = u} for the
 * first block, {@code y = y + u} for each later one.
 *
 * <p>Bits: salient planes {@code 2 N S}, S = salient columns; other plane {@code N (K - S)}; four fp16 scales
 * per row and block {@code 64 N ceil(K / B)}; masks: salient column {@code K}, concentrated/sparse
 * {@code N (K - S)}.
 */
public record BiLlm(double salient, int block) implements FormatPreset {

  /** Candidates of the break-point grid: p_j = max * j / GRID, j = 1 .. GRID - 1. */
  public static final int GRID = 20;

  public BiLlm {
    if (block <= 1) {
      throw new IllegalArgumentException("billm: block must be at least 2 columns, got " + block);
    }
    long s = Math.round(salient * block);
    if (!(salient > 0 && salient < 1) || s < 1 || s >= block) {
      throw new IllegalArgumentException("billm: salient fraction " + salient + " of a " + block
          + "-column block gives " + s + " salient columns; expected 1 to " + (block - 1));
    }
  }

  /** Salient columns per (full) block: round(F B). */
  public int salientPerBlock() {
    return (int) Math.round(salient * block);
  }

  @Override
  public String name() {
    return "billm:salient=" + salient + ",block=" + block;
  }

  @Override
  public String paper() {
    return "Huang et al. 2024, BiLLM: Pushing the Limit of Post-Training Quantization for LLMs (arXiv 2402.04291)";
  }

  @Override
  public WeightFormat format() {
    int s = salientPerBlock();
    Scale perRowBlock = new Scale(new PerGroup(block), ScaleType.FP16);
    return new WeightFormat(
        List.of(
            new Plane(PlaneKind.BINARY_PM1, new SalientColumns(s, block), List.of(perRowBlock)),
            new Plane(PlaneKind.BINARY_PM1, new SalientColumns(s, block), List.of(perRowBlock)),
            new Plane(PlaneKind.BINARY_PM1, new OtherColumns(s, block), List.of(perRowBlock, perRowBlock))),
        List.of(), Optional.empty(), Optional.empty(),
        List.of(new Mask.PerColumn("salient column"),
            new Mask.PerWeight("concentrated/sparse", new OtherColumns(s, block))),
        ActivationFormat.FP16);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    int blocks = (cols + block - 1) / block;
    boolean[] salientColumn = new boolean[cols];
    boolean[] sparse = new boolean[w.length];
    byte[] b1 = new byte[w.length];
    byte[] b2 = new byte[w.length];
    float[] a1 = new float[rows * blocks];
    float[] a2 = new float[rows * blocks];
    float[] ac = new float[rows * blocks];
    float[] as = new float[rows * blocks];
    for (int blk = 0; blk < blocks; blk++) {
      int c0 = blk * block;
      int width = Math.min(block, cols - c0);
      pickSalientColumns(w, rows, cols, c0, width, salientColumn);
      for (int r = 0; r < rows; r++) {
        residualBinarise(w, r * cols, c0, width, salientColumn, b1, b2, a1, a2, r * blocks + blk);
      }
      float p = breakPoint(w, rows, cols, c0, width, salientColumn);
      for (int r = 0; r < rows; r++) {
        double sumC = 0;
        double sumS = 0;
        int nC = 0;
        int nS = 0;
        for (int k = c0; k < c0 + width; k++) {
          if (salientColumn[k]) {
            continue;
          }
          int i = r * cols + k;
          float abs = Math.abs(w[i]);
          b1[i] = FormatMath.sign(w[i]);
          if (abs > p) {
            sparse[i] = true;
            sumS += abs;
            nS++;
          } else {
            sumC += abs;
            nC++;
          }
        }
        ac[r * blocks + blk] = ScaleType.FP16.round(FormatMath.mean(sumC, nC));
        as[r * blocks + blk] = ScaleType.FP16.round(FormatMath.mean(sumS, nS));
      }
    }
    return new Weights(rows, cols, block, salientColumn, sparse, b1, b2, a1, a2, ac, as);
  }

  private void pickSalientColumns(float[] w, int rows, int cols, int c0, int width, boolean[] salientColumn) {
    float[] norms = new float[width];
    for (int j = 0; j < width; j++) {
      double s = 0;
      for (int r = 0; r < rows; r++) {
        double v = w[r * cols + c0 + j];
        s += v * v;
      }
      // Rounding the squared norm to fp32 only feeds the ranking; ties then go to the lower column.
      norms[j] = (float) s;
    }
    for (int j : FormatMath.topIndices(norms, 0, width, Math.min(salientPerBlock(), width))) {
      salientColumn[c0 + j] = true;
    }
  }

  private static void residualBinarise(float[] w, int rowOffset, int c0, int width, boolean[] salientColumn,
      byte[] b1, byte[] b2, float[] a1, float[] a2, int scaleIndex) {
    double sum = 0;
    int count = 0;
    for (int k = c0; k < c0 + width; k++) {
      if (salientColumn[k]) {
        sum += Math.abs(w[rowOffset + k]);
        count++;
      }
    }
    float alpha1 = ScaleType.FP16.round(FormatMath.mean(sum, count));
    double sumR = 0;
    for (int k = c0; k < c0 + width; k++) {
      if (salientColumn[k]) {
        int i = rowOffset + k;
        b1[i] = FormatMath.sign(w[i]);
        sumR += Math.abs(w[i] - alpha1 * b1[i]);
      }
    }
    float alpha2 = ScaleType.FP16.round(FormatMath.mean(sumR, count));
    for (int k = c0; k < c0 + width; k++) {
      if (salientColumn[k]) {
        int i = rowOffset + k;
        b2[i] = FormatMath.sign(w[i] - alpha1 * b1[i]);
      }
    }
    a1[scaleIndex] = alpha1;
    a2[scaleIndex] = alpha2;
  }

  /** The grid point with the least squared error over the block's other weights (class comment). */
  static float breakPoint(float[] w, int rows, int cols, int c0, int width, boolean[] salientColumn) {
    float max = 0f;
    for (int r = 0; r < rows; r++) {
      for (int k = c0; k < c0 + width; k++) {
        if (!salientColumn[k]) {
          max = Math.max(max, Math.abs(w[r * cols + k]));
        }
      }
    }
    float best = (max * 1) / GRID;
    double bestError = Double.POSITIVE_INFINITY;
    for (int j = 1; j < GRID; j++) {
      float p = (max * j) / GRID;
      double error = 0;
      for (int r = 0; r < rows; r++) {
        // sum (|w| - a)^2 = sum w^2 - 2 a sum|w| + n a^2 per group, with a the stored fp16 scale.
        double[] s1 = new double[2];
        double[] s2 = new double[2];
        int[] n = new int[2];
        for (int k = c0; k < c0 + width; k++) {
          if (!salientColumn[k]) {
            double abs = Math.abs(w[r * cols + k]);
            int g = abs > p ? 1 : 0;
            s1[g] += abs;
            s2[g] += abs * abs;
            n[g]++;
          }
        }
        for (int g = 0; g < 2; g++) {
          double a = ScaleType.FP16.round(FormatMath.mean(s1[g], n[g]));
          error += s2[g] - 2 * a * s1[g] + n[g] * a * a;
        }
      }
      if (error < bestError) {
        bestError = error;
        best = p;
      }
    }
    return best;
  }

  /**
   * Masks (salient columns [K], sparse weights [N][K]), signs B1 (every weight: B1 on salient columns, the
   * group sign elsewhere) and B2 (salient columns, 0 elsewhere), and the four fp16 scales per row and block,
   * indexed {@code r * blocks + block}.
   */
  public record Weights(int rows, int cols, int block, boolean[] salientColumn, boolean[] sparse, byte[] b1,
      byte[] b2, float[] a1, float[] a2, float[] ac, float[] as) implements QuantizedMatrix {

    private int blocks() {
      return (cols + block - 1) / block;
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      float[] x16 = FormatMath.toFp16(x, tokens, cols);
      int blocks = blocks();
      float[] y = new float[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        int xo = t * cols;
        for (int r = 0; r < rows; r++) {
          float acc = 0f;
          for (int blk = 0; blk < blocks; blk++) {
            float s1 = 0f;
            float s2 = 0f;
            float sc = 0f;
            float ss = 0f;
            for (int k = blk * block; k < Math.min(cols, (blk + 1) * block); k++) {
              int i = r * cols + k;
              float v = x16[xo + k];
              if (salientColumn[k]) {
                s1 = b1[i] > 0 ? s1 + v : s1 - v;
                s2 = b2[i] > 0 ? s2 + v : s2 - v;
              } else if (sparse[i]) {
                ss = b1[i] > 0 ? ss + v : ss - v;
              } else {
                sc = b1[i] > 0 ? sc + v : sc - v;
              }
            }
            int si = r * blocks + blk;
            float term = ((a1[si] * s1 + a2[si] * s2) + ac[si] * sc) + as[si] * ss;
            acc = blk == 0 ? term : acc + term;
          }
          y[t * rows + r] = acc;
        }
      }
      return y;
    }

    /** {@code a1 B1 + a2 B2} on salient columns, {@code ac B} or {@code as B} elsewhere (fp32). */
    @Override
    public float[] dequantize() {
      int blocks = blocks();
      float[] out = new float[b1.length];
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
          int i = r * cols + k;
          int si = r * blocks + k / block;
          if (salientColumn[k]) {
            out[i] = a1[si] * b1[i] + a2[si] * b2[i];
          } else {
            out[i] = (sparse[i] ? as[si] : ac[si]) * b1[i];
          }
        }
      }
      return out;
    }
  }
}
