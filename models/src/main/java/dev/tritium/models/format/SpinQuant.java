package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.Rotation.Mode;
import dev.tritium.models.format.Rotation.Where;
import dev.tritium.models.format.ScaleGranularity.PerRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spinquant-w4a4kv4:proj=other|down}: SpinQuant (Liu et al. 2024), W4 A4 KV4 with rotations. R1 (the
 * residual stream) and R2 (per head, v_proj to o_proj) are merged into the weights; R3 (per head, on queries and
 * keys after RoPE, before the KV cache) and R4 (the down_proj input) are online Hadamard transforms. One matrix
 * in isolation has one of two forms, chosen by {@code proj}:
 *
 * <ul>
 *   <li>{@code other} (q, k, v, o, gate, up): the input arrives already rotated (merged rotations upstream), so
 *       {@code W' = W R} with {@code R = H_K D / sqrt(b)}, D seeded random signs ({@link #SEED}); the paper learns
 *       R1 and R2 with Cayley SGD, which needs calibration data, so R is its random-Hadamard initialisation.
 *       {@link Weights#rotatedInput} gives {@code R^T x}, what the merged rotations upstream deliver; a caller
 *       holding the unrotated x must pass {@code rotatedInput(x)} to apply. (In the model o_proj's input
 *       carries R2 per head instead, and o_proj / down_proj also merge R1 on the output side; apply's numerics
 *       do not depend on which orthogonal matrix was merged.)</li>
 *   <li>{@code down}: {@code W' = W H_K / sqrt(b)} (R4, unsigned), and apply transforms the input online.</li>
 * </ul>
 *
 * H_K is the {@link Hadamard} transform of size K, block-diagonal with slices of b = the largest power of two
 * dividing K (b = K for powers of two; 14336 = 7 x 2048 for Llama 3's down_proj).
 *
 * <p>Quantizer: W' in fp64 (fast transform per row), rounded to fp32; per row the symmetric 4-bit {@link IntGrid}
 * (fp16 step), rounding to nearest (the paper runs GPTQ, which needs calibration data).
 *
 * <p>Apply, per token: ({@code down} only: {@code t = FWHT_K(x)} in fp32, then {@code t[k] = t[k] * c},
 * {@code c = (float) (1 / sqrt(b))}); the input on the asymmetric 4-bit grid per token (fp16 step s_x, 4-bit
 * zero-point z_x); per row {@code acc = sum_k q_w (u_x - z_x)} exact in int32,
 * {@code y = ((float) acc * s_w) * s_x}. KV cache: int4, asymmetric, group 128 ({@link #kvCache}).
 *
 * <p>Bits per weight: {@code 4 + 16 / K} (merged rotations and R4's plain Hadamard store nothing).
 */
public record SpinQuant(boolean downProj) implements FormatPreset {

  /** Seed of the random signs of the merged input rotation. */
  public static final long SEED = 240516406L;

  @Override
  public String name() {
    return "spinquant-w4a4kv4:proj=" + (downProj ? "down" : "other");
  }

  @Override
  public String paper() {
    return "Liu et al. 2024, SpinQuant: LLM Quantization with Learned Rotations (arXiv 2405.16406)";
  }

  @Override
  public WeightFormat format() {
    List<Rotation> rotations = new ArrayList<>();
    if (downProj) {
      rotations.add(new Rotation("R4", Where.INPUT, Mode.ONLINE, false));
    } else {
      rotations.add(new Rotation("R1", Where.INPUT, Mode.MERGED, false));
    }
    rotations.add(new Rotation("R2", Where.ATTENTION_VO, Mode.MERGED, false));
    rotations.add(new Rotation("R3", Where.ATTENTION_QK, Mode.ONLINE, false));
    return new WeightFormat(
        List.of(new Plane(PlaneKind.INT4, new All(), List.of(new Scale(new PerRow(), ScaleType.FP16)))),
        List.of(), Optional.empty(), Optional.empty(), List.of(), new ActivationFormat.IntGroups(4, 0, false),
        rotations);
  }

  @Override
  public Optional<KvCacheFormat> kvCache() {
    return Optional.of(new KvCacheFormat.Int(4, KvCacheFormats.DEFAULT_GROUP));
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    Hadamard.requireEven(cols, "input (K) of a " + rows + " x " + cols + " " + name() + " matrix");
    byte[] d = signs(cols);
    double c = 1.0 / Math.sqrt(Hadamard.block(cols));
    float[] rotated = new float[w.length];
    double[] row = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        row[k] = w[r * cols + k];
      }
      // W R = W H D / sqrt(b): transform the row (W H, as H is symmetric), then the signs.
      Hadamard.fwht(row, 0, cols);
      for (int k = 0; k < cols; k++) {
        rotated[r * cols + k] = (float) (row[k] * d[k] * c);
      }
    }
    return new Weights(rows, cols, downProj, IntGrid.quantize(rotated, rows, cols, 0, 4, true), d);
  }

  /** The diagonal of the merged rotation: seeded signs for R1, all +1 for R4. */
  private byte[] signs(int n) {
    if (downProj) {
      byte[] ones = new byte[n];
      java.util.Arrays.fill(ones, (byte) 1);
      return ones;
    }
    return Hadamard.randomSigns(n, SEED);
  }

  /** Signed 4-bit codes of {@code W R} (per-row fp16 step) and the signs D of {@code R = H D / sqrt(b)}. */
  public record Weights(int rows, int cols, boolean downProj, IntGrid.Codes codes, byte[] d)
      implements QuantizedMatrix {

    /**
     * {@code R^T x = D H x / sqrt(b)} in fp64, rounded to fp32: the input a {@code proj=other} matrix receives
     * from the merged rotations upstream (not part of apply). For {@code down}, apply does this itself.
     */
    public float[] rotatedInput(float[] x, int tokens) {
      FormatMath.checkActivations(x, tokens, cols);
      float[] out = new float[x.length];
      double[] v = new double[cols];
      double c = 1.0 / Math.sqrt(Hadamard.block(cols));
      for (int t = 0; t < tokens; t++) {
        for (int k = 0; k < cols; k++) {
          v[k] = x[t * cols + k];
        }
        Hadamard.fwht(v, 0, cols);
        for (int k = 0; k < cols; k++) {
          out[t * cols + k] = (float) (v[k] * c * d[k]);
        }
      }
      return out;
    }

    /** For {@code proj=other} the merged R1/R2 rotation the model applies upstream, then {@link #apply}. */
    @Override
    public float[] applyToLayerInput(float[] x, int tokens) {
      return apply(downProj ? x : rotatedInput(x, tokens), tokens);
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      FormatMath.checkActivations(x, tokens, cols);
      float[] in = x;
      if (downProj) {
        in = x.clone();
        float c = Hadamard.invSqrt(Hadamard.block(cols));
        for (int t = 0; t < tokens; t++) {
          Hadamard.fwht(in, t * cols, cols);
          for (int k = 0; k < cols; k++) {
            in[t * cols + k] = in[t * cols + k] * c;
          }
        }
      }
      IntGrid.Codes xa = IntGrid.quantize(in, tokens, cols, 0, 4, false);
      float[] y = new float[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        IntGrid.Group gx = xa.groups()[t];
        for (int r = 0; r < rows; r++) {
          int acc = 0;
          for (int k = 0; k < cols; k++) {
            acc += codes.codes()[r * cols + k] * (xa.codes()[t * cols + k] - gx.zero());
          }
          y[t * rows + r] = ((float) acc * codes.groups()[r].step()) * gx.step();
        }
      }
      return y;
    }

    /**
     * The represented W in the original basis: {@code Q R^T = (Q D) H / sqrt(b)} in fp64, rounded to fp32, with
     * Q the stored {@code (float) q * s_w}. (apply of a {@code proj=other} matrix takes {@code R^T x}.)
     */
    @Override
    public float[] dequantize() {
      float[] q = codes.dequantize();
      float[] out = new float[q.length];
      double[] row = new double[cols];
      double c = 1.0 / Math.sqrt(Hadamard.block(cols));
      for (int r = 0; r < rows; r++) {
        for (int k = 0; k < cols; k++) {
          row[k] = (double) q[r * cols + k] * d[k];
        }
        Hadamard.fwht(row, 0, cols);
        for (int k = 0; k < cols; k++) {
          out[r * cols + k] = (float) (row[k] * c);
        }
      }
      return out;
    }
  }
}
