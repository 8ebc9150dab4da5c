package dev.tritium.simulator.energy;

import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Technology scaling after A. Stillmaker and B. Baas, "Scaling equations for the accurate prediction of
 * CMOS device performance from 180 nm to 7 nm", Integration, the VLSI Journal 58 (2017) 74-81,
 * doi:10.1016/j.vlsi.2017.02.002.
 *
 * <p><b>Energy.</b> The paper fits, per node, the energy of its reference circuit as a quadratic in
 * the supply: {@code E(node, V) = a V^2 + b V + c}. An energy moves from node A to node B by the factor
 * {@code E(B, V_B) / E(A, V_A)}. We evaluate each node at its nominal supply ({@link #nominalVdd}). The
 * coefficients (high-performance devices for 45 nm and below) are those of the paper's fits as embedded
 * in two independent open-source tools, which agree digit for digit: UCLA NanoCAD's {@code nodeScale.py}
 * (github.com/wromaszkan/nodeScale, {@code depCoeffDict}, energy columns 4-6) and the Accelergy project's
 * {@code hwcomponents/scaling/techscaling.py} ({@code ENERGY_SCALING}; it uses the LP fits for 45/32 nm).
 *
 * <p><b>Area.</b> The paper's area scaling table as embedded in the same tools ({@code areaDict} /
 * {@code AREA_SCALING}, row = from-node, column = to-node, multiply).
 *
 * <p><b>Nodes between the tabulated ones</b> (e.g. 40 nm, 28 nm, 22 nm): the fitted energy and the area
 * factor are interpolated geometrically (log-linear, with the position linear in nm) between the
 * neighbouring tabulated nodes. Accelergy interpolates linearly; the geometric form keeps a round trip
 * A->B->A close to 1 for areas. This interpolation is ours, not the paper's. Nodes outside 7-180 nm are
 * refused.
 */
public final class StillmakerBaas2017 implements ScalingLaw {

  /** The law with every node at its nominal supply. */
  public static final StillmakerBaas2017 NOMINAL = new StillmakerBaas2017();

  private static final int[] NODES = {180, 130, 90, 65, 45, 32, 20, 16, 14, 10, 7};

  /** Energy fit {a, b, c} per node: E = a V^2 + b V + c (HP devices at 45 nm and below). */
  private static final Map<Integer, double[]> ENERGY_FIT = Map.ofEntries(
      Map.entry(180, new double[] {0, 24.64, -17.98}),
      Map.entry(130, new double[] {7.171, -6.709, 2.904}),
      Map.entry(90, new double[] {4.762, -4.781, 2.092}),
      Map.entry(65, new double[] {3.755, -4.398, 1.975}),
      Map.entry(45, new double[] {1.018, -0.3107, 0.1539}),
      Map.entry(32, new double[] {0.8367, -0.4341, 0.1701}),
      Map.entry(20, new double[] {0.373, -0.1582, 0.04104}),
      Map.entry(16, new double[] {0.2958, -0.1241, 0.03024}),
      Map.entry(14, new double[] {0.2363, -0.09675, 0.02239}),
      Map.entry(10, new double[] {0.2068, -0.09311, 0.02375}),
      Map.entry(7, new double[] {0.1776, -0.09097, 0.02447}));

  /**
   * Nominal supply per node in volts: the PTM bulk model cards (180-32 nm) and PTM-MG FinFET cards
   * (20-7 nm) the paper's fits were made on. Stated from the PTM model cards' nominal VDD; not
   * re-verified against the paper's table in this environment.
   */
  private static final Map<Integer, Double> NOMINAL_VDD = Map.ofEntries(
      Map.entry(180, 1.8), Map.entry(130, 1.3), Map.entry(90, 1.2), Map.entry(65, 1.1),
      Map.entry(45, 1.0), Map.entry(32, 0.9), Map.entry(20, 0.9), Map.entry(16, 0.85),
      Map.entry(14, 0.8), Map.entry(10, 0.75), Map.entry(7, 0.7));

  /** Area factors, row = from-node, column = to-node, in the order of {@link #NODES}. */
  private static final double[][] AREA = {
      {1, 0.34, 0.15, 0.08, 0.053, 0.025, 0.011, 0.01, 0.0093, 0.0055, 0.0032},
      {2.9, 1, 0.44, 0.23, 0.16, 0.072, 0.033, 0.03, 0.027, 0.016, 0.0092},
      {6.6, 2.3, 1, 0.53, 0.35, 0.16, 0.075, 0.067, 0.061, 0.036, 0.021},
      {12, 4.3, 1.9, 1, 0.66, 0.31, 0.14, 0.13, 0.12, 0.068, 0.039},
      {19, 6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059},
      {40, 14, 6.1, 3.3, 2.2, 1, 0.46, 0.41, 0.38, 0.22, 0.13},
      {88, 30, 13, 7.1, 4.7, 2.2, 1, 0.89, 0.82, 0.48, 0.28},
      {99, 34, 15, 7.9, 5.3, 2.4, 1.1, 1, 0.91, 0.54, 0.31},
      {110, 37, 16, 8.7, 5.8, 2.7, 1.2, 1.1, 1, 0.59, 0.34},
      {180, 63, 28, 15, 9.8, 4.5, 2.1, 1.9, 1.7, 1, 0.58},
      {320, 110, 48, 25, 17, 7.8, 3.6, 3.2, 2.9, 1.7, 1}};

  private StillmakerBaas2017() {}

  /** The nominal supply assumed at a tabulated node. */
  public static double nominalVdd(int tabulatedNm) {
    Double v = NOMINAL_VDD.get(tabulatedNm);
    if (v == null) {
      throw new IllegalArgumentException(tabulatedNm + " nm is not a tabulated node of Stillmaker & Baas");
    }
    return v;
  }

  /** The fitted energy {@code a V^2 + b V + c} at a tabulated node and its nominal supply. */
  public static double fittedEnergy(int tabulatedNm) {
    double[] f = ENERGY_FIT.get(tabulatedNm);
    if (f == null) {
      throw new IllegalArgumentException(tabulatedNm + " nm is not a tabulated node of Stillmaker & Baas");
    }
    double v = nominalVdd(tabulatedNm);
    return f[0] * v * v + f[1] * v + f[2];
  }

  /** The fitted energy at any node in range (geometric between tabulated nodes). */
  static double energyAt(int nm) {
    Bracket b = bracket(nm);
    return b.lerp(fittedEnergy(NODES[b.hi]), fittedEnergy(NODES[b.lo]));
  }

  @Override
  public double energyFactor(int fromNm, int toNm) {
    return energyAt(toNm) / energyAt(fromNm);
  }

  @Override
  public double areaFactor(int fromNm, int toNm) {
    if (fromNm == toNm) {
      bracket(fromNm); // range check
      return 1; // the table is not exactly reciprocal, so interpolating A->A would not give 1
    }
    Bracket from = bracket(fromNm);
    Bracket to = bracket(toNm);
    // Bilinear over the (from, to) table: first along the target, then along the source.
    double atFromHi = to.lerp(AREA[from.hi][to.hi], AREA[from.hi][to.lo]);
    double atFromLo = to.lerp(AREA[from.lo][to.hi], AREA[from.lo][to.lo]);
    return from.lerp(atFromHi, atFromLo);
  }

  @Override
  public String description() {
    return "Stillmaker & Baas 2017 (Integration 58:74-81): energy = fitted a*V^2+b*V+c per node at the"
        + " node's nominal supply (HP devices at 45 nm and below), area from the paper's area table;"
        + " nodes between tabulated ones interpolated geometrically; valid 7-180 nm";
  }

  /**
   * The two tabulated nodes around {@code nm}: index {@code hi} is the larger node, {@code lo} the
   * smaller (equal when nm is tabulated), and {@code t} the position from hi (0) to lo (1).
   */
  private record Bracket(int hi, int lo, double t) {
    /** Geometric (log-linear) interpolation: keeps factor(a->b) * factor(b->a) close to 1. */
    double lerp(double atHi, double atLo) {
      return t == 0 ? atHi : atHi * Math.pow(atLo / atHi, t);
    }
  }

  private static Bracket bracket(int nm) {
    if (nm > NODES[0] || nm < NODES[NODES.length - 1]) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "technology node %d nm is outside the range of the Stillmaker & Baas scaling law (7-180 nm)", nm));
    }
    NavigableMap<Integer, Integer> index = new TreeMap<>();
    for (int i = 0; i < NODES.length; i++) {
      index.put(NODES[i], i);
    }
    int hi = index.ceilingEntry(nm).getValue();
    int lo = index.floorEntry(nm).getValue();
    if (hi == lo) {
      return new Bracket(hi, lo, 0);
    }
    return new Bracket(hi, lo, (double) (NODES[hi] - nm) / (NODES[hi] - NODES[lo]));
  }
}
