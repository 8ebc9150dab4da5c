package dev.tritium.simulator.unit.mac;

/**
 * One tile on the MAC array.
 *
 * @param folds folds the tile needs
 * @param foldsRun folds actually run (fewer only with WS zero-skip in cycles mode)
 * @param skippedStreamSteps OS/IS zero-skip in cycles mode: streamed weight vectors skipped, summed
 *     over folds (WS: 0)
 * @param cycles the tile's compute cycles
 * @param macs m * n * k useful multiply-accumulates
 */
public record ArrayTiming(long folds, long foldsRun, long skippedStreamSteps, long cycles, long macs) {}
