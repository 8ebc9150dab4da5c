package dev.tritium.simulator.units;

/**
 * One tile on the MAC array.
 *
 * @param folds folds the tile needs
 * @param foldsRun folds actually run (fewer only with WS zero-skip)
 * @param cyclesPerFold 2R + C + T - 2
 * @param cycles the tile's compute cycles
 * @param macs m * n * k useful multiply-accumulates
 */
public record ArrayTiming(long folds, long foldsRun, long cyclesPerFold, long cycles, long macs) {}
