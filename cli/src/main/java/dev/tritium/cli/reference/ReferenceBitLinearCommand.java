package dev.tritium.cli.reference;

import dev.tritium.common.io.OutputFiles;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.OneBit;
import dev.tritium.models.io.OneBitCheckpoint;
import dev.tritium.models.io.SafetensorsDtype;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.io.Npy;
import dev.tritium.models.io.NpyArray;
import dev.tritium.models.io.SafetensorsFile;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tritium reference bitlinear}: one BitLinear on user-supplied NumPy arrays, so results can be
 * checked in Python. Quantizes W (absmean) and X (per-token absmax), accumulates in int32 and
 * dequantizes exactly as the reference engine does.
 */
@Command(
    name = "bitlinear",
    mixinStandardHelpOptions = true,
    description = {
        "Run one reference BitLinear y = (Wq . xq) / (s_w * s_x) on .npy files, or the same layer in another",
        "low-bit weight format (--format; --format help lists them with bits per weight).",
        "W is [N, K] float32 (.npy, or one F32/F16/BF16 tensor of a .safetensors file named by --tensor);",
        "with --format onebit, --tensor may name a layer of a released OneBit checkpoint (PREFIX.weight packed I8,",
        "PREFIX.weight_scale, PREFIX.input_factor), used as it is stored rather than quantized again;",
        "X is [M, K] (or [K], taken as M = 1) float32; Y is written as [M, N] float32."})
public final class ReferenceBitLinearCommand implements Callable<Integer> {

  @Option(names = "--format", paramLabel = "NAME[:k=v,...]|help", defaultValue = "bitnet-b1.58",
      description = "weight format: bitnet-b1.58 (default), bitnet-w1, onebit, pb-llm:salient=F[,index=bitmap|csr],"
          + " billm[:salient=F,block=B], ternaryllm:group=G; 'help' lists them with bits per weight")
  String format;

  @Option(names = "--weight", paramLabel = "W.npy|W.safetensors",
      description = "weights [N, K]: float32 .npy, or a .safetensors file with --tensor")
  Path weight;

  @Option(names = "--tensor", paramLabel = "NAME",
      description = "the weight tensor's name inside a .safetensors --weight (e.g. model.layers.0.mlp.up_proj.weight)")
  String tensor;

  @Option(names = "--input", paramLabel = "X.npy", description = "activations, float32 [M, K] or [K]")
  Path input;

  @Option(names = "--out", paramLabel = "Y.npy", description = "output, float32 [M, N]")
  Path out;

  @Option(names = "--acc", paramLabel = "ACC.npy", description = "also write the int32 accumulators [M, N]")
  Path acc;

  @Option(names = "--wq", paramLabel = "WQ.npy", description = "also write the int8 ternary weights [N, K]")
  Path wq;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    if (format.strip().equalsIgnoreCase("help")) {
      o.print(FormatPresets.help());
      o.flush();
      return 0;
    }
    FormatPreset preset = FormatPresets.parse(format);
    for (Object[] required : new Object[][] {{"--weight", weight}, {"--input", input}, {"--out", out}}) {
      if (required[1] == null) {
        throw new IllegalArgumentException("missing " + required[0] + " (required unless --format help)");
      }
    }
    if (preset instanceof OneBit && releasedOneBit()) {
      return oneBitCheckpoint(o, preset);
    }
    NpyArray.Float32 w = readWeight();
    NpyArray.Float32 x = Npy.readFloat32(input);
    if (w.shape().length != 2 || w.elementCount() == 0) {
      throw new IllegalArgumentException(weight + ": expected a non-empty 2-D [N, K] weight, got shape " + w.shapeString());
    }
    if ((x.shape().length != 1 && x.shape().length != 2) || x.elementCount() == 0) {
      throw new IllegalArgumentException(input + ": expected a non-empty [M, K] or [K] input, got shape " + x.shapeString());
    }
    int n = w.shape()[0];
    int k = w.shape()[1];
    int m = x.shape().length == 1 ? 1 : x.shape()[0];
    int xk = x.shape()[x.shape().length - 1];
    if (xk != k) {
      throw new IllegalArgumentException("shape mismatch: --weight " + weight + " has shape " + w.shapeString()
          + " (K = " + k + ") but --input " + input + " has shape " + x.shapeString() + " (K = " + xk + ")");
    }
    if (!(preset instanceof BitNetB158)) {
      return otherFormat(o, preset, w.data(), x.data(), m, n, k);
    }
    TernaryWeights tw = withFile(weight, () -> Quantizers.quantizeWeights(w.data(), n, k));
    QuantizedActivations qx = withFile(input, () -> Quantizers.quantizeActivations(x.data(), m, k));
    int[] accumulators = BitLinear.accumulate(tw, qx);
    float[] y = BitLinear.dequantize(accumulators, m, n, tw.scale(), qx.scales());

    requireFinite(y, m, n, tw.scale(), qx.scales());

    // All outputs or none: a later file that cannot be written must not leave the earlier ones behind.
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(out, Npy.toBytes(new NpyArray.Float32(new int[] {m, n}, y)));
    if (acc != null) {
      files.put(acc, Npy.toBytes(new NpyArray.Int32(new int[] {m, n}, accumulators)));
    }
    if (wq != null) {
      files.put(wq, Npy.toBytes(new NpyArray.Int8(new int[] {n, k}, tw.values())));
    }
    OutputFiles.writeAll(files);
    o.printf(Locale.ROOT, "W  %s: N=%d K=%d, s_w = %s (1/s_w = %s)%n", weight, n, k, tw.scale(), 1.0f / tw.scale());
    o.printf(Locale.ROOT, "X  %s: M=%d K=%d, %s%n", input, m, k, scaleSummary(qx.scales()));
    o.printf(Locale.ROOT, "Y  %s: float32 [%d, %d]%n", out, m, n);
    if (acc != null) {
      o.printf(Locale.ROOT, "ACC %s: int32 [%d, %d]%n", acc, m, n);
    }
    if (wq != null) {
      o.printf(Locale.ROOT, "WQ %s: int8 [%d, %d]%n", wq, n, k);
    }
    return 0;
  }

  /**
   * A format other than BitNet b1.58: its quantizer and its exact reference numerics (models/README.md, "Weight
   * formats"). Its intermediate values are format-specific, so --acc and --wq belong to bitnet-b1.58 only.
   */
  private int otherFormat(PrintWriter o, FormatPreset preset, float[] w, float[] x, int m, int n, int k)
      throws IOException {
    if (acc != null || wq != null) {
      throw new IllegalArgumentException("--acc and --wq: int32 accumulators and int8 ternary weights exist for"
          + " --format bitnet-b1.58 only, got --format " + preset.name());
    }
    QuantizedMatrix q = withFile(weight, () -> preset.quantize(w, n, k));
    return apply(o, preset, q, x, m, n, k);
  }

  /** y = the format's apply, written all or nothing; a non-finite output is bad input. */
  private int apply(PrintWriter o, FormatPreset preset, QuantizedMatrix q, float[] x, int m, int n, int k)
      throws IOException {
    float[] y = withFile(input, () -> q.applyToLayerInput(x, m));
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        throw new IllegalArgumentException("--input " + input + ", --weight " + weight + ": output [" + i / n + ", "
            + i % n + "] of [" + m + ", " + n + "] is " + y[i] + " in format " + preset.name()
            + "; expected inputs well inside fp32 (fp16 formats: inside fp16's range, |value| < 65504)");
      }
    }
    OutputFiles.writeAll(Map.of(out, Npy.toBytes(new NpyArray.Float32(new int[] {m, n}, y))));
    o.printf(Locale.ROOT, "W  %s: N=%d K=%d, format %s (%s), %.4f bits/weight%n", weight, n, k, preset.name(),
        preset.paper(), preset.format().bitsPerWeight(n, k));
    o.printf(Locale.ROOT, "X  %s: M=%d K=%d, activations %s%n", input, m, k, preset.format().activations().label());
    o.printf(Locale.ROOT, "Y  %s: float32 [%d, %d]%n", out, m, n);
    return 0;
  }

  /** Whether --weight is a safetensors file whose --tensor (or --tensor.weight) holds OneBit's packed signs. */
  private boolean releasedOneBit() throws IOException {
    if (!weight.getFileName().toString().endsWith(".safetensors") || tensor == null) {
      return false;
    }
    SafetensorsFile f = SafetensorsFile.open(weight);
    String name = f.tensors().containsKey(tensor) ? tensor : tensor + ".weight";
    SafetensorsFile.TensorInfo t = f.tensors().get(name);
    return t != null && (t.dtype() == SafetensorsDtype.I8 || t.dtype() == SafetensorsDtype.U8);
  }

  /** A released OneBit layer (packed signs and its two vectors) applied to the input. */
  private int oneBitCheckpoint(PrintWriter o, FormatPreset preset) throws IOException {
    OneBit.Weights w = OneBitCheckpoint.read(SafetensorsFile.open(weight), tensor);
    NpyArray.Float32 x = Npy.readFloat32(input);
    int k = w.cols();
    int xk = x.shape()[x.shape().length - 1];
    if ((x.shape().length != 1 && x.shape().length != 2) || xk != k) {
      throw new IllegalArgumentException("shape mismatch: the OneBit layer '" + tensor + "' of " + weight + " has K = "
          + k + " but --input " + input + " has shape " + x.shapeString());
    }
    int m = x.shape().length == 1 ? 1 : x.shape()[0];
    o.printf(Locale.ROOT, "W  %s: released OneBit layer '%s' (packed signs, vectors rounded to fp16)%n", weight, tensor);
    return apply(o, preset, w, x.data(), m, w.rows(), k);
  }

  /** The weight as float32 [N, K]: an .npy file, or one tensor of a safetensors file. */
  private NpyArray.Float32 readWeight() throws IOException {
    boolean safetensors = weight.getFileName().toString().endsWith(".safetensors");
    if (!safetensors) {
      if (tensor != null) {
        throw new IllegalArgumentException("--tensor " + tensor + ": only a .safetensors --weight has named tensors, got "
            + weight);
      }
      return Npy.readFloat32(weight);
    }
    SafetensorsFile f = SafetensorsFile.open(weight);
    if (tensor == null) {
      throw new IllegalArgumentException(weight + ": --tensor NAME is required for a .safetensors weight (the file "
          + "holds: " + String.join(", ", f.tensors().keySet().stream().limit(8).toList())
          + (f.tensors().size() > 8 ? ", ..." : "") + ")");
    }
    SafetensorsFile.TensorInfo t = f.info(tensor);
    return new NpyArray.Float32(t.shape(), f.readFloats(tensor));
  }

  /**
   * The exact numerics of BitLinear give y = acc / (s_w * s_x) in fp32; inputs near the fp32 range make s_w * s_x
   * underflow (or the quotient overflow), and y is then not finite. That is bad input, never a written result.
   */
  private void requireFinite(float[] y, int m, int n, float sw, float[] sx) {
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        int row = i / n;
        throw new IllegalArgumentException("--input " + input + ", --weight " + weight + ": output [" + row + ", "
            + (i % n) + "] of [" + m + ", " + n + "] is " + y[i] + " (s_w = " + sw + ", s_x = " + sx[row]
            + ": the inputs' magnitudes leave fp32's range through the dequantization 1 / (s_w * s_x); "
            + "expected inputs well inside fp32, e.g. |x| and |W| below 1e30)");
      }
    }
  }

  /** Every s_x for a few tokens, else min / median / max. */
  static String scaleSummary(float[] scales) {
    if (scales.length <= 8) {
      StringBuilder sb = new StringBuilder("s_x per token = [");
      for (int i = 0; i < scales.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(scales[i]);
      }
      return sb.append(']').toString();
    }
    float[] sorted = scales.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "s_x over %d tokens: min %s, median %s, max %s",
        sorted.length, sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }

  /** Prefixes a numerics error (e.g. a NaN in the data) with the file it came from. */
  private static <T> T withFile(Path file, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
