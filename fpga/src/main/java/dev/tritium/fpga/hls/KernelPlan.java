package dev.tritium.fpga.hls;

import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.packing.WeightPacking;
import java.util.Objects;

/**
 * The description an exported kernel follows: which unit computes the matrix product, the weight
 * layout it reads, and the weight tile it holds per step. Every size in kernel.h comes from here.
 *
 * @param unit MAC array or LUT core
 * @param packing the packed weight layout (models/README.md "weight packings")
 * @param modelsPacking the same layout in the reference engine (used to pack the golden weights)
 * @param tileN outputs per weight tile (MAC: array columns; LUT: rows sharing one table read)
 * @param tileUnits weights (MAC) or weight groups (LUT) per tile along K, all consumed in one cycle
 * @param groupSize weights per tile unit: 1 on the MAC array, g on the LUT core
 * @param tableEntries entries of one LUT table (0 for the MAC array)
 * @param tableEntryBits width of a table entry (0 for the MAC array)
 * @param accumulatorBits the arch's accumulator width (checked against each layer's K)
 * @param vectorLanes vector-unit lanes (unroll factor of the element-wise loops)
 * @param source where the tiling came from (printed into kernel.h and the README)
 */
public record KernelPlan(ComputeUnit unit, Packing packing, WeightPacking modelsPacking, int tileN, int tileUnits,
    int groupSize, int tableEntries, int tableEntryBits, int accumulatorBits, int vectorLanes, String source) {

  public KernelPlan {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(packing, "packing");
    Objects.requireNonNull(modelsPacking, "modelsPacking");
    if (tileN < 1 || tileUnits < 1 || groupSize < 1 || vectorLanes < 1) {
      throw new IllegalArgumentException("kernel plan needs tile_n, tile units, group size and lanes >= 1");
    }
  }

  /** Weights along K per tile. */
  public int tileK() {
    return tileUnits * groupSize;
  }

  /** True for the LUT core. */
  public boolean lut() {
    return unit == ComputeUnit.LUT;
  }

  /** One line for headers and reports. */
  public String summary() {
    return unit.name().toLowerCase(java.util.Locale.ROOT) + " packing=" + packing.modelsName() + " tile_n=" + tileN
        + " tile_k=" + tileK() + (lut() ? " (" + tileUnits + " groups of " + groupSize + ")" : "");
  }
}
