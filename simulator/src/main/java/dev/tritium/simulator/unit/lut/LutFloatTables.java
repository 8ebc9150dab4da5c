package dev.tritium.simulator.unit.lut;

import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.functional.GroupFieldLayout;
import java.util.HashSet;
import java.util.Set;

/**
 * The fp16 tables of LUT.BUILD.F16 (isa/README.md, "fp16 tables"): which weight pattern each entry holds, the entry's
 * value, and what building a table costs. Entry e of a group is {@code fp16(s)}, s the fp32 sum of the pattern's
 * signed activations in u order with zero weights skipped; the layouts are those of the int16 tables.
 */
public final class LutFloatTables {

  private LutFloatTables() {}

  /**
   * Refuses BIT_SERIAL: its offset code {@code 2 P1.x + P0.x - sum x} is an integer identity that fp16 entries would
   * not keep.
   */
  public static void requireSignedSums(LutVariant v, String where) {
    if (v == LutVariant.BIT_SERIAL) {
      throw new IllegalArgumentException(where + ": fp16 tables are built for ternary_base3, ternary_mirror, binary"
          + " or binary_mirror; bit_serial's offset code (2 P1.x + P0.x - sum x) needs integer tables");
    }
  }

  /**
   * The weights w_0 .. w_{g-1} (each -1, 0 or +1) of entry {@code entry} of a {@code v} table: TERNARY_BASE3 reads
   * e most-significant-first in base 3 (digit w + 1), TERNARY_MIRROR is the base-3 pattern (3^g - 1)/2 + e, BINARY
   * bit u of e (1: +1), BINARY_MIRROR the BINARY pattern e | 2^(g-1).
   */
  public static void patternWeights(LutVariant v, int g, int entry, int[] w) {
    switch (v) {
      case TERNARY_BASE3 -> base3(entry, g, w);
      case TERNARY_MIRROR -> base3((GroupFieldLayout.pow3(g) - 1) / 2 + entry, g, w);
      case BINARY -> binary(entry, g, w);
      case BINARY_MIRROR -> binary(entry | 1 << (g - 1), g, w);
      case BIT_SERIAL -> throw new IllegalArgumentException("bit_serial has no fp16 table (see requireSignedSums)");
    }
  }

  private static void base3(int index, int g, int[] w) {
    int rest = index;
    for (int u = g - 1; u >= 0; u--) {
      w[u] = rest % 3 - 1;
      rest /= 3;
    }
  }

  private static void binary(int index, int g, int[] w) {
    for (int u = 0; u < g; u++) {
      w[u] = (index >>> u & 1) == 1 ? 1 : -1;
    }
  }

  /** The fp32 sum before the fp16 rounding: {@code s = 0f}, then {@code s = s +- x_u} for each nonzero w_u, u ascending. */
  public static float signedSum(int[] w, float[] x) {
    float s = 0f;
    for (int u = 0; u < w.length; u++) {
      if (w[u] > 0) {
        s = s + x[u];
      } else if (w[u] < 0) {
        s = s - x[u];
      }
    }
    return s;
  }

  /**
   * fp32 adds to build one table in u order: every pattern with at least two nonzero weights is one add (the
   * pattern with its last nonzero weight zeroed, plus or minus that activation: exactly the u-order sum), and a
   * prefix the table does not hold must be built too (a mirror half table's prefixes may lie in the other half, a
   * binary table's prefixes have zeros). Patterns with one nonzero weight are an activation or its negation (no
   * add). TERNARY_BASE3: 3^g - 1 - 2g (g=3: 20), BINARY: 2^(g+1) - 4 (g=4: 28), BINARY_MIRROR: 3 * 2^(g-1) - 4
   * (g=4: 20); the ternary mirror is counted the same way.
   */
  public static long buildAddsPerTable(LutVariant v, int g) {
    requireSignedSums(v, "fp16 table");
    int entries = v.entriesPerTable(g);
    Set<Integer> needed = new HashSet<>();
    int[] w = new int[g];
    for (int e = 0; e < entries; e++) {
      patternWeights(v, g, e, w);
      int[] p = w.clone();
      // Walk up the prefix chain; stop at a pattern already counted (its prefixes are counted with it).
      while (nonzero(p) >= 2 && needed.add(code(p))) {
        int last = g - 1;
        while (p[last] == 0) {
          last--;
        }
        p[last] = 0;
      }
    }
    return needed.size();
  }

  private static int nonzero(int[] w) {
    int n = 0;
    for (int x : w) {
      n += x != 0 ? 1 : 0;
    }
    return n;
  }

  private static int code(int[] w) {
    int c = 0;
    for (int x : w) {
      c = 3 * c + x + 1;
    }
    return c;
  }
}
