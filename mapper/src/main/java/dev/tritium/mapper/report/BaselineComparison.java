package dev.tritium.mapper.report;

import dev.tritium.simulator.unit.mac.WeightDatatype;

/**
 * A ternary model call and the same call on a baseline datapath of the same array size, buffers and
 * DRAM.
 *
 * @param ternary the simulated ternary call
 * @param baseline the baseline call (counts and latency derived from the ternary run, see {@link Baselines})
 * @param datatype the baseline's weight datatype
 * @param extraDramBytes weight bytes the baseline reads from DRAM beyond the ternary run's
 * @param latencySerialisedMs upper bound: ternary latency + extra bytes / peak bandwidth (no overlap)
 * @param ternaryDramShare ternary DRAM bytes at peak bandwidth / ternary latency: how memory-bound the
 *     simulated call is (near 1: the weight stream is the critical path)
 */
public record BaselineComparison(ModelEnergyReport ternary, ModelEnergyReport baseline, WeightDatatype datatype,
    long extraDramBytes, double latencySerialisedMs, double ternaryDramShare) {}
