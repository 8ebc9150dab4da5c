package dev.tritium.mapper.fp16act;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.nn.FormatProjection;

/**
 * A {@link FloatLinearPlan} evaluated on the CPU in the accelerator's op order, with the MAC array's adder width as
 * a parameter. With fp32 adders it equals each format's own {@code apply} bit for bit (FloatLinearPlanTest proves it
 * for the four formats), so with fp16 adders it is the golden for the same program on an array whose sign sums
 * round to binary16. It shares no code with the simulator: it reads the plan, not a program or a machine state.
 *
 * <p>Per token and group g, as {@link FloatLinearPlan} states: {@code xa = fp16(x)} times the input scale (fp32)
 * when present; the array's adders see {@code xin = round(xa)} (round = identity for fp32 adders, binary16 rounding
 * for fp16 adders); {@code s_p = round(round(s_p +- xin[k]))} over the group's k ascending from 0 (zeros skipped);
 * the group sum {@code sx} likewise over every column; the outlier sum on the fp32 vector lanes,
 * {@code so = so + q * xa[col]} over the row's entries; then {@code u = sc_0 * s_0}, {@code u = u + sc_p * s_p},
 * {@code u = u + osc * so}, {@code u = u + shift * sx} (each product rounded to fp32 before its add) and
 * {@code y = u} for g = 0, {@code y = y + u} after.
 *
 * @param plan the plan
 * @param adderBits 32 or 16: the MAC array's floating-point adders
 */
public record PlanReference(FloatLinearPlan plan, int adderBits) implements FormatProjection {

  public PlanReference {
    if (adderBits != 16 && adderBits != 32) {
      throw new IllegalArgumentException("adder width must be 16 or 32 bits, got " + adderBits);
    }
  }

  @Override
  public int rows() {
    return plan.rows();
  }

  @Override
  public int cols() {
    return plan.cols();
  }

  @Override
  public float[] apply(float[] x, int tokens) {
    int n = plan.rows();
    int k = plan.cols();
    if (x.length != Math.multiplyExact(tokens, k)) {
      throw new IllegalArgumentException("x holds " + x.length + " values, expected " + tokens + " x " + k);
    }
    float[] y = new float[tokens * n];
    float[] xa = new float[k];
    float[] xin = new float[k];
    float[] sums = new float[plan.planes().size()];
    for (int t = 0; t < tokens; t++) {
      for (int c = 0; c < k; c++) {
        float v = HalfFloats.roundToF16(x[t * k + c]);
        xa[c] = plan.inputScale().isPresent() ? v * plan.inputScale().get()[c] : v;
        xin[c] = round(xa[c]);
      }
      for (int r = 0; r < n; r++) {
        float acc = 0f;
        for (int g = 0; g < plan.groups(); g++) {
          int c0 = g * plan.group();
          int c1 = c0 + plan.groupWidth(g);
          for (int p = 0; p < sums.length; p++) {
            sums[p] = signSum(plan.planes().get(p).values(), r * k, c0, c1, xin);
          }
          float u = plan.planes().get(0).scales()[g][r] * sums[0];
          for (int p = 1; p < sums.length; p++) {
            u = u + plan.planes().get(p).scales()[g][r] * sums[p];
          }
          if (plan.outliers().isPresent()) {
            u = u + plan.outliers().get().scale()[r] * outlierSum(plan.outliers().get(), r, xa);
          }
          if (plan.shift().isPresent()) {
            u = u + plan.shift().get()[g][r] * groupSum(c0, c1, xin);
          }
          acc = g == 0 ? u : acc + u;
        }
        y[t * n + r] = acc;
      }
    }
    return y;
  }

  private float round(float v) {
    return adderBits == 16 ? HalfFloats.roundToF16(v) : v;
  }

  private float signSum(byte[] w, int rowBase, int c0, int c1, float[] xin) {
    float s = 0f;
    for (int c = c0; c < c1; c++) {
      byte v = w[rowBase + c];
      if (v > 0) {
        s = round(s + xin[c]);
      } else if (v < 0) {
        s = round(s - xin[c]);
      }
    }
    return s;
  }

  private float groupSum(int c0, int c1, float[] xin) {
    float s = 0f;
    for (int c = c0; c < c1; c++) {
      s = round(s + xin[c]);
    }
    return s;
  }

  private static float outlierSum(FloatLinearPlan.Outliers o, int r, float[] xa) {
    float s = 0f;
    for (int e = o.rowStart()[r]; e < o.rowStart()[r + 1]; e++) {
      s = s + o.q()[e] * xa[o.columns()[e]];
    }
    return s;
  }
}
