package dev.tritium.simd;

import dev.tritium.models.kernel.Bf16MatVecKernel;
import java.util.Arrays;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link dev.tritium.models.kernel.Bf16Matrix}'s mat-vec on Vector API lanes, bit-identical to the scalar kernel.
 *
 * <p>A tile's rows are the lanes. Per column pair p, one {@link IntVector} load takes the packed pairs of
 * {@code L} consecutive rows; {@code and(0xffff0000)} is the fp32 of column 2p, {@code LSHL 16} the fp32 of
 * column 2p + 1, both reinterpreted as fp32 lanes (no conversion, no copy); then
 * {@code acc = acc.add(hi.mul(x0)).add(lo.mul(x1))}: a separate multiply (rounded) and add (rounded) per term, in
 * the scalar order {@code acc + hi * x0 + lo * x1}, so every lane gets exactly the scalar row's bits (no fused
 * multiply-add). The odd last column adds {@code hi * x0} only, as the scalar kernel does (adding a zero product
 * would turn an accumulated -0 into +0).
 *
 * <p>The tile's accumulators live in an fp32 array of {@code tileRows} lanes (4 KiB for 1,024 rows, in L1): the
 * packed weights then stream in storage order, one contiguous run of {@code tileRows} ints per column pair.
 * Measured faster than keeping four row vectors in registers over all column pairs (whose loads stride by
 * {@code tileRows} ints, a new 4 KiB page per load) and than taking four column pairs per accumulator load and
 * store (the module README has the figures). Lanes past the last full vector ({@code tileRows} not a multiple
 * of {@code L}) take the same operations in scalar code.
 */
public final class VectorBf16Kernel implements Bf16MatVecKernel {

  static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  /** Loaded by {@link java.util.ServiceLoader}. */
  public VectorBf16Kernel() {
    if (INTS.length() != FLOATS.length()) {
      throw new UnsupportedOperationException("int and float preferred species differ: " + INTS + ", " + FLOATS);
    }
  }

  /** fp32 lanes per vector. */
  public static int lanes() {
    return FLOATS.length();
  }

  @Override
  public String description() {
    return "vector (" + FLOATS.length() + " fp32 lanes, " + FLOATS.vectorBitSize() + "-bit)";
  }

  @Override
  public void matVecTiles(int[] packed, int rows, int cols, int tileRows, float[] x, float[] out, int fromTile,
      int toTile) {
    // Every range checked once here: the launcher runs the Vector API without its per-access bounds checks.
    if (rows <= 0 || cols <= 0 || tileRows <= 0) {
      throw new IllegalArgumentException("rows, cols and tileRows must be positive: " + rows + ", " + cols + ", "
          + tileRows);
    }
    Objects.checkFromToIndex(fromTile, toTile, (rows + tileRows - 1) / tileRows);
    Objects.checkFromIndexSize(0, (int) Math.min(Integer.MAX_VALUE, (long) toTile * ((cols + 1) / 2) * tileRows),
        packed.length);
    Objects.checkFromIndexSize(0, cols, x.length);
    Objects.checkFromIndexSize(0, rows, out.length);
    float[] acc = new float[tileRows];
    for (int tile = fromTile; tile < toTile; tile++) {
      matVecTile(packed, cols, tileRows, tile, x, acc);
      int first = tile * tileRows;
      System.arraycopy(acc, 0, out, first, Math.min(tileRows, rows - first));
    }
  }

  /** acc[r] = row (tile * tileRows + r) . x for r in [0, tileRows). */
  static void matVecTile(int[] packed, int cols, int tileRows, int tile, float[] x, float[] acc) {
    Arrays.fill(acc, 0f);
    int pairs = (cols + 1) / 2;
    int fullPairs = cols / 2;
    int bound = INTS.loopBound(tileRows);
    int src = tile * pairs * tileRows;
    for (int p = 0; p < fullPairs; p++, src += tileRows) {
      float x0 = x[2 * p];
      float x1 = x[2 * p + 1];
      FloatVector vx0 = FloatVector.broadcast(FLOATS, x0);
      FloatVector vx1 = FloatVector.broadcast(FLOATS, x1);
      int r = 0;
      for (; r < bound; r += INTS.length()) {
        IntVector v = IntVector.fromArray(INTS, packed, src + r);
        FloatVector hi = v.and(0xffff0000).reinterpretAsFloats();
        FloatVector lo = v.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
        FloatVector a = FloatVector.fromArray(FLOATS, acc, r);
        a.add(hi.mul(vx0)).add(lo.mul(vx1)).intoArray(acc, r);
      }
      for (; r < tileRows; r++) {
        int v = packed[src + r];
        acc[r] = acc[r] + Float.intBitsToFloat(v & 0xffff0000) * x0 + Float.intBitsToFloat(v << 16) * x1;
      }
    }
    if (pairs > fullPairs) {
      float x0 = x[cols - 1];
      FloatVector vx0 = FloatVector.broadcast(FLOATS, x0);
      int r = 0;
      for (; r < bound; r += INTS.length()) {
        IntVector v = IntVector.fromArray(INTS, packed, src + r);
        FloatVector hi = v.and(0xffff0000).reinterpretAsFloats();
        FloatVector a = FloatVector.fromArray(FLOATS, acc, r);
        a.add(hi.mul(vx0)).intoArray(acc, r);
      }
      for (; r < tileRows; r++) {
        acc[r] = acc[r] + Float.intBitsToFloat(packed[src + r] & 0xffff0000) * x0;
      }
    }
  }
}
