package dev.tritium.fpga.hls;

import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One projection: quantize x, the ternary matrix product over packed weights, dequantize. */
final class BitLinearDesign implements LayerDesign {

  private final Stage stage;
  private final Map<String, byte[]> data = new LinkedHashMap<>();

  /** Computes the golden values with the reference engine (Quantizers, BitLinear). */
  BitLinearDesign(Stage stage, long seed, FormatPreset format) {
    this.stage = stage;
    int m = stage.tokens();
    float[] x = SeededInputs.activations(m, stage.k(), seed);
    TernaryWeights w = SeededInputs.weights(stage.n(), stage.k(), seed, 1, format);
    QuantizedActivations q = Quantizers.quantizeActivations(x, m, stage.k());
    int[] acc = BitLinear.accumulate(w, q);
    float[] y = BitLinear.dequantize(acc, m, stage.n(), w.scale(), q.scales());
    data.put("x", LittleEndianBytes.of(x));
    data.put("w", stage.plan().modelsPacking().encode(w));
    data.put("w_scale", LittleEndianBytes.of(w.scale()));
    data.put("xq", q.values().clone());
    data.put("sx", LittleEndianBytes.of(q.scales()));
    data.put("acc", LittleEndianBytes.of(acc));
    data.put("y", LittleEndianBytes.of(y));
  }

  @Override
  public String topName() {
    return "bitlinear_top";
  }

  @Override
  public List<Stage> stages() {
    return List.of(stage);
  }

  @Override
  public List<Port> ports() {
    String p = stage.macro();
    int m = stage.tokens();
    return List.of(
        Port.inArray("x", CType.FLOAT32, "TOKENS * " + p + "_K", m * stage.k(), "gmem_a", "fp32 input activations [TOKENS][K]"),
        Port.inArray("w", CType.UINT8, p + "_N * " + p + "_ROW_BYTES", (int) (stage.n() * stage.rowBytes()), "gmem_w",
            "packed weights [N][ROW_BYTES], layout " + stage.plan().packing().modelsName()),
        Port.inScalar("w_scale", CType.FLOAT32, "per-tensor weight scale s_w"),
        Port.output("xq", CType.INT8, "TOKENS * " + p + "_K", m * stage.k(), Comparison.EXACT,
            "int8 quantized activations [TOKENS][K]"),
        Port.output("sx", CType.FLOAT32, "TOKENS", m, Comparison.EXACT, "activation scales s_x [TOKENS]"),
        Port.output("acc", CType.INT32, "TOKENS * " + p + "_N", m * stage.n(), Comparison.EXACT,
            "int32 accumulators [TOKENS][N]"),
        Port.output("y", CType.FLOAT32, "TOKENS * " + p + "_N", m * stage.n(), Comparison.EXACT,
            "fp32 outputs y = acc / (s_w s_x) [TOKENS][N]"));
  }

  @Override
  public void defines(CCode h) {}

  @Override
  public void vectorFunctions(CCode c) {}

  @Override
  public void topBody(CCode c) {
    String p = stage.macro();
    String n = stage.name();
    c.linef("static int8_t q[TOKENS][%s_K_PAD];", p);
    c.pragma("ARRAY_PARTITION variable=q cyclic factor=TILE_K dim=2");
    c.linef("static int32_t acc_tile[TOKENS][%s_N];", p);
    c.line("float s_x[TOKENS];");
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.linef("s_x[m] = %s_quantize(&x[m * %s_K], q[m]);", n, p);
    c.line("sx[m] = s_x[m];");
    c.openf("for (int k = 0; k < %s_K; k++)", p).pragma("PIPELINE II=1").linef("xq[m * %s_K + k] = q[m][k];", p).close();
    c.close();
    c.linef("const int32_t invalid = %s_matmul(q, w, acc_tile);", n);
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.linef("%s_dequantize(acc_tile[m], w_scale, s_x[m], &y[m * %s_N]);", n, p);
    c.openf("for (int i = 0; i < %s_N; i++)", p).pragma("PIPELINE II=1").linef("acc[m * %s_N + i] = acc_tile[m][i];", p)
        .close();
    c.close();
    c.line("return invalid;");
  }

  @Override
  public Map<String, byte[]> data() {
    return data;
  }

  @Override
  public String description() {
    return "BitLinear " + stage.name() + ": y[" + stage.tokens() + "][" + stage.n() + "] = dequant(W[" + stage.n() + "]["
        + stage.k() + "] . quant(x[" + stage.tokens() + "][" + stage.k() + "]))";
  }

  @Override
  public String numericsNote() {
    return "Every output (xq, sx, acc, y) is compared bit for bit with the Java reference engine.";
  }
}
