package dev.tritium.mapper.decoder;

import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The analytic bound on how far the simulator's decoder layer may be from the reference engine's
 * (mapper/README.md, "Decoder cross-check: the error bound"). The only place the two compute
 * different functions is attention (int8 q, K, V and probabilities on the accelerator, fp32 in the
 * reference); every other op is bit-exact (checked separately). So the bound is the int8-attention
 * error, derived per output element from the operands' magnitudes, then propagated through the rest
 * of the layer with per-stage perturbation bounds (RMSNorm, quantize + ternary BitLinear, gating,
 * residual). Magnitudes are the reference run's; each stage adds the fp32 rounding slack of both
 * computations. Bounds are per element, [tokens][width], in doubles.
 */
public final class DecoderErrorBound {

  /** Hoeffding multiplier of the probabilistic BitLinear stages: a sum exceeds it with probability <= 2 e^-18. */
  public static final double LAMBDA = 6;

  /** fp32 unit roundoff 2^-24. */
  static final double U = 0x1p-24;

  private DecoderErrorBound() {}

  /**
   * Per-element bound on |attention_int8 - attention_fp32|, [tokens][q_dim]. The int8 codes of q (per
   * token and head), K and V (per position and kv head) are deterministic functions of the reference's
   * values, so their errors are evaluated exactly (dq, dk, dv); what the accelerator computes after them
   * (fp32 softmax, probability quantization) is bounded:
   * <ol>
   *   <li>score error delta_j = |q^ k^_j - q k_j| / sqrt(d) plus fp32 slack of both sides;</li>
   *   <li>softmax: p^_j / p_j = 1 / (p_j + sum_{l != j} p_l e^{D_l - D_j}) with |D_l| <= delta_l, so
   *       p^_j / p_j lies in [1 / (p_j + e^{delta_j} S+_j), 1 / (p_j + e^{-delta_j} S-_j)] with
   *       S+-_j = sum_{l != j} p_l e^{+-delta_l};</li>
   *   <li>the accelerator quantizes u_j = p^_j / s_vj per row (half a step: max u / 254) and multiplies
   *       by V's int8 codes V_q: the output is sum_j u^_j V_q,ji, so
   *       |out^ - out|_i <= (max u / 254) sum_j |V_q,ji| + sum_j |p^_j - p_j| |v^_ji| + |sum_j p_j (v^_ji - v_ji)|.</li>
   * </ol>
   */
  public static double[] attention(ModelConfig c, int start, DecoderReference.Trace ref) {
    int m = ref.qRot().length / c.qDim();
    int hd = c.headDim();
    int qDim = c.qDim();
    int kvDim = c.kvDim();
    int group = c.numHeads() / c.numKvHeads();
    int keysTotal = start + m;
    double sqrtD = Math.sqrt(hd);
    // int8 codes and 1/s of every cached K and V row, as the accelerator stores them
    byte[][] kq = new byte[keysTotal * c.numKvHeads()][];
    byte[][] vq = new byte[keysTotal * c.numKvHeads()][];
    double[] kInv = new double[kq.length];
    double[] vInv = new double[kq.length];
    for (int j = 0; j < keysTotal; j++) {
      for (int g = 0; g < c.numKvHeads(); g++) {
        int r = j * c.numKvHeads() + g;
        QuantizedActivations k = quantize(ref.keys(), j * kvDim + g * hd, hd);
        QuantizedActivations v = quantize(ref.values(), j * kvDim + g * hd, hd);
        kq[r] = k.values();
        vq[r] = v.values();
        kInv[r] = 1.0 / k.scales()[0];
        vInv[r] = 1.0 / v.scales()[0];
      }
    }
    double[] bound = new double[m * qDim];
    for (int t = 0; t < m; t++) {
      int keys = start + t + 1;
      for (int h = 0; h < c.numHeads(); h++) {
        int qb = t * qDim + h * hd;
        int g = h / group;
        int kvOff = g * hd;
        QuantizedActivations qq = quantize(ref.qRot(), qb, hd);
        double qInv = 1.0 / qq.scales()[0];
        double[] scores = new double[keys];
        double[] delta = new double[keys];
        for (int j = 0; j < keys; j++) {
          int kb = j * kvDim + kvOff;
          int r = j * c.numKvHeads() + g;
          double dot = 0;
          double dotHat = 0;
          double abs = 0;
          for (int i = 0; i < hd; i++) {
            dot += (double) ref.qRot()[qb + i] * ref.keys()[kb + i];
            dotHat += qq.values()[i] * qInv * kq[r][i] * kInv[r];
            abs += Math.abs((double) ref.qRot()[qb + i] * ref.keys()[kb + i]);
          }
          scores[j] = dot / sqrtD;
          // fp32: the reference's sequential dot (hd roundings) and the accelerator's dequant chain (4 roundings)
          delta[j] = Math.abs(dotHat - dot) / sqrtD + (2 * (hd + 2) * U * abs + 8 * U * Math.abs(dotHat)) / sqrtD;
        }
        double[] p = softmax(scores);
        double up = 0;
        double down = 0;
        for (int j = 0; j < keys; j++) {
          up += p[j] * Math.exp(delta[j]);
          down += p[j] * Math.exp(-delta[j]);
        }
        double[] dp = new double[keys];
        double maxU = 0;
        for (int j = 0; j < keys; j++) {
          // p^_j / p_j = 1 / (p_j + sum_{l != j} p_l e^{D_l - D_j}), |D_l - D_j| <= delta_l + delta_j
          double others = Math.max(0, down - p[j] * Math.exp(-delta[j]));
          double othersUp = Math.max(0, up - p[j] * Math.exp(delta[j]));
          double hi = 1 / (p[j] + Math.exp(-delta[j]) * others);
          double lo = 1 / (p[j] + Math.exp(delta[j]) * othersUp);
          dp[j] = p[j] * (Math.max(hi - 1, 1 - lo) + 4 * (keys + 4) * U);
          maxU = Math.max(maxU, (p[j] + dp[j]) * vInv[j * c.numKvHeads() + g]);
        }
        double halfStep = maxU / 254 * (1 + 4 * U);
        for (int i = 0; i < hd; i++) {
          double codes = 0;
          double shift = 0;
          double exact = 0;
          double pv = 0;
          for (int j = 0; j < keys; j++) {
            int r = j * c.numKvHeads() + g;
            double vHat = vq[r][i] * vInv[r];
            double v = ref.values()[j * kvDim + kvOff + i];
            codes += Math.abs(vq[r][i]);
            shift += dp[j] * Math.abs(vHat);
            exact += p[j] * (vHat - v);
            pv += p[j] * Math.abs(v);
          }
          bound[qb + i] = halfStep * codes + shift + Math.abs(exact) + 4 * (keys + 4) * U * (pv + maxU * codes);
        }
      }
    }
    return bound;
  }

  private static QuantizedActivations quantize(float[] x, int off, int n) {
    return Quantizers.quantizeActivations(java.util.Arrays.copyOfRange(x, off, off + n), 1, n);
  }

  /**
   * Per-token l2 bounds after the attention block and after the whole layer.
   *
   * @param hMid bound on ||h_mid' - h_mid|| (the residual stream after o_proj), per token
   * @param hOut bound on ||h_out' - h_out||, per token (infinite where a stage's bound is vacuous)
   */
  public record LayerBounds(double[] hMid, double[] hOut) {}

  /**
   * The attention bound's l2 norm propagated with rigorous l2 stage bounds: RMSNorm followed by a
   * BitLinear ({@link #normThenBitLinearL2}), the residual adds, and the gating.
   */
  public static LayerBounds layerL2(DecoderCase dc, DecoderReference.Trace ref, double[] attentionBound) {
    ModelConfig c = dc.config();
    int m = dc.shape().tokens();
    int d = c.hiddenSize();
    int qDim = c.qDim();
    int f = c.intermediateSize();
    Map<LayerKind, Double> spectral = new EnumMap<>(LayerKind.class);
    for (LayerKind k : List.of(LayerKind.O_PROJ, LayerKind.GATE_PROJ, LayerKind.UP_PROJ, LayerKind.DOWN_PROJ)) {
      spectral.put(k, spectralNorm(dc.weights().get(k)));
    }
    double[] mid = new double[m];
    double[] out = new double[m];
    for (int t = 0; t < m; t++) {
      double e = 0;
      for (int i = 0; i < qDim; i++) {
        e += attentionBound[t * qDim + i] * attentionBound[t * qDim + i];
      }
      e = Math.sqrt(e);
      double eo = c.subLayerNorms()
          ? normThenBitLinearL2(dc, ref, "attn_sub_norm", ref.attn(), LayerKind.O_PROJ, spectral, t, e)
          : bitLinearL2(dc, ref, LayerKind.O_PROJ, spectral.get(LayerKind.O_PROJ), ref.attnNormed(), t, e);
      mid[t] = eo + 2 * U * l2(ref.hMid(), t * d, d);
      double eg = normThenBitLinearL2(dc, ref, "ffn_norm", ref.hMid(), LayerKind.GATE_PROJ, spectral, t, mid[t]);
      double eu = normThenBitLinearL2(dc, ref, "ffn_norm", ref.hMid(), LayerKind.UP_PROJ, spectral, t, mid[t]);
      double gateFactor = 0;
      double upFactor = 0;
      for (int i = 0; i < f; i++) {
        double g = ref.gate()[t * f + i];
        double u = Math.abs(ref.up()[t * f + i]);
        if (c.activation() == Activation.RELU2) {
          double r = Math.max(g, 0);
          // r'^2 u' - r^2 u = (r' + r)(r' - r) u' + r^2 (u' - u), |r' - r| <= |g' - g|
          gateFactor = Math.max(gateFactor, (2 * r + eg) * (u + eu));
          upFactor = Math.max(upFactor, r * r);
        } else {
          // |silu'| <= 1.0999 everywhere, so silu is 1.1-Lipschitz
          gateFactor = Math.max(gateFactor, 1.1 * (u + eu));
          upFactor = Math.max(upFactor, Math.abs(g / (1 + Math.exp(-g))) + 1.1 * eg);
        }
      }
      double ea = gateFactor * eg + upFactor * eu + 4 * U * l2(ref.act(), t * f, f);
      double ed = c.subLayerNorms()
          ? normThenBitLinearL2(dc, ref, "ffn_sub_norm", ref.act(), LayerKind.DOWN_PROJ, spectral, t, ea)
          : bitLinearL2(dc, ref, LayerKind.DOWN_PROJ, spectral.get(LayerKind.DOWN_PROJ), ref.actNormed(), t, ea);
      out[t] = mid[t] + ed + 2 * U * l2(ref.hOut(), t * d, d);
    }
    return new LayerBounds(mid, out);
  }

  /**
   * RMSNorm (gain g) then quantize + BitLinear, input perturbed by ||dx|| <= e. With r' the perturbed
   * RMS, norm(x') = (r / r') (x + dx) g / r = c (y + delta), ||delta|| <= max|g| e / r, and absmax
   * quantization is scale invariant (q(c z) = q(z), s_x(c z) = s_x(z) / c), so
   * BitLinear(norm(x')) = c BitLinear(y + delta): the scale change of the norm never flips an int8
   * code. |c - 1| <= rho / (r - rho), rho = e / sqrt(n), hence
   * ||dz|| <= |c - 1| (||z|| + b) + b with b = {@link #bitLinearL2}(delta).
   */
  static double normThenBitLinearL2(DecoderCase dc, DecoderReference.Trace ref, String norm, float[] x,
      LayerKind kind, Map<LayerKind, Double> spectral, int t, double e) {
    int n = kind.inFeatures(dc.config());
    float[] gain = dc.gains().get(norm);
    double ss = 0;
    double g = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) x[t * n + i] * x[t * n + i];
      g = Math.max(g, Math.abs(gain[i]));
    }
    double r = Math.sqrt(ss / n + dc.config().rmsNormEps());
    double rho = e / Math.sqrt(n);
    if (rho >= r) {
      return Double.POSITIVE_INFINITY;
    }
    float[] y = norm.equals("ffn_norm") ? ref.xFfn() : norm.equals("attn_sub_norm") ? ref.attnNormed() : ref.actNormed();
    // the fp32 norm of both sides: 2 (n + 4) u relative per element
    double delta = g * e / r + 2 * (n + 4) * U * l2(y, t * n, n);
    double b = bitLinearL2(dc, ref, kind, spectral.get(kind), y, t, delta);
    double z = l2(ref.outputs().get(kind), t * kind.outFeatures(dc.config()), kind.outFeatures(dc.config()));
    double scale = rho / (r - rho);
    return scale * (z + b) + b;
  }

  /**
   * Quantize + ternary BitLinear of token t in l2: q(x) / s_x = x + eta(x) with |eta_k| <= a / 254 (half
   * an int8 step of absmax a), so y = W (x + eta(x)) / s_w and for ||dx|| <= e
   * ||y' - y|| <= (||W||_2 (e + sqrt(K) a' / 254) + ||W eta(x)||) / s_w, where eta(x) is the reference's
   * own rounding (known exactly) and a' <= a + e bounds the perturbed absmax.
   */
  public static double bitLinearL2(DecoderCase dc, DecoderReference.Trace ref, LayerKind kind, double spectral,
      float[] x, int t, double e) {
    TernaryWeights w = dc.weights().get(kind);
    int k = w.cols();
    int off = t * k;
    float s = ref.inputs().get(kind).scales()[t];
    byte[] codes = ref.inputs().get(kind).values();
    double[] eta = new double[k];
    double a = 0;
    for (int i = 0; i < k; i++) {
      eta[i] = codes[off + i] / (double) s - x[off + i];
      a = Math.max(a, Math.abs(x[off + i]));
    }
    double aPerturbed = a + e;
    double rounding = Math.sqrt(k) * (aPerturbed / 254 * (1 + 4 * U) + 2 * U * aPerturbed);
    byte[] v = w.values();
    double known = 0;
    for (int r = 0; r < w.rows(); r++) {
      double sum = 0;
      for (int i = 0; i < k; i++) {
        sum += v[r * k + i] * eta[i];
      }
      known += sum * sum;
    }
    double y = l2(ref.outputs().get(kind), t * w.rows(), w.rows());
    return (spectral * (e + rounding) + Math.sqrt(known)) / w.scale() * (1 + 8 * U) + 4 * U * y;
  }

  /**
   * ||W||_2 of a ternary matrix by power iteration on W^T W (seeded positive start; until the estimate
   * grows by less than 1e-6 relative, 20 to 200 iterations), plus a 1% margin: the estimate converges
   * to the largest singular value from below.
   */
  public static double spectralNorm(TernaryWeights w) {
    int n = w.rows();
    int k = w.cols();
    byte[] v = w.values();
    double[] x = new double[k];
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int i = 0; i < k; i++) {
      x[i] = r.nextDouble() + 0.5;
    }
    double sigma = 0;
    for (int it = 0; it < 200; it++) {
      double previous = sigma;
      double[] y = new double[n];
      for (int row = 0; row < n; row++) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
          sum += v[row * k + i] * x[i];
        }
        y[row] = sum;
      }
      double[] z = new double[k];
      for (int row = 0; row < n; row++) {
        for (int i = 0; i < k; i++) {
          z[i] += v[row * k + i] * y[row];
        }
      }
      double norm = 0;
      for (double zi : z) {
        norm += zi * zi;
      }
      norm = Math.sqrt(norm);
      double xn = 0;
      for (double xi : x) {
        xn += xi * xi;
      }
      sigma = Math.sqrt(norm / Math.sqrt(xn));
      for (int i = 0; i < k; i++) {
        x[i] = z[i] / norm;
      }
      if (it >= 20 && sigma - previous <= 1e-6 * sigma) {
        break;
      }
    }
    return sigma * 1.01;
  }

  public static double l2(float[] x, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) x[off + i] * x[off + i];
    }
    return Math.sqrt(s);
  }

  /** Half an int8 step of absmax quantization (a / 254), with the fp32 rounding of x * s. */
  static double quantStep(double absMax) {
    return absMax / 254 * (1 + 4 * U) + 2 * U * absMax;
  }

  private static double[] softmax(double[] s) {
    double mx = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      mx = Math.max(mx, v);
    }
    double sum = 0;
    double[] p = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      p[i] = Math.exp(s[i] - mx);
      sum += p[i];
    }
    for (int i = 0; i < s.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static double absMax(float[] x, int off, int n) {
    double a = 0;
    for (int i = 0; i < n; i++) {
      a = Math.max(a, Math.abs(x[off + i]));
    }
    return a;
  }

  private static double norm1(float[] x, int off, int n) {
    double a = 0;
    for (int i = 0; i < n; i++) {
      a += Math.abs(x[off + i]);
    }
    return a;
  }

  private static double max(double[] x, int off, int n) {
    double a = 0;
    for (int i = 0; i < n; i++) {
      a = Math.max(a, x[off + i]);
    }
    return a;
  }
}
