package dev.tritium.mapper.tiling;

/**
 * The analytical (roofline-style) estimate of one mapping:
 * {@code totalCycles = max(computeCycles, dramCycles) + fillDrainCycles}.
 *
 * @param computeCycles sum of the compute queue's unit cycles (quantize, table builds, weight tiles, dequantize)
 * @param dramCycles DRAM bytes at peak bandwidth plus one descriptor overhead per transfer
 * @param fillDrainCycles what cannot overlap: the first input load and quantize, the first weight
 *     tile's load, the last dequantize and store
 * @param dramBytes bytes read and written
 * @param energyPj priced value-independent actions (ternary pairs priced from the weight histogram)
 */
public record Estimate(long computeCycles, long dramCycles, long fillDrainCycles, long dramBytes, double energyPj) {

  public long totalCycles() {
    return Math.max(computeCycles, dramCycles) + fillDrainCycles;
  }

  /** True when DRAM, not compute, bounds the steady state. */
  public boolean memoryBound() {
    return dramCycles > computeCycles;
  }
}
