package dev.tritium.mapper.fp16act;

import dev.tritium.common.HalfFloats;
import dev.tritium.mapper.fp16act.FloatLinearPlan.Outliers;
import dev.tritium.mapper.fp16act.FloatLinearPlan.SignPlane;
import java.util.Arrays;

/**
 * The reference evaluation of a {@link FloatLinearPlan} in the op order its javadoc states, with the sign sums (and
 * TernaryLLM's group sums, a sign sum of all +1 weights) taken in a given {@link SignSumOrder}. With
 * {@link SignSumOrder.MacKOrder} it equals each format's {@code apply} bit for bit (a test pins that); with
 * {@link SignSumOrder.LutFp16Tables} it is the golden of the LUT core's program, computed here without the
 * simulator.
 */
final class PlanEvaluation {

  private PlanEvaluation() {}

  static float[] evaluate(FloatLinearPlan plan, float[] x, int tokens, SignSumOrder order) {
    int n = plan.rows();
    int k = plan.cols();
    if (tokens < 1 || x.length != tokens * k) {
      throw new IllegalArgumentException(plan.name() + ": x holds " + x.length + " values, expected tokens (" + tokens
          + ") x K (" + k + ")");
    }
    float[] x16 = new float[k];
    byte[] ones = new byte[k];
    Arrays.fill(ones, (byte) 1);
    float[] y = new float[tokens * n];
    int planes = plan.planes().size();
    float[] s = new float[planes];
    for (int t = 0; t < tokens; t++) {
      for (int c = 0; c < k; c++) {
        x16[c] = HalfFloats.roundToF16(x[t * k + c]);
        if (plan.inputScale().isPresent()) {
          x16[c] = x16[c] * plan.inputScale().get()[c];
        }
      }
      for (int g = 0; g < plan.groups(); g++) {
        int c0 = g * plan.group();
        int width = plan.groupWidth(g);
        float sx = plan.shift().isPresent() ? order.sum(ones, c0, x16, c0, width) : 0f;
        for (int r = 0; r < n; r++) {
          for (int p = 0; p < planes; p++) {
            s[p] = order.sum(plan.planes().get(p).values(), r * k + c0, x16, c0, width);
          }
          float u = 0f;
          for (int p = 0; p < planes; p++) {
            SignPlane plane = plan.planes().get(p);
            float term = s[p] * plane.scales()[g][r];
            u = p == 0 ? term : u + term;
          }
          if (plan.outliers().isPresent()) {
            Outliers o = plan.outliers().get();
            float so = 0f;
            for (int e = o.rowStart()[r]; e < o.rowStart()[r + 1]; e++) {
              so = so + o.q()[e] * x16[o.columns()[e]];
            }
            u = u + so * o.scale()[r];
          }
          if (plan.shift().isPresent()) {
            u = u + sx * plan.shift().get()[g][r];
          }
          y[t * n + r] = g == 0 ? u : y[t * n + r] + u;
        }
      }
    }
    return y;
  }
}
