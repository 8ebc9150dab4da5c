package dev.tritium.simulator.energy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Vector-unit functions priced as counts of floating-point multiplies and adds of the same format.
 * These are explicit modelling assumptions (no cited per-function energy was found): the op counts of
 * common software/hardware algorithms, stated per function. A table entry {@code fp_func{op, format}}
 * overrides them.
 */
public final class FpFunctions {

  /** Multiplies and adds one evaluation costs, and why. */
  public record Cost(int mults, int adds, String basis) {}

  private static final Map<String, Cost> COSTS = Map.of(
      "div", new Cost(5, 2, "Newton-Raphson reciprocal, 2 iterations (2 mult + 1 add each) from a table seed,"
          + " then one multiply"),
      "sqrt", new Cost(7, 2, "Newton-Raphson reciprocal square root, 2 iterations (3 mult + 1 add each),"
          + " then x * rsqrt(x)"),
      "exp", new Cost(7, 6, "range reduction (1 mult + 1 add), degree-5 Horner polynomial (5 mult + 5 add),"
          + " 2^k scaling (1 mult)"),
      "sin", new Cost(6, 5, "range reduction (1 mult + 1 add), odd degree-9 polynomial in x^2 by Horner"
          + " (5 mult + 4 add)"),
      "cos", new Cost(6, 5, "as sin: range reduction and a degree-8 even polynomial by Horner"),
      "pow", new Cost(14, 12, "exp(y * log x): log by range reduction and a degree-5 polynomial (6 mult +"
          + " 6 add), the product (1 mult), exp as above (7 mult + 6 add)"),
      "max", new Cost(0, 1, "one adder pass: compare = subtract and test the sign"),
      "round", new Cost(0, 1, "one adder pass: add and subtract 1.5 * 2^23 (round half to even)"),
      "cvt", new Cost(0, 1, "one adder pass: int to float normalisation (leading-zero count and shift)"));

  private FpFunctions() {}

  /** The cost of a function, if it is one of the known ones. */
  public static Optional<Cost> cost(String op) {
    return Optional.ofNullable(COSTS.get(op));
  }

  /** The known function names. */
  public static Set<String> names() {
    return new TreeSet<>(COSTS.keySet());
  }
}
