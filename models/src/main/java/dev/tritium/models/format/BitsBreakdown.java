package dev.tritium.models.format;

/**
 * The storage bits of one N x K matrix in a format, by part. Doubles because a ternary plane costs
 * log2(3) bits per entry; every other part is a whole number of bits.
 */
public record BitsBreakdown(
    int n, int k, double planes, double scales, double shifts, double outlierValues, double outlierIndices,
    double masks, double rotationSigns) {

  public double total() {
    return planes + scales + shifts + outlierValues + outlierIndices + masks + rotationSigns;
  }

  /** {@link #total()} / (N * K). */
  public double perWeight() {
    return total() / ((double) n * k);
  }
}
