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
  /** A 5-bit field's mask. */
  private static final short FIELD = 31;

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

  /**
   * One tile for one token into sums[128].
   *
   * <p>Everything is written out in this one method on purpose. C2 stops inlining small helper methods once a
   * compilation passes its node budget (NodeCountInliningCutoff), and this loop's Vector API calls expand to many
   * nodes. A helper that is not inlined receives its vectors as heap objects: with a separate widening helper, every
   * 16-word chunk boxed four vectors, about 40 MB of garbage per decode token, and the calls ran out of line. The
   * Vector API's own methods are force-inlined and never hit that budget.
   */
  private static void tile(short[] weights, int base, int words, short[] tab, int[] sums) {
    for (int w0 = 0; w0 < words; w0 += CHUNK_WORDS) {
      int w1 = Math.min(words, w0 + CHUNK_WORDS);
      ShortVector c0 = ShortVector.zero(SHORTS);
      ShortVector c1 = c0;
      ShortVector c2 = c0;
      ShortVector c3 = c0;
      for (int w = w0; w < w1; w++) {
        int tw = w * 3 * TABLE;
        ShortVector t0 = ShortVector.fromArray(SHORTS, tab, tw);
        ShortVector t1 = ShortVector.fromArray(SHORTS, tab, tw + TABLE);
        ShortVector t2 = ShortVector.fromArray(SHORTS, tab, tw + 2 * TABLE);
        int at = base + w * TILE;
        // Per 32 rows: the three 5-bit fields of each row's word index their group's table (nine MACs per row).
        ShortVector x0 = ShortVector.fromArray(SHORTS, weights, at);
        ShortVector x1 = ShortVector.fromArray(SHORTS, weights, at + 32);
        ShortVector x2 = ShortVector.fromArray(SHORTS, weights, at + 64);
        ShortVector x3 = ShortVector.fromArray(SHORTS, weights, at + 96);
        c0 = c0.add(t0.rearrange(x0.and(FIELD).toShuffle()))
            .add(t1.rearrange(x0.lanewise(VectorOperators.LSHR, 5).and(FIELD).toShuffle()))
            .add(t2.rearrange(x0.lanewise(VectorOperators.LSHR, 10).toShuffle()));
        c1 = c1.add(t0.rearrange(x1.and(FIELD).toShuffle()))
            .add(t1.rearrange(x1.lanewise(VectorOperators.LSHR, 5).and(FIELD).toShuffle()))
            .add(t2.rearrange(x1.lanewise(VectorOperators.LSHR, 10).toShuffle()));
        c2 = c2.add(t0.rearrange(x2.and(FIELD).toShuffle()))
            .add(t1.rearrange(x2.lanewise(VectorOperators.LSHR, 5).and(FIELD).toShuffle()))
            .add(t2.rearrange(x2.lanewise(VectorOperators.LSHR, 10).toShuffle()));
        c3 = c3.add(t0.rearrange(x3.and(FIELD).toShuffle()))
            .add(t1.rearrange(x3.lanewise(VectorOperators.LSHR, 5).and(FIELD).toShuffle()))
            .add(t2.rearrange(x3.lanewise(VectorOperators.LSHR, 10).toShuffle()));
      }
      // Widen the 16-bit sums into int32 (lanes 0-15, then 16-31 of each vector).
      ((IntVector) c0.convertShape(VectorOperators.S2I, INTS, 0)).add(IntVector.fromArray(INTS, sums, 0))
          .intoArray(sums, 0);
      ((IntVector) c0.convertShape(VectorOperators.S2I, INTS, 1)).add(IntVector.fromArray(INTS, sums, 16))
          .intoArray(sums, 16);
      ((IntVector) c1.convertShape(VectorOperators.S2I, INTS, 0)).add(IntVector.fromArray(INTS, sums, 32))
          .intoArray(sums, 32);
      ((IntVector) c1.convertShape(VectorOperators.S2I, INTS, 1)).add(IntVector.fromArray(INTS, sums, 48))
          .intoArray(sums, 48);
      ((IntVector) c2.convertShape(VectorOperators.S2I, INTS, 0)).add(IntVector.fromArray(INTS, sums, 64))
          .intoArray(sums, 64);
      ((IntVector) c2.convertShape(VectorOperators.S2I, INTS, 1)).add(IntVector.fromArray(INTS, sums, 80))
          .intoArray(sums, 80);
      ((IntVector) c3.convertShape(VectorOperators.S2I, INTS, 0)).add(IntVector.fromArray(INTS, sums, 96))
          .intoArray(sums, 96);
      ((IntVector) c3.convertShape(VectorOperators.S2I, INTS, 1)).add(IntVector.fromArray(INTS, sums, 112))
          .intoArray(sums, 112);
    }
  }
}
