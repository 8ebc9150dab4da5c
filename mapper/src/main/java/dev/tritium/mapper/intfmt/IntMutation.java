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

  /**
   * SpinQuant {@code proj=down}: the accelerator's VEC.SCALE constant replaced by {@code c} (e.g. {@code 1 / sqrt(K)}
   * where the format takes {@code 1 / sqrt(b)}, b the transform's slice). A change of one ulp would mostly vanish
   * behind the 4-bit activation grid (the codes and the fp16 step absorb it), so the tests use a wrong constant.
   */
  record HadamardScale(float c) implements IntMutation {
    @Override
    public IntPlan apply(IntPlan plan) {
      return spinQuant(plan, describe()).withHadamardScale(c);
    }

    @Override
    public String describe() {
      return "Hadamard scale c replaced by " + c;
    }
  }

  /**
   * SpinQuant {@code proj=down}: input column {@code col} of token 0 negated before VEC.FWHT, as if that column of
   * the transform had the wrong sign.
   */
  record NegatedTransformInput(int col) implements IntMutation {
    @Override
    public IntPlan apply(IntPlan plan) {
      return spinQuant(plan, describe()).withNegatedInput(col);
    }

    @Override
    public String describe() {
      return "transform input [0][" + col + "] negated";
    }
  }

  private static SpinQuantPlan spinQuant(IntPlan plan, String what) {
    if (plan instanceof SpinQuantPlan s) {
      return s;
    }
    throw new IllegalArgumentException("mutation '" + what + "' needs a spinquant-w4a4kv4 plan, got " + plan.name());
  }
}
