package dev.tritium.models.format;

/**
 * The uniform b-bit integer grid shared by the multi-bit weight, activation and KV formats (round to nearest,
 * no calibration). For one group of values v:
 *
 * <ul>
 *   <li>symmetric: {@code step = fp16(max|v| / (2^(b-1) - 1))} (fp32 division, then fp16 rounding), zero-point
 *       0, {@code q = clamp(rint(v / step), -2^(b-1), 2^(b-1) - 1)}: signed codes;</li>
 *   <li>asymmetric: {@code lo = min(0, min v)}, {@code hi = max(0, max v)} (the range always holds 0, so 0 is
 *       exact), {@code step = fp16((hi - lo) / (2^b - 1))}, {@code z = clamp(rint(-lo / step), 0, 2^b - 1)},
 *       {@code q = clamp(rint(v / step) + z, 0, 2^b - 1)}: unsigned codes with a b-bit zero-point.</li>
 * </ul>
 * The integer value is {@code q - z}; the represented value {@code (float) (q - z) * step}. A step of 0 (an
 * all-zero group) gives q = z = 0. Divisions are fp32 ({@code rint} rounds half to even).
 */
public final class IntGrid {

  private IntGrid() {}

  /** One fitted group: its fp16 step and its zero-point (0 when symmetric). */
  public record Group(float step, int zero, int bits, boolean symmetric) {

    /** The code of v on this grid. */
    public int code(float v) {
      if (step == 0f) {
        return 0;
      }
      float r = (float) Math.rint(v / step);
      if (symmetric) {
        return (int) Math.max(min(bits, true), Math.min(max(bits, true), r));
      }
      return (int) Math.max(0, Math.min(max(bits, false), r + zero));
    }

    /** {@code (float) (q - z) * step}. */
    public float value(int code) {
      return (float) (code - zero) * step;
    }
  }

  /** Bit widths the integer formats accept. */
  static void checkBits(int bits, String what) {
    if (bits < 2 || bits > 8) {
      throw new IllegalArgumentException(what + " must be 2 to 8, got " + bits);
    }
  }

  /** Smallest code: -2^(b-1) (symmetric) or 0. */
  public static int min(int bits, boolean symmetric) {
    return symmetric ? -(1 << (bits - 1)) : 0;
  }

  /** Largest code: 2^(b-1) - 1 (symmetric) or 2^b - 1. */
  public static int max(int bits, boolean symmetric) {
    return symmetric ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
  }

  /** Fit the grid to {@code values[from, to)} (class comment). */
  public static Group fit(float[] values, int from, int to, int bits, boolean symmetric) {
    checkBits(bits, "integer bits");
    float step;
    int zero = 0;
    if (symmetric) {
      float m = 0f;
      for (int i = from; i < to; i++) {
        m = Math.max(m, Math.abs(values[i]));
      }
      step = ScaleType.FP16.round(m / max(bits, true));
    } else {
      float lo = 0f;
      float hi = 0f;
      for (int i = from; i < to; i++) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      step = ScaleType.FP16.round((hi - lo) / max(bits, false));
      if (step != 0f && Float.isFinite(step)) {
        zero = (int) Math.max(0, Math.min(max(bits, false), (float) Math.rint(-lo / step)));
      }
    }
    if (!Float.isFinite(step)) {
      throw new IllegalArgumentException("a group's range (values " + from + " to " + (to - 1) + ") gives a step of "
          + step + " beyond fp16's range; expected |values| below about " + 65504f * max(bits, symmetric));
    }
    return new Group(step, zero, bits, symmetric);
  }

  /**
   * A row-major matrix on the grid, one fitted {@link Group} per row and group of G consecutive columns (the
   * last group may be shorter; {@code group = 0}: one group per row), indexed {@code row * groupsPerRow + g}.
   */
  public record Codes(int[] codes, Group[] groups, int rows, int cols, int group) {

    public int groupsPerRow() {
      return groups.length / rows;
    }

    /** The group width (the whole row when group = 0). */
    public int width() {
      return group == 0 ? cols : group;
    }

    /** The group of element (row, col). */
    public Group groupOf(int row, int col) {
      return groups[row * groupsPerRow() + col / width()];
    }

    /** {@code code - zero} of element (row, col): the integer value. */
    public int value(int row, int col) {
      return codes[row * cols + col] - groupOf(row, col).zero();
    }

    /** Every element's represented value {@code (float) (q - z) * step}, row-major. */
    public float[] dequantize() {
      float[] out = new float[codes.length];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          out[r * cols + c] = groupOf(r, c).value(codes[r * cols + c]);
        }
      }
      return out;
    }
  }

  /** Fit and round every row and group of v [rows][cols] (row-major). */
  public static Codes quantize(float[] v, int rows, int cols, int group, int bits, boolean symmetric) {
    if (rows <= 0 || cols <= 0 || (long) rows * cols != v.length) {
      throw new IllegalArgumentException("need " + rows + " x " + cols + " values (both positive), got " + v.length);
    }
    int width = group == 0 ? cols : group;
    int perRow = (cols + width - 1) / width;
    int[] codes = new int[v.length];
    Group[] groups = new Group[rows * perRow];
    for (int r = 0; r < rows; r++) {
      for (int g = 0; g < perRow; g++) {
        int from = r * cols + g * width;
        int to = r * cols + Math.min(cols, (g + 1) * width);
        Group fit = fit(v, from, to, bits, symmetric);
        groups[r * perRow + g] = fit;
        for (int i = from; i < to; i++) {
          codes[i] = fit.code(v[i]);
        }
      }
    }
    return new Codes(codes, groups, rows, cols, group);
  }
}
