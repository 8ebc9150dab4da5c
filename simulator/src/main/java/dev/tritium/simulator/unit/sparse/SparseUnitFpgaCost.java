package dev.tritium.simulator.unit.sparse;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.unit.vector.VectorUnitFpgaCost;

/**
 * The sparse unit's FPGA cost, per lane: an fp32 multiplier and an fp32 adder as the vector lanes use (PG060 single
 * precision, full DSP usage: VectorUnitFpgaCost), and the index decoder: an int8 to fp32 conversion and a 24-bit
 * column-to-address add (ASSUMED: 24 LUT for the add carry chain, 40 LUT / 32 FF for the conversion, no DSP).
 */
public final class SparseUnitFpgaCost {

  /** Per lane: the index decoder (24-bit address add) and the int8 to fp32 conversion. ASSUMED, see the class. */
  static final FpgaResources INDEX_DECODE = new FpgaResources(24 + 40, 24 + 32, 0, 0, 0);

  private SparseUnitFpgaCost() {}

  public static ComponentCost of(SparseUnitConfig s) {
    FpgaResources lane = VectorUnitFpgaCost.FP32_MUL.plus(VectorUnitFpgaCost.FP32_ADD).plus(INDEX_DECODE);
    return new ComponentCost("sparse_unit", lane.times(s.lanes()), s.lanes() + " lanes x (fmul "
        + VectorUnitFpgaCost.FP32_MUL.dsp() + " DSP + fadd " + VectorUnitFpgaCost.FP32_ADD.dsp()
        + " DSP, PG060; index decode and int8 conversion " + INDEX_DECODE.lut() + " LUT, ASSUMED)");
  }
}
