package dev.tritium.simulator.units;

/**
 * Work a zero-skipping array can drop for one tile, found from the weight values (only the functional
 * side knows them; timing-only runs use {@link #NONE}).
 *
 * @param skippedFolds WS only: folds whose stationary R x C weight block is entirely zero (the
 *     fold is not run at all)
 * @param skippedStreamSteps OS and IS: streamed weight vectors that are zero across the fold's
 *     columns (OS: a k step whose C weights are all zero; IS: an output row n whose weights in the
 *     fold's k range are all zero), summed over folds; each removes one cycle from its fold
 */
public record ZeroSkipWork(long skippedFolds, long skippedStreamSteps) {
  public static final ZeroSkipWork NONE = new ZeroSkipWork(0, 0);
}
