package dev.tritium.mapper.intfmt;

/** A deliberate fault for the integer cross-check, which must then FAIL. */
public sealed interface IntMutation {

  /** The plan the accelerator runs (unchanged, or with the fault). */
  IntLinearPlan apply(IntLinearPlan plan);

  /** For the report title. */
  String describe();

  /** No fault. */
  record None() implements IntMutation {
    @Override
    public IntLinearPlan apply(IntLinearPlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "none";
    }
  }

  /** Weight code [row][col] moved by one (towards zero from the range's top). */
  record WeightCode(int row, int col) implements IntMutation {
    @Override
    public IntLinearPlan apply(IntLinearPlan plan) {
      byte q = plan.codes()[row * plan.cols() + col];
      return plan.withCode(row, col, (byte) (q == plan.weights().max() ? q - 1 : q + 1));
    }

    @Override
    public String describe() {
      return "weight code [" + row + "][" + col + "] +-1";
    }
  }

  /** Weight scale of row {@code row} moved up by one ulp. */
  record WeightScale(int row) implements IntMutation {
    @Override
    public IntLinearPlan apply(IntLinearPlan plan) {
      return plan.withScale(row, Math.nextUp(plan.weightScales()[row]));
    }

    @Override
    public String describe() {
      return "weight scale of row " + row + " + 1 ulp";
    }
  }

  /** The golden output y[0] moved up by one ulp (the accelerator's plan unchanged). */
  record GoldenUlp() implements IntMutation {
    @Override
    public IntLinearPlan apply(IntLinearPlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "golden y[0] + 1 ulp";
    }
  }
}
