package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import dev.tritium.models.format.ScaleGranularity.PerRow;
import java.util.List;
import java.util.Optional;

/**
 * {@code abq-wpaq:w=P,a=Q}: ABQ-LLM (Zeng et al. 2024) arbitrary-bit weights and activations, computed as binary
 * matrix products: {@code W_int . A_int} from {@code sum_i sum_j 2^(i+j) popcount(W_i AND A_j)}.
 *
 * <p>Grids ({@link IntGrid}, asymmetric, so every plane is a plain {0,1} plane with weight {@code 2^i}): weights
 * per output row, P bits, fp16 step {@code s_w} and P-bit zero-point {@code z_w}; activations per token, Q bits,
 * fp16 step {@code s_x} and Q-bit zero-point {@code z_x}. Codes {@code u_w = sum_i 2^i W_i},
 * {@code u_x = sum_j 2^j A_j}.
 *
 * <p>Apply, per token and row, all integer steps exact in int64:
 * <pre>
 * P   = sum_i sum_j 2^(i+j) popcount(W_i[r] AND A_j)      (AND + popcount over 64-column words)
 * S_w = sum_i 2^i popcount(W_i[r]),   S_x = sum_j 2^j popcount(A_j)
 * acc = P - z_x S_w - z_w S_x + K z_w z_x                  (= sum_k (u_w - z_w)(u_x - z_x))
 * y   = ((float) acc * s_w) * s_x
 * </pre>
 * Bits per weight: {@code P + (16 + P) / K}.
 */
public record AbqLlm(int weightBits, int activationBits) implements FormatPreset {

  public AbqLlm {
    IntGrid.checkBits(weightBits, "abq-wpaq: weight bits (key 'w')");
    IntGrid.checkBits(activationBits, "abq-wpaq: activation bits (key 'a')");
  }

  @Override
  public String name() {
    return "abq-wpaq:w=" + weightBits + ",a=" + activationBits;
  }

  @Override
  public String paper() {
    return "Zeng et al. 2024, ABQ-LLM: Arbitrary-Bit Quantized Inference Acceleration (arXiv 2408.08554)";
  }

  @Override
  public WeightFormat format() {
    // The format is literally its bit-plane view: P binary {0,1} planes, one fp16 step and one P-bit
    // zero-point per row.
    List<Plane> planes = new java.util.ArrayList<>();
    for (int i = 0; i < weightBits; i++) {
      planes.add(new Plane(PlaneKind.BINARY_01, new All(), List.of()));
    }
    return new WeightFormat(planes, List.of(new Scale(new PerRow(), ScaleType.FP16)),
        Optional.of(new Scale(new PerRow(), ScaleType.zeroPoint(weightBits))), Optional.empty(), List.of(),
        new ActivationFormat.IntGroups(activationBits, 0, false));
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    IntGrid.Codes c = IntGrid.quantize(w, rows, cols, 0, weightBits, false);
    float[] steps = new float[rows];
    int[] zeros = new int[rows];
    for (int r = 0; r < rows; r++) {
      steps[r] = c.groups()[r].step();
      zeros[r] = c.groups()[r].zero();
    }
    return new Weights(rows, cols, weightBits, activationBits, c.codes(), steps, zeros);
  }

  /** 64-column words of one binary plane of a [rows][cols] code matrix: bit (c % 64) of word c / 64. */
  static long[] packPlane(int[] codes, int rows, int cols, int bit) {
    int words = (cols + 63) / 64;
    long[] out = new long[rows * words];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        if (((codes[r * cols + c] >> bit) & 1) != 0) {
          out[r * words + c / 64] |= 1L << (c % 64);
        }
      }
    }
    return out;
  }

  /**
   * Unsigned weight codes [N][K] (P bits) with per-row fp16 step and zero-point; the activation bits Q say how
   * inputs are quantized.
   */
  public record Weights(int rows, int cols, int weightBits, int activationBits, int[] codes, float[] steps,
      int[] zeros) implements QuantizedMatrix {

    /** Per-token activation codes on the Q-bit asymmetric grid. */
    public IntGrid.Codes quantizeActivations(float[] x, int tokens) {
      FormatMath.checkActivations(x, tokens, cols);
      return IntGrid.quantize(x, tokens, cols, 0, activationBits, false);
    }

    /** The integer accumulators [tokens][N] by the bit-plane method (class comment). */
    public long[] accumulate(IntGrid.Codes xa) {
      int tokens = xa.rows();
      int words = (cols + 63) / 64;
      long[][] wp = new long[weightBits][];
      for (int i = 0; i < weightBits; i++) {
        wp[i] = packPlane(codes, rows, cols, i);
      }
      long[][] ap = new long[activationBits][];
      for (int j = 0; j < activationBits; j++) {
        ap[j] = packPlane(xa.codes(), tokens, cols, j);
      }
      long[] sw = new long[rows];
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < weightBits; i++) {
          sw[r] += (1L << i) * popcount(wp[i], r * words, words);
        }
      }
      long[] acc = new long[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        long sx = 0;
        for (int j = 0; j < activationBits; j++) {
          sx += (1L << j) * popcount(ap[j], t * words, words);
        }
        long zx = xa.groups()[t].zero();
        for (int r = 0; r < rows; r++) {
          long p = 0;
          for (int i = 0; i < weightBits; i++) {
            for (int j = 0; j < activationBits; j++) {
              long dot = 0;
              for (int wd = 0; wd < words; wd++) {
                dot += Long.bitCount(wp[i][r * words + wd] & ap[j][t * words + wd]);
              }
              p += dot << (i + j);
            }
          }
          long zw = zeros[r];
          acc[t * rows + r] = p - zx * sw[r] - zw * sx + (long) cols * zw * zx;
        }
      }
      return acc;
    }

    /** The same accumulators as a plain integer product {@code sum_k (u_w - z_w)(u_x - z_x)}, for checking. */
    public long[] accumulatePlain(IntGrid.Codes xa) {
      int tokens = xa.rows();
      long[] acc = new long[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        int zx = xa.groups()[t].zero();
        for (int r = 0; r < rows; r++) {
          long s = 0;
          for (int k = 0; k < cols; k++) {
            s += (long) (codes[r * cols + k] - zeros[r]) * (xa.codes()[t * cols + k] - zx);
          }
          acc[t * rows + r] = s;
        }
      }
      return acc;
    }

    private static long popcount(long[] words, int from, int count) {
      long n = 0;
      for (int i = from; i < from + count; i++) {
        n += Long.bitCount(words[i]);
      }
      return n;
    }

    @Override
    public float[] apply(float[] x, int tokens) {
      IntGrid.Codes xa = quantizeActivations(x, tokens);
      long[] acc = accumulate(xa);
      float[] y = new float[acc.length];
      for (int t = 0; t < tokens; t++) {
        float sx = xa.groups()[t].step();
        for (int r = 0; r < rows; r++) {
          y[t * rows + r] = ((float) acc[t * rows + r] * steps[r]) * sx;
        }
      }
      return y;
    }

    @Override
    public float[] dequantize() {
      float[] out = new float[codes.length];
      for (int i = 0; i < codes.length; i++) {
        out[i] = (float) (codes[i] - zeros[i / cols]) * steps[i / cols];
      }
      return out;
    }
  }
}
