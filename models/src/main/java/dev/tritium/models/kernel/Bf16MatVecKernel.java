package dev.tritium.models.kernel;

/**
 * One implementation of {@link Bf16Matrix}'s mat-vec over a range of its tiles. Every implementation keeps the
 * order stated on {@link Bf16Matrix} for every row: {@code s = 0f; s = s + w[k] * x[k]} for k ascending, each
 * product rounded to fp32 and then each sum rounded (never fused), so all implementations give the same bits.
 *
 * <p>The packed layout ({@code packed}, {@code tileRows}) is the one described on {@link Bf16Matrix}: tile t
 * holds rows {@code [t * tileRows, (t + 1) * tileRows)}, and int {@code (t * pairs + p) * tileRows + r} is
 * {@code bf16(row, 2p) << 16 | bf16(row, 2p + 1)} with {@code pairs = (cols + 1) / 2} (padding rows and the odd
 * column past {@code cols} are zero).
 *
 * <p>The scalar kernel lives here ({@link Bf16Kernels#scalar()}); a faster one may come from another module as
 * a {@link java.util.ServiceLoader} provider of this interface (public no-argument constructor, listed in
 * {@code META-INF/services}). {@link Bf16Kernels} picks it.
 */
public interface Bf16MatVecKernel {

  /** What runs, for reports: e.g. {@code "scalar"} or {@code "vector (16 fp32 lanes)"}. */
  String description();

  /**
   * Writes {@code out[row]} for every real row of the tiles {@code [fromTile, toTile)} (rows past {@code rows}
   * are padding and are not written). Called concurrently for disjoint tile ranges.
   */
  void matVecTiles(int[] packed, int rows, int cols, int tileRows, float[] x, float[] out, int fromTile, int toTile);
}
