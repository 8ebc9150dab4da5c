package dev.tritium.simd;

import dev.tritium.models.kernel.TritGemvKernel;
import dev.tritium.models.kernel.TritPackedWeights;
import dev.tritium.models.kernel.TritTables;
import java.util.Objects;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lookup-table GEMV on 512-bit lanes: each 5-bit field of 32 rows' weight words becomes a lane shuffle of its
 * group's 27-entry table (one VPERMW), so one instruction does three MACs for 32 rows. A tile's 128 rows are four
 * vectors that share the word's three tables. Sums stay in 16-bit lanes for {@link #CHUNK_WORDS} words and are then
 * widened into int32: a word adds at most 9 x 128 = 1152 in magnitude, and 28 x 1152 = 32256 still fits a short,
 * so the 16-bit sums never wrap and the result is exact.
 *
 * <p>Only the 512-bit shape is provided: with 16 short lanes a 32-entry table no longer fits one vector, and the
 * popcount kernel then serves better. On JDK 17 every {@code rearrange} also tests its shuffle for an out-of-range
 * index; the indices here are 0..26 by construction, and {@code -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0}
 * (which the launcher sets for the commands that run this kernel) removes that test along with the Vector API's
 * array bounds checks, which is why every range this kernel touches is checked once at entry instead.
 */
public final class VectorTritGemv implements TritGemvKernel {

  static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_512;
  static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
  /** Words summed in 16-bit lanes between widenings (28 is the most that cannot wrap). */
  static final int CHUNK_WORDS = 16;
  private static final int TILE = 128;
  private static final int TABLE = 32;

  /**
   * Loaded by {@link java.util.ServiceLoader}; refuses CPUs without 512-bit short lanes, where the JDK would run the
   * 512-bit shape in plain Java (correct, far slower than the popcount kernel), so that the engine keeps sign masks.
   */
  public VectorTritGemv() {
    if (!hardwareHasFullLanes()) {
      throw new UnsupportedOperationException("the table-lookup GEMV needs 512-bit vectors; this CPU's preferred"
          + " shape is " + ShortVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
    }
  }

  private VectorTritGemv(boolean anyCpu) {
  }

  /** Whether this CPU runs {@link #SHORTS} in hardware. */
  static boolean hardwareHasFullLanes() {
    return ShortVector.SPECIES_PREFERRED.length() >= SHORTS.length();
  }

  /** The kernel on any CPU, for the checks: the same results, in plain Java where the CPU lacks 512-bit lanes. */
  static VectorTritGemv onAnyCpu() {
    return new VectorTritGemv(true);
  }

  /** Lane i < 27 holds digit {@code i / 3^k % 3 - 1} of table entry i; lanes 27..31 hold 0. */
  private static final ShortVector[] DIGITS = new ShortVector[3];

  static {
    for (int k = 0, place = 1; k < 3; k++, place *= 3) {
      short[] d = new short[TABLE];
      for (int i = 0; i < 27; i++) {
        d[i] = (short) (i / place % 3 - 1);
      }
      DIGITS[k] = ShortVector.fromArray(SHORTS, d, 0);
    }
  }

  /** Each group's 32 entries as one vector: the three digit vectors times the group's three activations. */
  @Override
  public short[] tables(byte[] x, int offset, int features) {
    Objects.checkFromIndexSize(offset, features, x.length);
    int groups = TritPackedWeights.wordsFor(features) * TritPackedWeights.FIELDS_PER_WORD;
    short[] out = new short[groups * TABLE];
    ShortVector d0 = DIGITS[0];
    ShortVector d1 = DIGITS[1];
    ShortVector d2 = DIGITS[2];
    int full = features / 3;
    for (int g = 0; g < full; g++) {
      int c = offset + 3 * g;
      d0.mul(x[c]).add(d1.mul(x[c + 1])).add(d2.mul(x[c + 2])).intoArray(out, g * TABLE);
    }
    int rest = features - 3 * full;
    if (rest > 0) {
      // The one partial group; groups past it pad the last word, see only zero activations and stay all zero.
      System.arraycopy(TritTables.of(x, offset + 3 * full, rest), 0, out, full * TABLE, TABLE);
    }
    return out;
  }

  @Override
  public String description() {
    return "vector, 32 short lanes x 4 per 128-row tile";
  }

  @Override
  public void accumulateTiles(short[] weights, int words, int rows, short[][] tables, int[] acc, int tileFrom,
      int tileTo) {
    int tiles = (rows + TILE - 1) / TILE;
    Objects.checkFromToIndex(tileFrom, tileTo, tiles);
    Objects.checkFromIndexSize(0, tiles * words * TILE, weights.length);
    Objects.checkFromIndexSize(0, tables.length * rows, acc.length);
    for (short[] t : tables) {
      Objects.checkFromIndexSize(0, words * 3 * TABLE, t.length);
    }
    int[] sums = new int[TILE];
    for (int tile = tileFrom; tile < tileTo; tile++) {
      int live = Math.min(TILE, rows - tile * TILE);
      for (int t = 0; t < tables.length; t++) {
        java.util.Arrays.fill(sums, 0);
        tile(weights, tile * words * TILE, words, tables[t], sums);
        System.arraycopy(sums, 0, acc, t * rows + tile * TILE, live);
      }
    }
  }

  /** One tile for one token into sums[128]. */
  private static void tile(short[] weights, int base, int words, short[] tab, int[] sums) {
    for (int w0 = 0; w0 < words; w0 += CHUNK_WORDS) {
      int w1 = Math.min(words, w0 + CHUNK_WORDS);
      ShortVector c0 = ShortVector.zero(SHORTS);
      ShortVector c1 = c0;
      ShortVector c2 = c0;
      ShortVector c3 = c0;
      for (int w = w0; w < w1; w++) {
        ShortVector t0 = ShortVector.fromArray(SHORTS, tab, w * 3 * TABLE);
        ShortVector t1 = ShortVector.fromArray(SHORTS, tab, w * 3 * TABLE + TABLE);
        ShortVector t2 = ShortVector.fromArray(SHORTS, tab, w * 3 * TABLE + 2 * TABLE);
        int at = base + w * TILE;
        c0 = c0.add(lookup(ShortVector.fromArray(SHORTS, weights, at), t0, t1, t2));
        c1 = c1.add(lookup(ShortVector.fromArray(SHORTS, weights, at + 32), t0, t1, t2));
        c2 = c2.add(lookup(ShortVector.fromArray(SHORTS, weights, at + 64), t0, t1, t2));
        c3 = c3.add(lookup(ShortVector.fromArray(SHORTS, weights, at + 96), t0, t1, t2));
      }
      widen(c0, sums, 0);
      widen(c1, sums, 32);
      widen(c2, sums, 64);
      widen(c3, sums, 96);
    }
  }

  /** The three fields' table entries, summed: nine MACs for each of 32 rows. */
  private static ShortVector lookup(ShortVector word, ShortVector t0, ShortVector t1, ShortVector t2) {
    VectorShuffle<Short> f0 = word.and((short) 31).toShuffle();
    VectorShuffle<Short> f1 = word.lanewise(VectorOperators.LSHR, 5).and((short) 31).toShuffle();
    VectorShuffle<Short> f2 = word.lanewise(VectorOperators.LSHR, 10).toShuffle();
    return t0.rearrange(f0).add(t1.rearrange(f1)).add(t2.rearrange(f2));
  }

  private static void widen(ShortVector c, int[] sums, int at) {
    IntVector lo = (IntVector) c.convertShape(VectorOperators.S2I, INTS, 0);
    IntVector hi = (IntVector) c.convertShape(VectorOperators.S2I, INTS, 1);
    lo.add(IntVector.fromArray(INTS, sums, at)).intoArray(sums, at);
    hi.add(IntVector.fromArray(INTS, sums, at + 16)).intoArray(sums, at + 16);
  }
}
