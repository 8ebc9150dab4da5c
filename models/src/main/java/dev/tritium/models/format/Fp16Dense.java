package dev.tritium.models.format;

import dev.tritium.models.format.Coverage.All;
import java.util.List;
import java.util.Optional;

/**
 * {@code fp16}: the dense baseline, fp16 weights and fp16 activations, so that a dense model goes through the
 * same format path as every low-bit one.
 *
 * <p>Quantizer: {@code w16 = fp16(W)} (ties to even); a weight beyond fp16's range is refused. Apply, per token
 * and row: {@code x16 = fp16(x)}; {@code s = 0f; s = s + w16[k] * x16[k]}, k ascending (each product is exact
 * in fp32: two 11-bit significands), {@code y = s}. Bits per weight: 16.
 */
public record Fp16Dense() implements FormatPreset {

  @Override
  public String name() {
    return "fp16";
  }

  @Override
  public String paper() {
    return "dense baseline: IEEE 754 binary16 weights and activations";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(List.of(new Plane(PlaneKind.FP16, new All(), List.of())), List.of(), Optional.empty(),
        Optional.empty(), List.of(), ActivationFormat.FP16);
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    float[] h = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      h[i] = ScaleType.FP16.round(w[i]);
      if (Float.isInfinite(h[i])) {
        throw new IllegalArgumentException("fp16: weight at row " + i / cols + ", col " + i % cols + " is " + w[i]
            + "; expected |W| < 65520 (fp16's range)");
      }
    }
    return new Weights(rows, cols, h);
  }

  /** fp16 weights [N][K], stored as their fp32 values. */
  public record Weights(int rows, int cols, float[] w16) implements QuantizedMatrix {

    @Override
    public float[] apply(float[] x, int tokens) {
      float[] x16 = FormatMath.toFp16(x, tokens, cols);
      float[] y = new float[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        for (int r = 0; r < rows; r++) {
          float s = 0f;
          for (int k = 0; k < cols; k++) {
            s = s + w16[r * cols + k] * x16[t * cols + k];
          }
          y[t * rows + r] = s;
        }
      }
      return y;
    }

    @Override
    public float[] dequantize() {
      return w16.clone();
    }
  }
}
