package dev.tritium.fpga.hls;

import dev.tritium.models.config.Activation;
import dev.tritium.models.quant.Quantizers;

/**
 * Emits the vector-unit functions with the reference engine's fp32 op order (models/README.md "Op
 * order"): every C operation is one IEEE binary32 operation, kernel.c is compiled without FMA
 * contraction, and reductions are sequential, so results are bit-identical to Java's. The only
 * exception is exp (SiLU), see {@link #gate}.
 */
final class VectorEmitter {

  /** Quantizer clamp 1e-5f, as a hex literal with the exact bits of {@link Quantizers#EPS}. */
  static final String QUANT_EPS = CCode.floatLiteral(Quantizers.EPS);

  private VectorEmitter() {}

  /** Per-token absmax int8 quantization (Quantizers.quantizeActivations); q is zero past K. */
  static void quantize(CCode c, Stage s) {
    String p = s.macro();
    c.comment(s.name() + ": s_x = 127 / max(max|x|, 1e-5); q = clamp(rint(x s_x), -128, 127), round half to even");
    c.comment("(rintf in the default rounding mode; never lroundf, which rounds half away from zero).");
    c.openf("static float %s_quantize(const float x[%s_K], int8_t q[%s_K_PAD])", s.name(), p, p);
    c.line("float absmax = 0.0f;");
    c.openf("for (int k = 0; k < %s_K; k++)", p);
    c.pragma("PIPELINE II=1");
    c.line("absmax = fmaxf(absmax, fabsf(x[k]));");
    c.close();
    c.line("const float s = 127.0f / fmaxf(absmax, " + QUANT_EPS + ");");
    c.openf("for (int k = 0; k < %s_K_PAD; k++)", p);
    c.pragma("PIPELINE II=1");
    c.pragma("UNROLL factor=VEC_LANES");
    c.openf("if (k < %s_K)", p);
    c.line("const float r = rintf(x[k] * s);");
    c.line("q[k] = (int8_t) fmaxf(-128.0f, fminf(127.0f, r));");
    c.close();
    c.open("else").line("q[k] = 0;").close();
    c.close();
    c.line("return s;");
    c.close().line("");
  }

  /** y = (float) acc / (s_w * s_x), the product rounded first (BitLinear.dequantize). */
  static void dequantize(CCode c, Stage s) {
    String p = s.macro();
    c.openf("static void %s_dequantize(const int32_t acc[%s_N], float s_w, float s_x, float y[%s_N])", s.name(), p, p);
    c.line("const float denom = s_w * s_x;");
    c.openf("for (int n = 0; n < %s_N; n++)", p);
    c.pragma("PIPELINE II=1");
    c.pragma("UNROLL factor=VEC_LANES");
    c.line("y[n] = (float) acc[n] / denom;");
    c.close();
    c.close().line("");
  }

  /** RMSNorm over {@code lengthMacro} values (RmsNorm.apply); the sum of squares stays sequential. */
  static void rmsnorm(CCode c, String name, String lengthMacro, float eps) {
    c.comment("RMSNorm: ss += x*x ascending (sequential: the fp32 op order is the reference's), mean = ss / d,");
    c.comment("inv = 1 / sqrtf(mean + eps) (sqrtf is correctly rounded, as Java's (float) Math.sqrt), y = (x inv) g.");
    c.openf("static void %s(const float x[%s], const float gain[%s], float y[%s])", name, lengthMacro, lengthMacro,
        lengthMacro);
    c.line("float ss = 0.0f;");
    c.openf("for (int i = 0; i < %s; i++)", lengthMacro);
    c.pragma("PIPELINE");
    c.line("ss += x[i] * x[i];");
    c.close();
    c.linef("const float mean = ss / (float) %s;", lengthMacro);
    c.linef("const float inv = 1.0f / sqrtf(mean + %s);", CCode.floatLiteral(eps));
    c.openf("for (int i = 0; i < %s; i++)", lengthMacro);
    c.pragma("PIPELINE II=1");
    c.pragma("UNROLL factor=VEC_LANES");
    c.line("y[i] = (x[i] * inv) * gain[i];");
    c.close();
    c.close().line("");
  }

  /**
   * The gated FFN activation f = act(gate) * up (FeedForwardActivation). relu2 is exact; SiLU calls
   * exp in double and rounds once, as Java's {@code (float) Math.exp(-g)}; libm's exp and Java's may
   * still differ by one ulp of the double, which after rounding changes f by at most a few float
   * ulps: the testbench compares f within {@link DecoderFfnDesign#SILU_MAX_ULPS}.
   */
  static void gate(CCode c, String lengthMacro, Activation act) {
    c.openf("static void ffn_gate(const float g[%s], const float u[%s], float f[%s])", lengthMacro, lengthMacro,
        lengthMacro);
    c.openf("for (int i = 0; i < %s; i++)", lengthMacro);
    c.pragma("PIPELINE II=1");
    c.pragma("UNROLL factor=VEC_LANES");
    switch (act) {
      case RELU2 -> {
        c.line("const float r = fmaxf(g[i], 0.0f);");
        c.line("f[i] = (r * r) * u[i];");
      }
      case SILU -> {
        c.line("const float e = (float) exp(-(double) g[i]);");
        c.line("f[i] = (g[i] / (1.0f + e)) * u[i];");
      }
      default -> throw new IllegalArgumentException("unsupported activation " + act);
    }
    c.close();
    c.close().line("");
  }
}
