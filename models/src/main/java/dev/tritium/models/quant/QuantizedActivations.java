package dev.tritium.models.quant;

import java.util.Objects;

/**
 * Per-token int8 activations: row-major [tokens][features] values and one scale per token,
 * {@code s_x = 127 / max(max(|x|), 1e-5)}. The dequantized activation is {@code values / scale}.
 */
public record QuantizedActivations(byte[] values, int tokens, int features, float[] scales) {

  public QuantizedActivations {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(scales, "scales");
    if (tokens <= 0 || features <= 0) {
      throw new IllegalArgumentException("activations need positive tokens and features, got " + tokens + "x" + features);
    }
    if ((long) tokens * features != values.length) {
      throw new IllegalArgumentException(
          "activations " + tokens + "x" + features + " need " + (long) tokens * features + " values, got " + values.length);
    }
    if (scales.length != tokens) {
      throw new IllegalArgumentException("need one scale per token: " + tokens + " tokens, " + scales.length + " scales");
    }
  }

  /** The int8 value of token t, feature k. */
  public int get(int token, int feature) {
    return values[token * features + feature];
  }
}
