package dev.tritium.simulator.unit.lut;

/**
 * One LUT.BUILD.
 *
 * @param tables tables built (m * groups)
 * @param adds adds spent building them
 * @param tableBytes bytes written to the LUT buffer
 * @param cycles compute cycles
 */
public record LutBuildTiming(long tables, long adds, long tableBytes, long cycles) {}
