package dev.tritium.simulator.scalesim;

/**
 * How CPython's built-in {@code sum()} adds floats, which decides the last digit of SCALE-Sim's Mapping
 * Efficiency and Compute Util (both are {@code sum(per_fold) / folds}).
 */
public enum PythonSum {
  /** CPython up to 3.11: plain left-to-right double additions (the SCALE-Sim v2.0 release goldens). */
  SEQUENTIAL,
  /**
   * CPython 3.12 and later: Neumaier-compensated summation, the compensation added once at the end
   * (SCALE-Sim's newer goldens, and what a current Python install produces).
   */
  COMPENSATED;

  /** The default: what a current CPython gives. */
  public static final PythonSum DEFAULT = COMPENSATED;

  /** A running sum with this mode's rounding. */
  Accumulator accumulator() {
    return new Accumulator(this);
  }

  /** Mutable running float sum. */
  static final class Accumulator {
    private final PythonSum mode;
    private double sum;
    private double compensation;

    private Accumulator(PythonSum mode) {
      this.mode = mode;
    }

    void add(double x) {
      if (mode == SEQUENTIAL) {
        sum += x;
        return;
      }
      double t = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) {
        compensation += (sum - t) + x;
      } else {
        compensation += (x - t) + sum;
      }
      sum = t;
    }

    double result() {
      if (mode == COMPENSATED && compensation != 0 && Double.isFinite(compensation)) {
        return sum + compensation;
      }
      return sum;
    }
  }
}
