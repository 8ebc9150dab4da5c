package dev.tritium.models.format;

import dev.tritium.models.format.ActivationFormat.IntGroups;
import dev.tritium.models.format.Coverage.Channels;
import dev.tritium.models.format.Coverage.OtherChannels;
import dev.tritium.models.format.ScaleGranularity.PerGroupOfOtherChannels;
import dev.tritium.models.format.ScaleGranularity.PerRow;
import java.util.List;
import java.util.Optional;

/**
 * {@code atom-w4a4:group=G,outliers=C}: Atom (Zhao et al. 2023), W4A4 with mixed precision by channel. C outlier
 * input channels keep int8 weights and activations; the other K - C channels are int4 in groups of G. The KV
 * cache is int4 ({@link #kvCache}).
 *
 * <p>Quantizer: the outlier channels are the C columns of W with the largest L2 norm (fp64 sums of squares
 * rounded to fp32 for the ranking, ties to the lower column; Atom ranks by calibration activations, which a
 * data-free quantizer does not have). Both sets keep ascending column order (Atom's reorder). Weights: per
 * row, the normal columns in groups of G (last shorter) on the symmetric 4-bit {@link IntGrid}, the outlier
 * columns as one group on the symmetric 8-bit grid; fp16 steps.
 *
 * <p>Apply, per token: gather the normal and outlier channels; normal activations on the symmetric 4-bit grid
 * per group of G (the same groups as the weights), outlier activations on the symmetric 8-bit grid as one
 * group; per row {@code y = 0f}, then per normal group in order and the outlier group last:
 * {@code acc = sum q_w q_x} (exact int32), {@code y = y + ((float) acc * s_w) * s_x}.
 *
 * <p>Bits per weight: {@code (4 N (K - C) + 8 N C + 16 N ceil((K - C) / G) + 16 N + K) / (N K)}: the int4 and
 * int8 codes, their fp16 steps, and one mask bit per column marking the outlier channels.
 */
public record Atom(int group, int outliers) implements FormatPreset {

  public Atom {
    if (group <= 0 || outliers <= 0) {
      throw new IllegalArgumentException("atom-w4a4: group and outliers must be positive, got group " + group
          + ", outliers " + outliers);
    }
  }

  @Override
  public String name() {
    return "atom-w4a4:group=" + group + ",outliers=" + outliers;
  }

  @Override
  public String paper() {
    return "Zhao et al. 2023, Atom: Low-bit Quantization for Efficient and Accurate LLM Serving (arXiv 2310.19102)";
  }

  @Override
  public WeightFormat format() {
    return new WeightFormat(
        List.of(
            new Plane(PlaneKind.INT4, new OtherChannels(outliers),
                List.of(new Scale(new PerGroupOfOtherChannels(group, outliers), ScaleType.FP16))),
            new Plane(PlaneKind.INT8, new Channels(outliers), List.of(new Scale(new PerRow(), ScaleType.FP16)))),
        List.of(), Optional.empty(), Optional.empty(), List.of(new Mask.PerColumn("int8 outlier channel")),
        new ActivationFormat.OutlierChannels(new IntGroups(4, group, true), outliers, new IntGroups(8, 0, true)));
  }

  @Override
  public Optional<KvCacheFormat> kvCache() {
    return Optional.of(new KvCacheFormat.Int(4, KvCacheFormats.DEFAULT_GROUP));
  }

  @Override
  public Weights quantize(float[] w, int rows, int cols) {
    FormatMath.checkWeights(w, rows, cols);
    if (outliers >= cols) {
      throw new IllegalArgumentException("atom-w4a4: " + outliers + " outlier channels need K > " + outliers
          + ", got K = " + cols);
    }
    float[] norms = new float[cols];
    for (int k = 0; k < cols; k++) {
      double s = 0;
      for (int r = 0; r < rows; r++) {
        double v = w[r * cols + k];
        s += v * v;
      }
      norms[k] = (float) s;
    }
    boolean[] outlier = new boolean[cols];
    for (int k : FormatMath.topIndices(norms, 0, cols, outliers)) {
      outlier[k] = true;
    }
    int[] normalColumns = new int[cols - outliers];
    int[] outlierColumns = new int[outliers];
    for (int k = 0, a = 0, b = 0; k < cols; k++) {
      if (outlier[k]) {
        outlierColumns[b++] = k;
      } else {
        normalColumns[a++] = k;
      }
    }
    return new Weights(rows, cols, group, normalColumns, outlierColumns,
        IntGrid.quantize(gather(w, rows, cols, normalColumns), rows, normalColumns.length, group, 4, true),
        IntGrid.quantize(gather(w, rows, cols, outlierColumns), rows, outliers, 0, 8, true));
  }

  /** Columns {@code columns} of v [rows][cols], in the given order. */
  static float[] gather(float[] v, int rows, int cols, int[] columns) {
    float[] out = new float[rows * columns.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < columns.length; j++) {
        out[r * columns.length + j] = v[r * cols + columns[j]];
      }
    }
    return out;
  }

  /**
   * The normal and outlier column indices (ascending) and their codes: int4 per row and group over the normal
   * columns, int8 per row over the outlier columns.
   */
  public record Weights(int rows, int cols, int group, int[] normalColumns, int[] outlierColumns,
      IntGrid.Codes normal, IntGrid.Codes outliers) implements QuantizedMatrix {

    @Override
    public float[] apply(float[] x, int tokens) {
      FormatMath.checkActivations(x, tokens, cols);
      IntGrid.Codes xn = IntGrid.quantize(gather(x, tokens, cols, normalColumns), tokens, normalColumns.length, group,
          4, true);
      IntGrid.Codes xo = IntGrid.quantize(gather(x, tokens, cols, outlierColumns), tokens, outlierColumns.length, 0,
          8, true);
      float[] y = new float[tokens * rows];
      for (int t = 0; t < tokens; t++) {
        for (int r = 0; r < rows; r++) {
          float acc = 0f;
          acc = accumulateGroups(acc, normal, xn, r, t);
          acc = accumulateGroups(acc, outliers, xo, r, t);
          y[t * rows + r] = acc;
        }
      }
      return y;
    }

    /** {@code y = y + ((float) sum q_w q_x * s_w) * s_x} per group of w's row r and x's token t, in order. */
    private static float accumulateGroups(float y, IntGrid.Codes w, IntGrid.Codes x, int r, int t) {
      int cols = w.cols();
      int width = w.width();
      for (int g = 0; g < w.groupsPerRow(); g++) {
        int acc = 0;
        for (int k = g * width; k < Math.min(cols, (g + 1) * width); k++) {
          acc += w.codes()[r * cols + k] * x.codes()[t * cols + k];
        }
        y = y + ((float) acc * w.groups()[r * w.groupsPerRow() + g].step()) * x.groups()[t * x.groupsPerRow() + g]
            .step();
      }
      return y;
    }

    @Override
    public float[] dequantize() {
      float[] out = new float[rows * cols];
      float[] n = normal.dequantize();
      float[] o = outliers.dequantize();
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < normalColumns.length; j++) {
          out[r * cols + normalColumns[j]] = n[r * normalColumns.length + j];
        }
        for (int j = 0; j < outlierColumns.length; j++) {
          out[r * cols + outlierColumns[j]] = o[r * outlierColumns.length + j];
        }
      }
      return out;
    }
  }
}
