package dev.tritium.mapper.intfmt;

/** A deliberate fault for the integer cross-check, which must then FAIL. */
public sealed interface IntMutation {

  /** The plan the accelerator runs (unchanged, or with the fault). */
  IntPlan apply(IntPlan plan);

  /** For the report title. */
  String describe();

  /** No fault. */
  record None() implements IntMutation {
    @Override
    public IntPlan apply(IntPlan plan) {
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
    public IntPlan apply(IntPlan plan) {
      return plan.withCodeMoved(row, col);
    }

    @Override
    public String describe() {
      return "weight code [" + row + "][" + col + "] +-1";
    }
  }

  /** Weight scale {@code row} moved up by one ulp (w8a8: the row's; Atom: normal step {@code row}, group-major). */
  record WeightScale(int row) implements IntMutation {
    @Override
    public IntPlan apply(IntPlan plan) {
      return plan.withScaleMoved(row);
    }

    @Override
    public String describe() {
      return "weight scale of row " + row + " + 1 ulp";
    }
  }

  /** The golden output y[0] moved up by one ulp (the accelerator's plan unchanged). */
  record GoldenUlp() implements IntMutation {
    @Override
    public IntPlan apply(IntPlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "golden y[0] + 1 ulp";
    }
  }
}
