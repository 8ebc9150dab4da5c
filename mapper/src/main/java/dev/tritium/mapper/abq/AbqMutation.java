package dev.tritium.mapper.abq;

/** A deliberate fault for the abq-wpaq cross-check, which must then FAIL. */
public sealed interface AbqMutation {

  /** The plan the accelerator runs (unchanged, or with the fault). */
  AbqPlan apply(AbqPlan plan);

  /** For the report title. */
  String describe();

  /** No fault. */
  record None() implements AbqMutation {
    @Override
    public AbqPlan apply(AbqPlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "none";
    }
  }

  /** Bit [row][col] of weight plane {@code plane} flipped. */
  record PlaneBit(int row, int plane, int col) implements AbqMutation {
    @Override
    public AbqPlan apply(AbqPlan plan) {
      return plan.withPlaneBitFlipped(row, plane, col);
    }

    @Override
    public String describe() {
      return "weight plane " + plane + " bit [" + row + "][" + col + "] flipped";
    }
  }

  /** Row {@code row}'s weight zero-point moved by one. */
  record ZeroPoint(int row) implements AbqMutation {
    @Override
    public AbqPlan apply(AbqPlan plan) {
      return plan.withZeroMoved(row);
    }

    @Override
    public String describe() {
      return "weight zero-point of row " + row + " +-1";
    }
  }

  /** Row {@code row}'s weight step moved up by one ulp. */
  record Step(int row) implements AbqMutation {
    @Override
    public AbqPlan apply(AbqPlan plan) {
      return plan.withStepMoved(row);
    }

    @Override
    public String describe() {
      return "weight step of row " + row + " + 1 ulp";
    }
  }

  /** The golden output y[0] moved up by one ulp (the accelerator's plan unchanged). */
  record GoldenUlp() implements AbqMutation {
    @Override
    public AbqPlan apply(AbqPlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "golden y[0] + 1 ulp";
    }
  }
}
