package dev.tritium.fpga.hls;

import dev.tritium.models.config.Activation;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.nn.FeedForwardActivation;
import dev.tritium.models.nn.RmsNorm;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder layer's FFN block, per token: {@code x = RMSNorm(h)}; gate and up BitLinears sharing
 * one activation quantization; {@code f = act(gate) * up}; {@code ffn_sub_norm(f)} when the model has
 * sub-layer norms; the down BitLinear; {@code h += down}. The attention half of the layer (RoPE,
 * softmax, KV cache) is not exported.
 */
final class DecoderFfnDesign implements LayerDesign {

  /**
   * Bound on SiLU-gated outputs: exp in C (glibc) and Java's Math.exp may differ by one ulp of the
   * double result; rounded to float that is at most one float ulp of e, and the following add,
   * divide and multiply (each correctly rounded) grow it to at most 3 ulps of f; 4 gives margin.
   */
  static final int SILU_MAX_ULPS = 4;

  private final Stage up;
  private final Stage down;
  private final Activation act;
  private final boolean subNorm;
  private final float eps;
  private final Map<String, byte[]> data = new LinkedHashMap<>();

  /** Computes every intermediate with the reference engine (RmsNorm, Quantizers, BitLinear, FeedForwardActivation). */
  DecoderFfnDesign(Stage up, Stage down, Activation act, boolean subNorm, float eps, long seed, FormatPreset format) {
    this.up = up;
    this.down = down;
    this.act = act;
    this.subNorm = subNorm;
    this.eps = eps;
    int m = up.tokens();
    int d = up.k();
    int f = up.n();
    float[] h = SeededInputs.hidden(m, d, seed);
    float[] normGain = SeededInputs.gains(d, seed + 1);
    float[] subGain = SeededInputs.gains(f, seed + 2);
    TernaryWeights wGate = SeededInputs.weights(f, d, seed, 5, format);
    TernaryWeights wUp = SeededInputs.weights(f, d, seed, 6, format);
    TernaryWeights wDown = SeededInputs.weights(d, f, seed, 7, format);

    float[] x = new float[m * d];
    for (int t = 0; t < m; t++) {
      RmsNorm.apply(h, t * d, d, normGain, eps, x, t * d);
    }
    QuantizedActivations q1 = Quantizers.quantizeActivations(x, m, d);
    int[] gateAcc = BitLinear.accumulate(wGate, q1);
    int[] upAcc = BitLinear.accumulate(wUp, q1);
    float[] gateY = BitLinear.dequantize(gateAcc, m, f, wGate.scale(), q1.scales());
    float[] upY = BitLinear.dequantize(upAcc, m, f, wUp.scale(), q1.scales());
    float[] gated = gateY.clone();
    FeedForwardActivation.applyInPlace(act, gated, upY);
    float[] normed = gated.clone();
    if (subNorm) {
      RmsNorm.applyRows(normed, m, f, subGain, eps);
    }
    QuantizedActivations q2 = Quantizers.quantizeActivations(normed, m, f);
    int[] downAcc = BitLinear.accumulate(wDown, q2);
    float[] downY = BitLinear.dequantize(downAcc, m, d, wDown.scale(), q2.scales());
    float[] hOut = h.clone();
    for (int i = 0; i < hOut.length; i++) {
      hOut[i] += downY[i];
    }
    data.put("h_in", LittleEndianBytes.of(h));
    data.put("norm_gain", LittleEndianBytes.of(normGain));
    if (subNorm) {
      data.put("sub_gain", LittleEndianBytes.of(subGain));
    }
    data.put("w_gate", up.plan().modelsPacking().encode(wGate));
    data.put("w_up", up.plan().modelsPacking().encode(wUp));
    data.put("w_down", down.plan().modelsPacking().encode(wDown));
    data.put("s_gate", LittleEndianBytes.of(wGate.scale()));
    data.put("s_up", LittleEndianBytes.of(wUp.scale()));
    data.put("s_down", LittleEndianBytes.of(wDown.scale()));
    data.put("x_norm", LittleEndianBytes.of(x));
    data.put("xq_in", q1.values().clone());
    data.put("sx_in", LittleEndianBytes.of(q1.scales()));
    data.put("gate_acc", LittleEndianBytes.of(gateAcc));
    data.put("up_acc", LittleEndianBytes.of(upAcc));
    data.put("gate_y", LittleEndianBytes.of(gateY));
    data.put("up_y", LittleEndianBytes.of(upY));
    data.put("f", LittleEndianBytes.of(gated));
    if (subNorm) {
      data.put("f_norm", LittleEndianBytes.of(normed));
    }
    data.put("xq_down", q2.values().clone());
    data.put("sx_down", LittleEndianBytes.of(q2.scales()));
    data.put("down_acc", LittleEndianBytes.of(downAcc));
    data.put("down_y", LittleEndianBytes.of(downY));
    data.put("h_out", LittleEndianBytes.of(hOut));
  }

  @Override
  public String topName() {
    return "decoder_ffn_top";
  }

  @Override
  public List<Stage> stages() {
    return List.of(up, down);
  }

  @Override
  public List<Port> ports() {
    int m = up.tokens();
    int d = up.k();
    int f = up.n();
    String md = "TOKENS * HIDDEN";
    String mf = "TOKENS * FFN";
    Comparison fCheck = act == Activation.SILU ? new Comparison.WithinUlps(SILU_MAX_ULPS) : Comparison.EXACT;
    Comparison downstream = act == Activation.SILU ? new Comparison.ExactIfUpstreamExact("f") : Comparison.EXACT;
    List<Port> ports = new ArrayList<>();
    ports.add(Port.inArray("h_in", CType.FLOAT32, md, m * d, "gmem_a", "residual stream h [TOKENS][HIDDEN]"));
    ports.add(Port.inArray("norm_gain", CType.FLOAT32, "HIDDEN", d, "gmem_a", "post-attention RMSNorm gains"));
    if (subNorm) {
      ports.add(Port.inArray("sub_gain", CType.FLOAT32, "FFN", f, "gmem_a", "ffn_sub_norm gains"));
    }
    ports.add(weights("w_gate", up));
    ports.add(weights("w_up", up));
    ports.add(weights("w_down", down));
    ports.add(Port.inScalar("s_gate", CType.FLOAT32, "gate_proj s_w"));
    ports.add(Port.inScalar("s_up", CType.FLOAT32, "up_proj s_w"));
    ports.add(Port.inScalar("s_down", CType.FLOAT32, "down_proj s_w"));
    ports.add(Port.output("x_norm", CType.FLOAT32, md, m * d, Comparison.EXACT, "RMSNorm(h)"));
    ports.add(Port.output("xq_in", CType.INT8, md, m * d, Comparison.EXACT, "quantized gate/up input"));
    ports.add(Port.output("sx_in", CType.FLOAT32, "TOKENS", m, Comparison.EXACT, "its scales"));
    ports.add(Port.output("gate_acc", CType.INT32, mf, m * f, Comparison.EXACT, "gate_proj accumulators"));
    ports.add(Port.output("up_acc", CType.INT32, mf, m * f, Comparison.EXACT, "up_proj accumulators"));
    ports.add(Port.output("gate_y", CType.FLOAT32, mf, m * f, Comparison.EXACT, "gate_proj outputs"));
    ports.add(Port.output("up_y", CType.FLOAT32, mf, m * f, Comparison.EXACT, "up_proj outputs"));
    ports.add(Port.output("f", CType.FLOAT32, mf, m * f, fCheck, act.name().toLowerCase(java.util.Locale.ROOT)
        + "(gate) * up"));
    if (subNorm) {
      ports.add(Port.output("f_norm", CType.FLOAT32, mf, m * f, downstream, "ffn_sub_norm(f)"));
    }
    ports.add(Port.output("xq_down", CType.INT8, mf, m * f, downstream, "quantized down_proj input"));
    ports.add(Port.output("sx_down", CType.FLOAT32, "TOKENS", m, downstream, "its scales"));
    ports.add(Port.output("down_acc", CType.INT32, md, m * d, downstream, "down_proj accumulators"));
    ports.add(Port.output("down_y", CType.FLOAT32, md, m * d, downstream, "down_proj outputs"));
    ports.add(Port.output("h_out", CType.FLOAT32, md, m * d, downstream, "h + down_proj(...)"));
    return ports;
  }

  private static Port weights(String name, Stage s) {
    String p = s.macro();
    return Port.inArray(name, CType.UINT8, p + "_N * " + p + "_ROW_BYTES", (int) (s.n() * s.rowBytes()), "gmem_w",
        "packed " + name.substring(2) + "_proj weights, layout " + s.plan().packing().modelsName());
  }

  @Override
  public void defines(CCode h) {
    h.linef("#define HIDDEN %d", up.k());
    h.linef("#define FFN %d", up.n());
  }

  @Override
  public void vectorFunctions(CCode c) {
    VectorEmitter.rmsnorm(c, "rmsnorm_hidden", "HIDDEN", eps);
    if (subNorm) {
      VectorEmitter.rmsnorm(c, "rmsnorm_ffn", "FFN", eps);
    }
    VectorEmitter.gate(c, "FFN", act);
  }

  @Override
  public void topBody(CCode c) {
    String u = up.name();
    String dn = down.name();
    c.line("static float xn[TOKENS][HIDDEN];");
    c.linef("static int8_t q_in[TOKENS][%s_K_PAD];", up.macro());
    c.linef("static int8_t q_down[TOKENS][%s_K_PAD];", down.macro());
    c.line("static int32_t ga[TOKENS][FFN];");
    c.line("static int32_t ua[TOKENS][FFN];");
    c.line("static int32_t da[TOKENS][HIDDEN];");
    c.line("static float gy[TOKENS][FFN];");
    c.line("static float uy[TOKENS][FFN];");
    c.line("static float fv[TOKENS][FFN];");
    c.line("static float fn[TOKENS][FFN];");
    c.line("static float dy[TOKENS][HIDDEN];");
    c.line("float s_in[TOKENS];");
    c.line("float s_dn[TOKENS];");
    c.line("int32_t invalid = 0;");
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.line("rmsnorm_hidden(&h_in[m * HIDDEN], norm_gain, xn[m]);");
    c.linef("s_in[m] = %s_quantize(xn[m], q_in[m]);", u);
    c.close();
    c.linef("invalid += %s_matmul(q_in, w_gate, ga);", u);
    c.linef("invalid += %s_matmul(q_in, w_up, ua);", u);
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.linef("%s_dequantize(ga[m], s_gate, s_in[m], gy[m]);", u);
    c.linef("%s_dequantize(ua[m], s_up, s_in[m], uy[m]);", u);
    c.line("ffn_gate(gy[m], uy[m], fv[m]);");
    if (subNorm) {
      c.line("rmsnorm_ffn(fv[m], sub_gain, fn[m]);");
    } else {
      c.open("for (int i = 0; i < FFN; i++)").pragma("PIPELINE II=1").line("fn[m][i] = fv[m][i];").close();
    }
    c.linef("s_dn[m] = %s_quantize(fn[m], q_down[m]);", dn);
    c.close();
    c.linef("invalid += %s_matmul(q_down, w_down, da);", dn);
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.linef("%s_dequantize(da[m], s_down, s_dn[m], dy[m]);", dn);
    c.line("sx_in[m] = s_in[m];");
    c.line("sx_down[m] = s_dn[m];");
    c.open("for (int i = 0; i < HIDDEN; i++)");
    c.pragma("PIPELINE II=1");
    c.line("const int at = m * HIDDEN + i;");
    c.line("x_norm[at] = xn[m][i];");
    c.line("xq_in[at] = q_in[m][i];");
    c.line("down_acc[at] = da[m][i];");
    c.line("down_y[at] = dy[m][i];");
    c.line("h_out[at] = h_in[at] + dy[m][i];");
    c.close();
    c.open("for (int i = 0; i < FFN; i++)");
    c.pragma("PIPELINE II=1");
    c.line("const int at = m * FFN + i;");
    c.line("gate_acc[at] = ga[m][i];");
    c.line("up_acc[at] = ua[m][i];");
    c.line("gate_y[at] = gy[m][i];");
    c.line("up_y[at] = uy[m][i];");
    c.line("f[at] = fv[m][i];");
    if (subNorm) {
      c.line("f_norm[at] = fn[m][i];");
    }
    c.line("xq_down[at] = q_down[m][i];");
    c.close();
    c.close();
    c.line("return invalid;");
  }

  @Override
  public Map<String, byte[]> data() {
    return data;
  }

  @Override
  public String description() {
    return "decoder FFN block (" + act.name().toLowerCase(java.util.Locale.ROOT) + (subNorm ? ", ffn_sub_norm" : "")
        + "): HIDDEN=" + up.k() + " FFN=" + up.n() + " TOKENS=" + up.tokens()
        + "; RMSNorm -> gate/up BitLinear -> gating -> " + (subNorm ? "sub-norm -> " : "") + "down BitLinear -> residual";
  }

  @Override
  public String numericsNote() {
    if (act == Activation.SILU) {
      return "RMSNorm, quantization, accumulators and BitLinear outputs up to the gating are compared bit for bit. "
          + "The SiLU-gated f uses exp: C's exp and Java's Math.exp may differ by an ulp, so f is compared within "
          + SILU_MAX_ULPS + " ulps. Everything after f is compared bit for bit when f matched exactly (the usual case); "
          + "if f differed within the bound, those values are reported as unchecked, since one ulp may move a "
          + "quantization step.";
    }
    return "relu2 gating has no transcendental op: every output (RMSNorm, quantization, every accumulator, every "
        + "BitLinear output, the gated f, the residual) is compared bit for bit.";
  }
}
