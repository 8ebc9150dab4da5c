package dev.tritium.mapper.dense;

/** A deliberate fault for the dense fp16 cross-check, which must then FAIL. */
public sealed interface DenseMutation {

  /** The plan the accelerator runs (unchanged, or with the fault). */
  DensePlan apply(DensePlan plan);

  /** For the report title. */
  String describe();

  /** No fault. */
  record None() implements DenseMutation {
    @Override
    public DensePlan apply(DensePlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "none";
    }
  }

  /** Bit {@code bit} of the fp16 weight [row][col] flipped in the accelerator's image (bit 0: its last mantissa bit). */
  record WeightBit(int row, int col, int bit) implements DenseMutation {
    @Override
    public DensePlan apply(DensePlan plan) {
      return plan.withWeightBitFlipped(row, col, bit);
    }

    @Override
    public String describe() {
      return "fp16 weight [" + row + "][" + col + "] bit " + bit + " flipped";
    }
  }

  /** The golden output y[0] moved up by one ulp (the accelerator's plan unchanged). */
  record GoldenUlp() implements DenseMutation {
    @Override
    public DensePlan apply(DensePlan plan) {
      return plan;
    }

    @Override
    public String describe() {
      return "golden y[0] + 1 ulp";
    }
  }
}
