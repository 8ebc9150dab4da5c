package dev.tritium.models.kernel;

/**
 * The inner loop of the lookup-table GEMV on {@link TritPackedWeights}: a service interface, so that module
 * {@code simd} can provide a Vector API version while {@link ScalarTritGemv} stays the plain-Java definition.
 *
 * <p>Contract, for every tile {@code tile} in {@code [tileFrom, tileTo)} and every token {@code t}: for each row
 * {@code r} of the tile below {@code rows}, {@code acc[t * rows + r] = sum over words w and fields f of
 * tables[t][(3 w + f) * 32 + field_f(weights[(tile * words + w) * 128 + r % 128])]}, computed exactly in int32.
 * Callers ({@link TritPackedWeights#accumulate}) check every array length before the call, so an implementation
 * may rely on them.
 */
public interface TritGemvKernel {

  /**
   * The lookup tables of x[offset, offset + features), equal to {@link TritTables#of}. A decode token builds them
   * for four inputs per layer (120 for a 30-layer model), so a provider builds them with its own lanes.
   */
  default short[] tables(byte[] x, int offset, int features) {
    return TritTables.of(x, offset, features);
  }

  /** One line for reports: which implementation, and its lane shape. */
  String description();

  /**
   * Writes the accumulators of the tiles' rows for every token.
   *
   * @param weights the packed matrix ({@link TritPackedWeights#data()})
   * @param words 9-column words per row
   * @param rows the matrix's rows (the last tile may be partial)
   * @param tables one lookup table per token ({@link TritTables#of}), each {@code words * 96} shorts
   * @param acc accumulators [tokens][rows]
   */
  void accumulateTiles(short[] weights, int words, int rows, short[][] tables, int[] acc, int tileFrom, int tileTo);
}
