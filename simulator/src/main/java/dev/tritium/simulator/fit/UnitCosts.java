package dev.tritium.simulator.fit;

/**
 * Per-unit FPGA cost constants and their basis (fpga/README.md "Cost models"). Counts are for AMD
 * UltraScale+ fabric: CLBs of LUT6s with a CARRY8 chain and flip-flops (UG574), DSP48E2 slices
 * (UG579), 36 Kb block RAM and 288 Kb UltraRAM (UG573).
 */
public final class UnitCosts {

  private UnitCosts() {}

  /**
   * LUTs of a ternary PE besides its adder: one LUT6 turns the stationary 2-bit weight code into the
   * add / subtract / skip controls (the adder's own LUT6 per bit absorbs the conditional inversion and
   * the zero gate: acc bit, activation bit, subtract and enable are 4 of its 6 inputs).
   */
  public static final int PE_DECODE_LUTS = 1;

  /** Stationary weight register of a PE (2-bit code). */
  public static final int PE_WEIGHT_FFS = 2;

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

  /**
   * One DMA channel with its AXI4 master: address generation, burst logic and a burst FIFO. Assumed
   * constant based on the AXI DMA (PG021) and AXI DataMover (PG022) resource tables, which report a few
   * thousand LUTs and FFs per channel at 64- to 128-bit data; the FIFO takes 2 BRAM36.
   */
  public static final FpgaResources DMA_CHANNEL = new FpgaResources(1_500, 2_200, 0, 2, 0);

  /** AXI-Lite control slave, instruction queues and dependency-token counters (assumed). */
  public static final FpgaResources CONTROL = new FpgaResources(800, 1_000, 0, 1, 0);

  /** BRAM36 as one write and one read port (simple dual port): 512 x 72 (UG573). */
  /** Bits one LUT6 holds as distributed RAM (a 64 x 1 RAM; UltraScale Architecture CLB User Guide UG574, SLICEM). */
  public static final int LUTRAM_BITS_PER_LUT = 64;

  public static final int BRAM36_WIDTH_BITS = 72;
  public static final int BRAM36_DEPTH = 512;

  /** UltraRAM: 4096 x 72, two ports (UG573). */
  public static final int URAM_WIDTH_BITS = 72;
  public static final int URAM_DEPTH = 4096;
}
