package dev.tritium.simulator.unit.vector;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;

/** The vector unit's FPGA cost: per-lane fp32 multiply and add, shared special functions. */
public final class VectorUnitFpgaCost {

  /**
   * fp32 multiplier, Vitis HLS / Floating-Point Operator (PG060) with full DSP usage on UltraScale+:
   * 3 DSP48E2 (PG060 resource table, single precision multiply, "Full" usage). LUT/FF are typical
   * Vitis HLS report figures for a fully pipelined fmul (assumed).
   */
  public static final FpgaResources FP32_MUL = new FpgaResources(140, 150, 3, 0, 0);

  /** fp32 adder, full DSP usage: 2 DSP48E2 (PG060, single precision add/subtract); LUT/FF assumed. */
  public static final FpgaResources FP32_ADD = new FpgaResources(230, 220, 2, 0, 0);

  /** Per lane: fp32 compare/max, int32 to fp32 and fp32 to int8 conversion, rounding (LUT logic, assumed). */
  public static final FpgaResources LANE_MISC = new FpgaResources(120, 100, 0, 0, 0);

  /**
   * Shared special-function units of the vector unit: one fp32 divider (no DSP; PG060 divide is
   * LUT-based), one fp32 square root (LUT-based), one fp32 exp (7 DSP48E2 for the fixed-point
   * multiplications, PG060 exponential). LUT/FF assumed from typical Vitis HLS reports.
   */
  public static final FpgaResources FP32_DIV = new FpgaResources(800, 1_400, 0, 0, 0);
  public static final FpgaResources FP32_SQRT = new FpgaResources(500, 800, 0, 0, 0);
  public static final FpgaResources FP32_EXP = new FpgaResources(1_000, 900, 7, 0, 0);

  private VectorUnitFpgaCost() {}

  public static ComponentCost of(VectorUnitConfig v) {
    FpgaResources lane = FP32_MUL.plus(FP32_ADD).plus(LANE_MISC);
    FpgaResources shared = FP32_DIV.plus(FP32_SQRT).plus(FP32_EXP);
    return new ComponentCost("vector_unit", lane.times(v.lanes()).plus(shared),
        v.lanes() + " lanes x (fmul " + FP32_MUL.dsp() + " DSP + fadd " + FP32_ADD.dsp()
            + " DSP + misc) + shared fdiv, fsqrt, fexp (" + FP32_EXP.dsp() + " DSP)");
  }
}
