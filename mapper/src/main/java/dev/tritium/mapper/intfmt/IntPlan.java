package dev.tritium.mapper.intfmt;

import dev.tritium.models.format.Atom;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.format.SpinQuant;
import dev.tritium.models.format.W8A8;

/**
 * An integer weight format's data rearranged for the MAC array's integer multipliers: w8a8 ({@link IntLinearPlan}),
 * Atom's int4 groups with int8 outlier channels ({@link AtomPlan}) or SpinQuant's int4 rows on asymmetric 4-bit
 * activations, with the online Hadamard transform for {@code proj=down} ({@link SpinQuantPlan}).
 */
public sealed interface IntPlan permits IntLinearPlan, AtomPlan, SpinQuantPlan {

  String name();

  /** Output features N. */
  int rows();

  /** Input features K. */
  int cols();

  /** This plan with one weight code moved by one (the cross-check's mutation; Atom: a normal int4 code). */
  IntPlan withCodeMoved(int row, int col);

  /** This plan with one weight scale moved up by one ulp (Atom: a normal group's step, group-major index). */
  IntPlan withScaleMoved(int row);

  /**
   * The plan of a format's matrix.
   *
   * @throws IllegalArgumentException naming the format when it is not an integer format the units run
   */
  static IntPlan of(String name, QuantizedMatrix m) {
    if (m instanceof W8A8.Weights) {
      return IntLinearPlan.of(name, m);
    }
    if (m instanceof Atom.Weights a) {
      return AtomPlan.of(name, a);
    }
    if (m instanceof SpinQuant.Weights s) {
      return SpinQuantPlan.of(name, s);
    }
    throw new IllegalArgumentException("weight format '" + name + "' is not an integer format the MAC array's"
        + " integer multipliers run (w8a8, atom-w4a4, spinquant-w4a4kv4)");
  }
}
