package dev.tritium.mapper.decoder;

import dev.tritium.mapper.fp16act.PlanProjection;
import dev.tritium.mapper.fp16act.SignSumOrder;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.kernel.PackedTernary;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.models.nn.AttentionPrecision;
import dev.tritium.models.nn.DecoderLayer;
import dev.tritium.models.nn.FormatProjection;
import dev.tritium.models.nn.KvCache;
import dev.tritium.models.nn.KvStore;
import dev.tritium.models.nn.LayerObserver;
import dev.tritium.models.nn.LayerWeights;
import dev.tritium.models.quant.QuantizedActivations;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reference engine's decoder layer ({@link DecoderLayer}, the one description of the layer) run on a
 * cross-check case with an observer that keeps every intermediate, so each BitLinear's int8 input, int32
 * accumulators and fp32 output can be compared (a projection in a format with fp16 activations shows its output). Optionally the attention output is replaced by given values
 * (the simulator's int8-attention result), so the BitLinears downstream of attention can be proven bit-exact
 * on the inputs the simulator really had.
 */
public final class DecoderReference {

  private DecoderReference() {}

  /** Every intermediate of one layer call; arrays are [tokens][width]. */
  public record Trace(Map<LayerKind, QuantizedActivations> inputs, Map<LayerKind, int[]> accumulators,
      Map<LayerKind, float[]> outputs, float[] xAttn, float[] qRot, float[] kRot, float[] v, float[] keys,
      float[] values, float[] attn, float[] attnNormed, float[] hMid, float[] xFfn, float[] gate, float[] up,
      float[] act, float[] actNormed, float[] hOut) {}

  /** Runs the layer; {@code attnOverride} (or null) replaces the attention output [tokens][q_dim]. */
  public static Trace run(DecoderCase dc, float[] attnOverride) {
    return run(dc, attnOverride, AttentionPrecision.FP32);
  }

  /**
   * Runs the layer with attention in {@code precision}; with FP16 the cache (the case's cached positions and the
   * new tokens) holds fp16 values, as the accelerator's fp16 KV cache does.
   */
  public static Trace run(DecoderCase dc, float[] attnOverride, AttentionPrecision precision) {
    return run(dc, attnOverride, precision, new SignSumOrder.MacKOrder());
  }

  /**
   * As {@link #run(DecoderCase, float[], AttentionPrecision)}, a format layer's projections taking their sign sums in
   * {@code order}: {@link SignSumOrder.MacKOrder} is the formats' own order ({@code apply}), {@link
   * SignSumOrder.LutFp16Tables} the LUT core's fp16 tables (each projection's plan evaluated in that order).
   */
  public static Trace run(DecoderCase dc, float[] attnOverride, AttentionPrecision precision, SignSumOrder order) {
    return run(dc, attnOverride, precision, order,
        precision == AttentionPrecision.FP16 ? KvCacheFormats.parse("fp16") : KvStore.FP32);
  }

  /**
   * As {@link #run(DecoderCase, float[], AttentionPrecision, SignSumOrder)}, the cache (cached positions and new
   * tokens) kept as {@code store} gives it back: a quantized KV-cache format with FP16 attention is the accelerator's
   * quantized cache (the codes read back as {@code f16((float) (q - z) * step)}).
   */
  public static Trace run(DecoderCase dc, float[] attnOverride, AttentionPrecision precision, SignSumOrder order,
      KvStore store) {
    ModelConfig c = dc.config();
    int m = dc.shape().tokens();
    int start = dc.shape().start();
    Map<String, float[]> g = dc.gains();
    LayerWeights w = dc.signAdd()
        ? LayerWeights.ofFormat(g.get("attn_norm"), g.get("attn_sub_norm"), g.get("ffn_norm"), g.get("ffn_sub_norm"),
            projections(dc, order))
        : new LayerWeights(g.get("attn_norm"), packed(dc, LayerKind.Q_PROJ), packed(dc, LayerKind.K_PROJ),
            packed(dc, LayerKind.V_PROJ), g.get("attn_sub_norm"), packed(dc, LayerKind.O_PROJ), g.get("ffn_norm"),
            packed(dc, LayerKind.GATE_PROJ), packed(dc, LayerKind.UP_PROJ), g.get("ffn_sub_norm"),
            packed(dc, LayerKind.DOWN_PROJ));
    KvCache cache = KvCache.ofOneLayer(start + m, c.kvDim(), dc.cachedKeys(), dc.cachedValues(), start, store);
    Recorder r = new Recorder(attnOverride);
    DecoderLayer layer = new DecoderLayer(c, precision);
    float[] h = dc.input().clone();
    try (ParallelLoop loop = ParallelLoop.serial()) {
      layer.run(w, 0, h, m, start, layer.ropeTables(start, m), cache, loop, new OpCounter(List.of()), r);
    }
    return r.trace();
  }

  /** The format's own matrices in MAC order (their apply is that order), else each plan in {@code order}. */
  private static Map<LayerKind, ? extends FormatProjection> projections(DecoderCase dc, SignSumOrder order) {
    if (order instanceof SignSumOrder.MacKOrder) {
      return dc.formatWeights();
    }
    Map<LayerKind, PlanProjection> out = new EnumMap<>(LayerKind.class);
    dc.formatPlans().forEach((k, plan) -> out.put(k, new PlanProjection(plan, order)));
    return out;
  }

  private static PackedTernary packed(DecoderCase dc, LayerKind kind) {
    return TernaryKernels.pack(dc.weights().get(kind));
  }

  /** Keeps a copy of everything the layer shows (its arrays change after they are shown). */
  private static final class Recorder implements LayerObserver {
    private final float[] attnOverride;
    private final Map<LayerKind, QuantizedActivations> in = new EnumMap<>(LayerKind.class);
    private final Map<LayerKind, int[]> acc = new EnumMap<>(LayerKind.class);
    private final Map<LayerKind, float[]> out = new EnumMap<>(LayerKind.class);
    private final Map<Point, float[]> points = new EnumMap<>(Point.class);

    Recorder(float[] attnOverride) {
      this.attnOverride = attnOverride;
    }

    @Override
    public void projection(LayerKind kind, QuantizedActivations input, int[] accumulators, float[] output) {
      in.put(kind, input);
      acc.put(kind, accumulators.clone());
      out.put(kind, output.clone());
    }

    @Override
    public void formatProjection(LayerKind kind, float[] input, float[] output) {
      out.put(kind, output.clone());
    }

    @Override
    public void point(Point point, float[] values) {
      points.put(point, values.clone());
    }

    @Override
    public float[] attention(float[] computed) {
      return attnOverride == null ? computed : attnOverride.clone();
    }

    Trace trace() {
      return new Trace(in, acc, out, points.get(Point.X_ATTN), points.get(Point.Q_ROT), points.get(Point.K_ROT),
          points.get(Point.V), points.get(Point.KEYS), points.get(Point.VALUES), points.get(Point.ATTN),
          points.get(Point.ATTN_NORMED), points.get(Point.H_MID), points.get(Point.X_FFN), points.get(Point.GATE),
          points.get(Point.UP), points.get(Point.ACT), points.get(Point.ACT_NORMED), points.get(Point.H_OUT));
    }
  }
}
