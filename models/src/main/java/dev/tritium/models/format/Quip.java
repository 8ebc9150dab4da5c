package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.Rotation.Mode;
import dev.tritium.models.format.Rotation.Where;
import dev.tritium.models.format.ScaleGranularity.PerRow;
import java.util.List;
import java.util.Optional;

/**
 * {@code quip-w2}: QuIP (Chee et al. 2023), 2-bit weights after incoherence processing, fp16 activations
 * (weight-only). The random orthogonal matrices are seeded randomized Hadamard matrices
 * {@code U = H_N D_U / sqrt(b_N)} and {@code V = H_K D_V / sqrt(b_K)} (D: diagonal random signs, seeds
 * {@link #SEED_U} and {@link #SEED_V}; H_n the {@link Hadamard} transform of size n, block-diagonal with
 * slices of {@code b_n} = the largest power of two dividing n; for powers of two {@code b_n = n}).
 *
 * <p>Quantizer: {@code W~ = U W V^T = H_N D_U W D_V H_K / sqrt(b_N b_K)} in fp64 (fast transforms along rows, then
 * columns), rounded to fp32; then per row the asymmetric 2-bit {@link IntGrid} (fp16 step, 2-bit zero-point),
 * rounding to nearest: QuIP's LDLQ with no calibration Hessian (H = I) is nearest rounding.
 *
 * <p>Apply {@code y = U^T Q(W~) (V x)}, per token: {@code x16 = fp16(x)}; {@code t = D_V x16} (sign flips,
 * exact); {@code t = FWHT_K(t)} in fp32 ({@link Hadamard} op order); per row {@code acc = 0f;
 * acc = acc + (float) (q - z) * t[k]} (k ascending), {@code v[r] = acc * s[r]}; {@code v = FWHT_N(v)};
 * {@code y[r] = (D_U[r] v[r]) * c} with {@code c = (float) (1 / sqrt(b_N b_K))}. Both transforms run online:
 * {@code K log2 b_K + N log2 b_N} additions per token ({@link Rotation#onlineAdds}).
 *
 * <p>Bits per weight: {@code 2 + (16 + 2) / K + (N + K) / (N K)}: the codes, a step and a zero-point per row, and
 * the stored signs of D_U and D_V.
 */
public record Quip() implements FormatPreset {

  /** Seed of the input-side signs D_V. */
  public static final long SEED_V = 230713304L;
  /** Seed of the output-side signs D_U. */
  public static final long SEED_U = 230713305L;

  @Override
  public String name() {
    return "quip-w2";
  }

  @Override
  public String paper() {
    return "Chee et al. 2023, QuIP: 2-Bit Quantization of Large Language Models With Guarantees (arXiv 2307.13304)";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(
        List.of(new Plane(PlaneKind.INT2, new All(), List.of(new Scale(new PerRow(), ScaleType.FP16)))),
        List.of(), Optional.of(new Scale(new PerRow(), ScaleType.UINT2)), Optional.empty(), List.of(),
        ActivationFormat.FP16,
        List.of(new Rotation("V", Where.INPUT, Mode.ONLINE, true), new Rotation("U^T", Where.OUTPUT, Mode.ONLINE, true)));
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    Hadamard.requireEven(cols, "input (K) of a " + rows + " x " + cols + " quip-w2 matrix");
    Hadamard.requireEven(rows, "output (N) of a " + rows + " x " + cols + " quip-w2 matrix");
    byte[] du = Hadamard.randomSigns(rows, SEED_U);
    byte[] dv = Hadamard.randomSigns(cols, SEED_V);
    double[] m = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      m[i] = (double) w[i] * du[i / cols] * dv[i % cols];
    }
    double[] wt = twoSidedTransform(m, rows, cols);
    float[] rotated = new float[w.length];
    double c = 1.0 / Math.sqrt((double) Hadamard.block(rows) * Hadamard.block(cols));
    for (int i = 0; i < w.length; i++) {
      rotated[i] = (float) (wt[i] * c);
    }
    return new Weights(rows, cols, IntGrid.quantize(rotated, rows, cols, 0, 2, false), du, dv);
  }

  /** {@code H_N M H_K} in fp64, unnormalised: transforms along every row, then along every column. */
  static double[] twoSidedTransform(double[] m, int rows, int cols) {
    double[] a = m.clone();
    for (int r = 0; r < rows; r++) {
      Hadamard.fwht(a, r * cols, cols);
    }
    double[] col = new double[rows];
    for (int k = 0; k < cols; k++) {
      for (int r = 0; r < rows; r++) {
        col[r] = a[r * cols + k];
      }
      Hadamard.fwht(col, 0, rows);
      for (int r = 0; r < rows; r++) {
        a[r * cols + k] = col[r];
      }
    }
    return a;
  }

  /** The 2-bit codes of W~ (per-row step and zero-point) and the stored signs D_U [N], D_V [K]. */
  public record Weights(int rows, int cols, IntGrid.Codes codes, byte[] du, byte[] dv) implements QuantizedMatrix {

    @Override
    public float[] apply(float[] x, int tokens) {
      float[] x16 = FormatMath.toFp16(x, tokens, cols);
      float c = Hadamard.invSqrt((long) Hadamard.block(rows) * Hadamard.block(cols));
      float[] y = new float[tokens * rows];
      float[] t = new float[cols];
      float[] v = new float[rows];
      for (int tok = 0; tok < tokens; tok++) {
        for (int k = 0; k < cols; k++) {
          float e = x16[tok * cols + k];
          t[k] = dv[k] > 0 ? e : -e;
        }
        Hadamard.fwht(t, 0, cols);
        for (int r = 0; r < rows; r++) {
          IntGrid.Group g = codes.groups()[r];
          float acc = 0f;
          for (int k = 0; k < cols; k++) {
            acc = acc + (float) (codes.codes()[r * cols + k] - g.zero()) * t[k];
          }
          v[r] = acc * g.step();
        }
        Hadamard.fwht(v, 0, rows);
        for (int r = 0; r < rows; r++) {
          y[tok * rows + r] = (du[r] > 0 ? v[r] : -v[r]) * c;
        }
      }
      return y;
    }

    /** {@code U^T Q(W~) V = D_U H_N Q H_K D_V / sqrt(b_N b_K)} in fp64, rounded to fp32. */
    @Override
    public float[] dequantize() {
      float[] q = codes.dequantize();
      double[] m = new double[q.length];
      for (int i = 0; i < q.length; i++) {
        m[i] = q[i];
      }
      double[] a = twoSidedTransform(m, rows, cols);
      double c = 1.0 / Math.sqrt((double) Hadamard.block(rows) * Hadamard.block(cols));
      float[] out = new float[q.length];
      for (int i = 0; i < q.length; i++) {
        out[i] = (float) (a[i] * c * du[i / cols] * dv[i % cols]);
      }
      return out;
    }
  }
}
