package dev.tritium.mapper.fp16act;

import dev.tritium.models.nn.FormatProjection;

/**
 * A plan evaluated in a given sign-sum order as a decoder layer's projection: the reference decoder layer then
 * computes what a program on that unit computes (the LUT core's fp16 tables differ from the formats' own order).
 */
public record PlanProjection(FloatLinearPlan plan, SignSumOrder order) implements FormatProjection {

  public PlanProjection {
    java.util.Objects.requireNonNull(plan, "plan");
    java.util.Objects.requireNonNull(order, "order");
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
    return plan.evaluate(x, tokens, order);
  }
}
