package dev.tritium.models.nn;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.count.OpFormulas;
import dev.tritium.models.kernel.FastHadamard;
import dev.tritium.models.kernel.PackedTernary;
import dev.tritium.models.kernel.ParallelLoop;
import java.util.Arrays;

/**
 * One BitNet b1.58 decoder layer: the one description of the layer in the reference engine
 * (models/README.md, "The decoder"). {@code x = RMSNorm(h)}; q, k, v = BitLinear(x) (one quantization shared
 * by the three); RoPE on q and k; causal GQA attention over the KV cache; attn_sub_norm when the model has
 * sub-layer norms; {@code h += o_proj(.)}; {@code x = RMSNorm(h)}; {@code f = act(gate(x)) * up(x)} (one
 * quantization shared by gate and up); ffn_sub_norm; {@code h += down_proj(f)}. {@link BitNetModel} runs it
 * for every layer; the simulator cross-check runs it with a {@link LayerObserver} to see every intermediate.
 */
public final class DecoderLayer {

  private final ModelConfig config;
  private final Rope rope;
  private final float eps;
  private final AttentionPrecision precision;

  public DecoderLayer(ModelConfig config) {
    this(config, AttentionPrecision.FP32);
  }

  /** A layer whose attention computes in {@code precision} (its cache should store what that precision reads). */
  public DecoderLayer(ModelConfig config, AttentionPrecision precision) {
    this.config = config;
    this.rope = new Rope(config.headDim(), config.ropeTheta());
    this.eps = (float) config.rmsNormEps();
    this.precision = java.util.Objects.requireNonNull(precision, "precision");
  }

  /** The RoPE tables of positions start .. start + m - 1 (one per token, shared by every layer). */
  public float[][] ropeTables(int start, int m) {
    float[][] tables = new float[m][];
    for (int t = 0; t < m; t++) {
      tables[t] = rope.table(start + t);
    }
    return tables;
  }

  /**
   * SpinQuant's R3 on {@code heads} consecutive heads at {@code off}: each head's fast Hadamard transform in fp32,
   * then every value times {@code (float) (1 / sqrt(b))} ({@link ModelConfig#qkHadamard}).
   */
  private void rotateHeads(float[] v, int off, int heads) {
    int hd = config.headDim();
    float c = (float) (1.0 / Math.sqrt(FastHadamard.block(hd)));
    for (int h = 0; h < heads; h++) {
      int o = off + h * hd;
      FastHadamard.fwht(v, o, hd);
      for (int j = o; j < o + hd; j++) {
        v[j] = v[j] * c;
      }
    }
  }

  /**
   * Runs the layer on the residual stream h [m][hidden] in place, for tokens at positions start ..
   * start + m - 1, appending their keys and values to layer {@code cacheLayer} of the cache (which must
   * already hold positions 0 .. start - 1).
   */
  public void run(LayerWeights w, int cacheLayer, float[] h, int m, int start, float[][] ropeTables, KvCache cache,
      ParallelLoop loop, OpCounter counter, LayerObserver obs) {
    int d = config.hiddenSize();
    int qDim = config.qDim();
    int kvDim = config.kvDim();
    int ffn = config.intermediateSize();

    float[] x = norm(h, m, d, w.inputNorm(), counter);
    obs.point(LayerObserver.Point.X_ATTN, x);
    Input xin = new Input(x, m, d, counter);
    float[] q = project(LayerKind.Q_PROJ, w, xin, m, loop, counter, obs);
    float[] k = project(LayerKind.K_PROJ, w, xin, m, loop, counter, obs);
    float[] v = project(LayerKind.V_PROJ, w, xin, m, loop, counter, obs);
    for (int t = 0; t < m; t++) {
      rope.rotate(q, t * qDim, config.numHeads(), ropeTables[t]);
      rope.rotate(k, t * kvDim, config.numKvHeads(), ropeTables[t]);
      counter.add(LayerKind.ROPE, OpFormulas.rope(config.numHeads(), config.numKvHeads(), config.headDim()));
      if (config.qkHadamard()) {
        rotateHeads(q, t * qDim, config.numHeads());
        rotateHeads(k, t * kvDim, config.numKvHeads());
        counter.add(LayerKind.ROPE, OpFormulas.qkHadamard(config.numHeads(), config.numKvHeads(), config.headDim()));
      }
    }
    obs.point(LayerObserver.Point.Q_ROT, q);
    obs.point(LayerObserver.Point.K_ROT, k);
    obs.point(LayerObserver.Point.V, v);
    cache.write(cacheLayer, k, v, m, start);
    float[] keys = cache.keys(cacheLayer);
    float[] values = cache.values(cacheLayer);
    if (obs != LayerObserver.NONE) {
      obs.point(LayerObserver.Point.KEYS, Arrays.copyOf(keys, (start + m) * kvDim));
      obs.point(LayerObserver.Point.VALUES, Arrays.copyOf(values, (start + m) * kvDim));
    }
    float[] attn = new float[m * qDim];
    for (int t = 0; t < m; t++) {
      int context = start + t + 1;
      Attention.attend(q, t * qDim, keys, values, context, config.numHeads(), config.numKvHeads(), config.headDim(),
          attn, t * qDim, precision, loop);
      counter.add(LayerKind.ATTENTION, OpFormulas.attentionQuery(config.numHeads(), config.headDim(), context));
      counter.add(LayerKind.ATTENTION, OpFormulas.attentionQueryTrafficBytes(cache.readBytes(context)));
      counter.add(LayerKind.ATTENTION, OpFormulas.kvAppendBytes(cache.appendBytes(start + t)));
    }
    attn = obs.attention(attn);
    obs.point(LayerObserver.Point.ATTN, attn);
    if (config.subLayerNorms()) {
      attn = norm(attn, m, qDim, w.attnSubNorm(), counter);
    }
    obs.point(LayerObserver.Point.ATTN_NORMED, attn);
    float[] o = project(LayerKind.O_PROJ, w, new Input(attn, m, qDim, counter), m, loop, counter, obs);
    residual(h, o, m, d, counter);
    obs.point(LayerObserver.Point.H_MID, h);

    float[] x2 = norm(h, m, d, w.postAttentionNorm(), counter);
    obs.point(LayerObserver.Point.X_FFN, x2);
    Input fin = new Input(x2, m, d, counter);
    float[] gate = project(LayerKind.GATE_PROJ, w, fin, m, loop, counter, obs);
    float[] up = project(LayerKind.UP_PROJ, w, fin, m, loop, counter, obs);
    obs.point(LayerObserver.Point.GATE, gate);
    obs.point(LayerObserver.Point.UP, up);
    FeedForwardActivation.applyInPlace(config.activation(), gate, up);
    counter.add(LayerKind.FFN_ACT, OpFormulas.ffnActivation(config.activation(), ffn).times(m));
    obs.point(LayerObserver.Point.ACT, gate);
    if (config.subLayerNorms()) {
      gate = norm(gate, m, ffn, w.ffnSubNorm(), counter);
    }
    obs.point(LayerObserver.Point.ACT_NORMED, gate);
    float[] down = project(LayerKind.DOWN_PROJ, w, new Input(gate, m, ffn, counter), m, loop, counter, obs);
    residual(h, down, m, d, counter);
    obs.point(LayerObserver.Point.H_OUT, h);
  }

  /** A normalized copy of x [m][width]. */
  private float[] norm(float[] x, int m, int width, float[] gain, OpCounter counter) {
    float[] y = new float[m * width];
    for (int t = 0; t < m; t++) {
      RmsNorm.apply(x, t * width, width, gain, eps, y, t * width);
      counter.add(LayerKind.NORMS, OpFormulas.rmsNorm(width));
    }
    counter.add(LayerKind.NORMS, OpFormulas.normCall(width));
    return y;
  }

  /**
   * A projection input: the fp32 activations, quantized to int8 once on first use by a ternary projection (q, k and
   * v share one quantization, as gate and up do); a projection in a format with fp16 activations reads the fp32
   * values (its apply rounds them to fp16) and needs no quantization.
   */
  private static final class Input {
    final float[] x;
    final int m;
    final int width;
    final OpCounter counter;
    TernaryProjection.Input quantized;

    Input(float[] x, int m, int width, OpCounter counter) {
      this.x = x;
      this.m = m;
      this.width = width;
      this.counter = counter;
    }

    TernaryProjection.Input quantized() {
      if (quantized == null) {
        counter.add(LayerKind.ACT_QUANT, OpFormulas.activationQuant(width).times(m));
        quantized = TernaryProjection.quantize(x, m, width);
      }
      return quantized;
    }
  }

  private static float[] project(LayerKind kind, LayerWeights w, Input in, int m, ParallelLoop loop,
      OpCounter counter, LayerObserver obs) {
    java.util.Optional<FormatProjection> f = w.formatProjection(kind);
    if (f.isPresent()) {
      float[] y = f.get().apply(in.x, m);
      obs.formatProjection(kind, in.x, y);
      return y;
    }
    PackedTernary p = w.ternary(kind);
    // Counted from the actual weights: the +1/-1 totals come from the masks' popcounts.
    long weightsInTensor = (long) p.rows() * p.cols();
    counter.add(kind, OpFormulas.projectionToken(p.rows(), p.plusCount(), p.minusCount(), weightsInTensor).times(m));
    counter.add(kind, OpFormulas.projectionCall(p.rows(), p.cols(), m, counter.packings()));
    TernaryProjection.Input q = in.quantized();
    TernaryProjection.Output out = TernaryProjection.applyWithAccumulators(p, q, loop);
    obs.projection(kind, q.quantized(), out.accumulators(), out.output());
    return out.output();
  }

  private static void residual(float[] h, float[] delta, int m, int d, OpCounter counter) {
    for (int i = 0; i < m * d; i++) {
      h[i] += delta[i];
    }
    counter.add(LayerKind.RESIDUAL, OpFormulas.residual(d).times(m));
  }
}
