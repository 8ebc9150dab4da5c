package dev.tritium.models.format;

/**
 * The activation side of a format. Each variant states its stored bits per activation, so an accelerator
 * model can price the activation traffic of any format the same way.
 */
public sealed interface ActivationFormat {

  /** int8 absmax per token, exactly {@code Quantizers.quantizeActivations} (the BitNet path). */
  ActivationFormat INT8_ABSMAX_PER_TOKEN = new Int8AbsmaxPerToken();

  /** fp16: each activation rounded to the nearest fp16 value (ties to even) before use. */
  ActivationFormat FP16 = new Fp16();

  String label();

  /** Stored bits per activation for a K-feature token, scales and zero-points included. */
  double bitsPerActivation(int k);

  /**
   * int8 with one absmax scale per token, exactly {@code Quantizers.quantizeActivations}:
   * {@code s_x = 127 / max(max|x|, 1e-5)}, {@code xq = clamp(rint(x * s_x), -128, 127)}; s_x is fp32.
   */
  record Int8AbsmaxPerToken() implements ActivationFormat {
    @Override
    public String label() {
      return "int8 absmax/token";
    }

    /** {@code 8 + 32 / K} (one fp32 scale per token). */
    @Override
    public double bitsPerActivation(int k) {
      return 8 + 32.0 / k;
    }
  }

  /** fp16 activations. */
  record Fp16() implements ActivationFormat {
    @Override
    public String label() {
      return "fp16";
    }

    @Override
    public double bitsPerActivation(int k) {
      return 16;
    }
  }

  /**
   * b-bit integers per token and group of G consecutive features ({@code group = 0}: one group per token), on
   * the grid of {@link IntGrid} with an fp16 step per group and, when asymmetric, a b-bit zero-point per group.
   */
  record IntGroups(int bits, int group, boolean symmetric) implements ActivationFormat {
    public IntGroups {
      IntGrid.checkBits(bits, "activation bits");
      if (group < 0) {
        throw new IllegalArgumentException("activation group must be >= 0 (0 = per token), got " + group);
      }
    }

    /** Groups per token of K features: ceil(K / G), or 1 per token. */
    public int groups(int k) {
      return group == 0 ? 1 : (k + group - 1) / group;
    }

    /** The width of one group of a K-feature token (group 0: K). */
    public int width(int k) {
      return group == 0 ? k : group;
    }

    @Override
    public String label() {
      return "int" + bits + (symmetric ? " sym" : " asym") + (group == 0 ? "/token" : "/" + group);
    }

    /** {@code b + groups(K) (16 + (asymmetric ? b : 0)) / K}. */
    @Override
    public double bitsPerActivation(int k) {
      return bits + groups(k) * (16.0 + (symmetric ? 0 : bits)) / k;
    }
  }

  /**
   * Mixed precision by channel: a fixed set of {@code channels} outlier input channels (chosen per matrix,
   * one mask bit per channel on the weight side) in the {@code outliers} format, the rest in {@code normal},
   * whose groups run over the remaining channels in ascending order.
   */
  record OutlierChannels(IntGroups normal, int channels, IntGroups outliers) implements ActivationFormat {
    public OutlierChannels {
      java.util.Objects.requireNonNull(normal, "normal");
      java.util.Objects.requireNonNull(outliers, "outliers");
      if (channels <= 0) {
        throw new IllegalArgumentException("outlier channels must be positive, got " + channels);
      }
    }

    @Override
    public String label() {
      return normal.label() + " + " + channels + " ch " + outliers.label();
    }

    @Override
    public double bitsPerActivation(int k) {
      int c = Math.min(channels, k);
      double rest = k - c == 0 ? 0 : normal.bitsPerActivation(k - c) * (k - c);
      return (rest + outliers.bitsPerActivation(c) * c) / k;
    }
  }
}
