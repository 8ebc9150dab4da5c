package dev.tritium.mapper.decoder;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.nn.Attention;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.nn.FeedForwardActivation;
import dev.tritium.models.nn.RmsNorm;
import dev.tritium.models.nn.Rope;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.util.EnumMap;
import java.util.Map;

/**
 * The reference engine's decoder layer (the op sequence of {@code BitNetModel.layer}, built from the
 * models' own {@link RmsNorm}, {@link Quantizers}, {@link BitLinear}, {@link Rope}, {@link Attention}
 * and {@link FeedForwardActivation}) with every intermediate kept, so each BitLinear's int8 input,
 * int32 accumulators and fp32 output can be compared. Optionally the attention output is replaced by
 * given values (the simulator's int8-attention result), so the BitLinears downstream of attention can
 * be proven bit-exact on the inputs the simulator really had.
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
    ModelConfig c = dc.config();
    int m = dc.shape().tokens();
    int start = dc.shape().start();
    int d = c.hiddenSize();
    int qDim = c.qDim();
    int kvDim = c.kvDim();
    int f = c.intermediateSize();
    float eps = (float) c.rmsNormEps();
    Map<LayerKind, QuantizedActivations> in = new EnumMap<>(LayerKind.class);
    Map<LayerKind, int[]> acc = new EnumMap<>(LayerKind.class);
    Map<LayerKind, float[]> out = new EnumMap<>(LayerKind.class);

    float[] h = dc.input().clone();
    float[] x = norm(h, m, d, dc.gains().get("attn_norm"), eps);
    QuantizedActivations xq = Quantizers.quantizeActivations(x, m, d);
    float[] q = project(dc, LayerKind.Q_PROJ, xq, in, acc, out).clone();
    float[] k = project(dc, LayerKind.K_PROJ, xq, in, acc, out).clone();
    float[] v = project(dc, LayerKind.V_PROJ, xq, in, acc, out).clone();
    Rope rope = new Rope(c.headDim(), c.ropeTheta());
    for (int t = 0; t < m; t++) {
      float[] table = rope.table(start + t);
      rope.rotate(q, t * qDim, c.numHeads(), table);
      rope.rotate(k, t * kvDim, c.numKvHeads(), table);
    }
    int keysTotal = start + m;
    float[] keys = new float[keysTotal * kvDim];
    float[] values = new float[keysTotal * kvDim];
    System.arraycopy(dc.cachedKeys(), 0, keys, 0, start * kvDim);
    System.arraycopy(dc.cachedValues(), 0, values, 0, start * kvDim);
    System.arraycopy(k, 0, keys, start * kvDim, m * kvDim);
    System.arraycopy(v, 0, values, start * kvDim, m * kvDim);
    float[] attn;
    if (attnOverride != null) {
      attn = attnOverride.clone();
    } else {
      attn = new float[m * qDim];
      for (int t = 0; t < m; t++) {
        Attention.attend(q, t * qDim, keys, values, start + t + 1, c.numHeads(), c.numKvHeads(), c.headDim(), attn,
            t * qDim);
      }
    }
    float[] attnNormed = c.subLayerNorms() ? norm(attn, m, qDim, dc.gains().get("attn_sub_norm"), eps) : attn;
    float[] o = project(dc, LayerKind.O_PROJ, Quantizers.quantizeActivations(attnNormed, m, qDim), in, acc, out);
    float[] hMid = add(h, o);
    float[] x2 = norm(hMid, m, d, dc.gains().get("ffn_norm"), eps);
    QuantizedActivations fq = Quantizers.quantizeActivations(x2, m, d);
    float[] gate = project(dc, LayerKind.GATE_PROJ, fq, in, acc, out);
    float[] up = project(dc, LayerKind.UP_PROJ, fq, in, acc, out);
    float[] act = gate.clone();
    FeedForwardActivation.applyInPlace(c.activation(), act, up);
    float[] actNormed = c.subLayerNorms() ? norm(act, m, f, dc.gains().get("ffn_sub_norm"), eps) : act;
    float[] down = project(dc, LayerKind.DOWN_PROJ, Quantizers.quantizeActivations(actNormed, m, f), in, acc, out);
    float[] hOut = add(hMid, down);
    return new Trace(in, acc, out, x, q, k, v, keys, values, attn, attnNormed, hMid, x2, gate, up, act, actNormed,
        hOut);
  }

  private static float[] project(DecoderCase dc, LayerKind kind, QuantizedActivations x,
      Map<LayerKind, QuantizedActivations> in, Map<LayerKind, int[]> acc, Map<LayerKind, float[]> out) {
    TernaryWeights w = dc.weights().get(kind);
    int[] a = BitLinear.accumulate(w, x);
    float[] y = BitLinear.dequantize(a, x.tokens(), w.rows(), w.scale(), x.scales());
    in.put(kind, x);
    acc.put(kind, a);
    out.put(kind, y);
    return y;
  }

  private static float[] norm(float[] x, int m, int width, float[] gain, float eps) {
    float[] y = new float[m * width];
    for (int t = 0; t < m; t++) {
      RmsNorm.apply(x, t * width, width, gain, eps, y, t * width);
    }
    return y;
  }

  /** a + b elementwise, in the residual's order ({@code h[i] += delta[i]}). */
  private static float[] add(float[] a, float[] b) {
    float[] y = a.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += b[i];
    }
    return y;
  }
}
