package dev.tritium.mapper.decoder;

import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What both sides of a decoder-layer cross-check share: one layer's seeded ternary weights and
 * RMSNorm gains, the residual-stream input of the call's tokens, and the fp32 keys and values of the
 * {@code shape.start()} positions already in the cache (post-RoPE, as the reference engine's cache
 * holds them; the simulator's int8 cache is their per-(position, kv head) quantization).
 *
 * @param gains RMSNorm gains by norm name ({@code attn_norm, attn_sub_norm, ffn_norm, ffn_sub_norm})
 * @param input h [tokens][hidden]
 * @param cachedKeys [start][kv_dim]
 * @param cachedValues [start][kv_dim]
 * @param formatWeights the seven projections in a weight format with fp16 activations (then {@code weights} is
 *     empty), or empty for BitLinear weights
 */
public record DecoderCase(ModelConfig config, LayerShape shape, Map<LayerKind, TernaryWeights> weights,
    Map<String, float[]> gains, float[] input, float[] cachedKeys, float[] cachedValues, long seed,
    Map<LayerKind, QuantizedMatrix> formatWeights) {

  /** A case with BitLinear weights. */
  public DecoderCase(ModelConfig config, LayerShape shape, Map<LayerKind, TernaryWeights> weights,
      Map<String, float[]> gains, float[] input, float[] cachedKeys, float[] cachedValues, long seed) {
    this(config, shape, weights, gains, input, cachedKeys, cachedValues, seed, Map.of());
  }

  public DecoderCase {
    weights = Map.copyOf(weights);
    formatWeights = Map.copyOf(formatWeights);
    if (weights.isEmpty() == formatWeights.isEmpty()) {
      throw new IllegalArgumentException("a decoder case holds either BitLinear weights or format weights");
    }
    gains = Map.copyOf(gains);
    if (input.length != shape.tokens() * config.hiddenSize()) {
      throw new IllegalArgumentException("decoder case input holds " + input.length + " values, expected "
          + shape.tokens() + " x " + config.hiddenSize());
    }
    if (cachedKeys.length != shape.start() * config.kvDim() || cachedValues.length != cachedKeys.length) {
      throw new IllegalArgumentException("decoder case cache must hold " + shape.start() + " x " + config.kvDim()
          + " keys and values");
    }
  }

  /** The norm names whose gains a config uses. */
  public static java.util.List<String> normNames(ModelConfig c) {
    return c.subLayerNorms() ? java.util.List.of("attn_norm", "attn_sub_norm", "ffn_norm", "ffn_sub_norm")
        : java.util.List.of("attn_norm", "ffn_norm");
  }

  /**
   * Seeded case: weights from {@link SyntheticWeights#ternary} (tensor id = projection ordinal),
   * gains 1 + 0.1 N(0,1), inputs N(0,1) with one x8 outlier per token (absmax quantization sees a
   * real-looking outlier), cached keys and values N(0,1). Each tensor has its own split of
   * {@code SplittableRandom(seed)}.
   */
  public static DecoderCase seeded(ModelConfig c, LayerShape shape, long seed) {
    Map<LayerKind, TernaryWeights> w = new EnumMap<>(LayerKind.class);
    try (ParallelLoop loop = ParallelLoop.serial()) {
      for (LayerKind k : LayerKind.projections()) {
        w.put(k, SyntheticWeights.ternary(k.outFeatures(c), k.inFeatures(c), SyntheticWeights.DEFAULT_ZERO_FRACTION,
            seed, k.ordinal(), loop).unpack());
      }
    }
    SplittableRandom root = new SplittableRandom(seed);
    Map<String, float[]> gains = new java.util.HashMap<>();
    for (String norm : normNames(c)) {
      int width = switch (norm) {
        case "attn_sub_norm" -> c.qDim();
        case "ffn_sub_norm" -> c.intermediateSize();
        default -> c.hiddenSize();
      };
      SplittableRandom r = root.split();
      float[] g = new float[width];
      for (int i = 0; i < width; i++) {
        g[i] = (float) (1 + 0.1 * r.nextGaussian());
      }
      gains.put(norm, g);
    }
    SplittableRandom r = root.split();
    int d = c.hiddenSize();
    float[] h = new float[shape.tokens() * d];
    for (int t = 0; t < shape.tokens(); t++) {
      for (int i = 0; i < d; i++) {
        h[t * d + i] = (float) r.nextGaussian();
      }
      h[t * d + r.nextInt(d)] *= 8f;
    }
    float[] keys = gaussian(root.split(), shape.start() * c.kvDim());
    float[] values = gaussian(root.split(), shape.start() * c.kvDim());
    return new DecoderCase(c, shape, w, gains, h, keys, values, seed);
  }

  /**
   * Seeded case in a weight format the units run ({@code AcceleratorFormats}): bitnet-b1.58 is {@link #seeded(
   * ModelConfig, LayerShape, long)}; another format quantises Gaussian latent weights (std 0.02, seed
   * {@code seed * 1000003 + projection ordinal}, as a single-projection format case does) with the format's own
   * quantizer, e.g. bitnet-w1's Sign(W - mean W) with scale 1 / mean|W|. Gains, inputs and cache as {@link
   * #seeded(ModelConfig, LayerShape, long)}.
   */
  public static DecoderCase seeded(ModelConfig c, LayerShape shape, long seed, FormatPreset format) {
    DecoderCase base = seeded(c, shape, seed);
    if (format instanceof BitNetB158) {
      return base;
    }
    if (AcceleratorFormats.signAdd(format)) {
      Map<LayerKind, QuantizedMatrix> f = new EnumMap<>(LayerKind.class);
      for (LayerKind k : LayerKind.projections()) {
        f.put(k, FloatLinearCrossCheck.weights(format, k.outFeatures(c), k.inFeatures(c), seed, k.ordinal()));
      }
      return new DecoderCase(c, shape, Map.of(), base.gains(), base.input(), base.cachedKeys(), base.cachedValues(),
          seed, f);
    }
    Map<LayerKind, TernaryWeights> w = new EnumMap<>(LayerKind.class);
    for (LayerKind k : LayerKind.projections()) {
      w.put(k, BitLinearCase.formatWeights(k.outFeatures(c), k.inFeatures(c), seed, k.ordinal(), format));
    }
    return new DecoderCase(c, shape, w, base.gains(), base.input(), base.cachedKeys(), base.cachedValues(), seed);
  }

  /** Whether the projections are in a weight format with fp16 activations (the sign-add path). */
  public boolean signAdd() {
    return !formatWeights.isEmpty();
  }

  /** The sign-add plans of the projections, each named by its projection (empty for BitLinear weights). */
  public Map<LayerKind, FloatLinearPlan> formatPlans() {
    Map<LayerKind, FloatLinearPlan> out = new EnumMap<>(LayerKind.class);
    formatWeights.forEach((k, m) -> out.put(k, FloatLinearPlan.of(k.label(), m)));
    return out;
  }

  /** Binary when no projection weight is 0 (a bitnet-w1 layer), else ternary: the packings the weights fit. */
  public WeightAlphabet alphabet() {
    for (TernaryWeights t : weights.values()) {
      if (WeightAlphabet.of(t.values()) == WeightAlphabet.TERNARY) {
        return WeightAlphabet.TERNARY;
      }
    }
    return WeightAlphabet.BINARY;
  }

  private static float[] gaussian(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** The same layer fed another residual-stream input [tokens][hidden] (the previous layer's output). */
  public DecoderCase withInput(float[] h) {
    return new DecoderCase(config, shape, weights, gains, h, cachedKeys, cachedValues, seed, formatWeights);
  }

  /** The case with projection {@code kind}'s weight (row, col) negated (0 becomes +1): the DRAM-weight mutation. */
  public DecoderCase withWeightFlipped(LayerKind kind, int row, int col) {
    if (signAdd()) {
      throw new IllegalArgumentException("format weights are mutated on their plan (FloatMutation)");
    }
    TernaryWeights t = weights.get(kind);
    byte[] v = t.values().clone();
    int i = row * t.cols() + col;
    v[i] = (byte) (v[i] == 0 ? 1 : -v[i]);
    Map<LayerKind, TernaryWeights> w = new EnumMap<>(weights);
    w.put(kind, new TernaryWeights(v, t.rows(), t.cols(), t.scale()));
    return new DecoderCase(config, shape, w, gains, input, cachedKeys, cachedValues, seed);
  }
}
