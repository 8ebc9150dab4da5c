package dev.tritium.mapper.bitlinear;

import dev.tritium.isa.WeightAlphabet;

/**
 * The shape of one BitLinear call: {@code y[M][N] = dequant(W[N][K] . quant(x[M][K]))}.
 *
 * @param tokens M, tokens in the call (1 for decode)
 * @param inFeatures K, the reduction dimension
 * @param outFeatures N, output features (weight rows)
 * @param alphabet the values the weights take, which decides the packings they fit
 */
public record BitLinearShape(int tokens, int inFeatures, int outFeatures, WeightAlphabet alphabet) {

  /** A ternary BitLinear. */
  public BitLinearShape(int tokens, int inFeatures, int outFeatures) {
    this(tokens, inFeatures, outFeatures, WeightAlphabet.TERNARY);
  }

  public BitLinearShape {
    java.util.Objects.requireNonNull(alphabet, "alphabet");
    if (tokens < 1 || inFeatures < 1 || outFeatures < 1) {
      throw new IllegalArgumentException("BitLinear shape needs tokens, in_features and out_features >= 1, got M="
          + tokens + ", K=" + inFeatures + ", N=" + outFeatures);
    }
  }

  /** Weight-activation pairs, M x N x K. */
  public long pairs() {
    return (long) tokens * inFeatures * outFeatures;
  }

  @Override
  public String toString() {
    return "M=" + tokens + " K=" + inFeatures + " N=" + outFeatures
        + (alphabet == WeightAlphabet.BINARY ? " binary" : "");
  }
}
