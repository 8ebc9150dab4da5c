package dev.tritium.simulator.unit.mac;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.unit.vector.VectorUnitFpgaCost;

/**
 * The MAC array's FPGA cost on AMD UltraScale+ fabric (CLBs of LUT6s with a CARRY8 chain and flip-flops, UG574;
 * DSP48E2 slices, UG579): its PEs and its column accumulators.
 */
public final class MacArrayFpgaCost {

  /**
   * One fp16 adder: ASSUMED, no measured figure for this part here. PG060 tabulates the single-precision add
   * (VectorUnitFpgaCost.FP32_ADD); a binary16 add aligns and adds an 11-bit significand instead of a 24-bit one, so
   * its fabric logic is taken as half the fp32 figure and its DSP use as one DSP48E2 (the fp32 add's two slices hold
   * a wider aligned addition than binary16 needs).
   */
  static final FpgaResources FP16_ADD = new FpgaResources(VectorUnitFpgaCost.FP32_ADD.lut() / 2,
      VectorUnitFpgaCost.FP32_ADD.ff() / 2, 1, 0, 0);

  /**
   * LUTs of a ternary PE besides its adder: one LUT6 turns the stationary 2-bit weight code into the
   * add / subtract / skip controls (the adder's own LUT6 per bit absorbs the conditional inversion and
   * the zero gate: acc bit, activation bit, subtract and enable are 4 of its 6 inputs).
   */
  public static final int PE_DECODE_LUTS = 1;

  /** Stationary weight register of a PE (2-bit code). */
  public static final int PE_WEIGHT_FFS = 2;

  /** LUTs of a PE's mask decoder: one LUT6 takes its six inputs (two mask bits, four gate bits). */
  public static final int MASK_DECODE_LUTS = 1;
  /**
   * LUTs of one signed 4 x 4-bit multiplier in fabric (int_multipliers: int4): ASSUMED, no synthesis figure here. Its
   * 16 partial-product bits reduce to an 8-bit product; two LUT6s per product bit is taken, 16 in all (a DSP48E2
   * would hold it, but an int4 array exists to spare DSPs).
   */
  public static final int INT4_MULT_LUTS = 16;

  /**
   * LUTs of a bit-plane PE's AND + popcount of two plane bytes (bit_plane: true): ASSUMED, no synthesis figure here.
   * One LUT6 ANDs three bit pairs and gives one bit of their 2-bit count, so three pairs take two LUT6s and eight
   * pairs six (three 2-bit counts); adding those into a 4-bit count takes about four more: ten in all.
   */
  public static final int BIT_PLANE_PE_LUTS = 10;
  /**
   * FFs of a bit-plane PE's stationary weight plane bytes: ASSUMED, one byte per plane for up to eight planes (GEMM.BP's
   * most), so the Q activation passes of one fold need no weight reload; the activation plane byte uses the PE's
   * activation register.
   */
  public static final int BIT_PLANE_PE_FFS = 8 * 8;
  /**
   * The edge of a bit-plane array, per column: ASSUMED one DSP48E2 for the zero-point multiply-adds and a 32-bit shift
   * and add in fabric (one LUT6 and one FF per bit) for each pass's count.
   */
  public static final FpgaResources BIT_PLANE_EDGE = new FpgaResources(32, 32, 1, 0, 0);

  /** Width of GEMM.IW's accumulator (the ISA's int32). */
  static final int INT_ACC_BITS = MacDatapaths.INT_ARRAY_ACC_BITS;

  private MacArrayFpgaCost() {}

  /** rows x cols PEs: adder LUT chain + decode, partial sum, activation and weight registers, optional multipliers. */
  public static ComponentCost pes(TernaryMacArrayConfig m) {
    int acc = m.accumulatorBits();
    long lutPerPe = acc + PE_DECODE_LUTS;
    // A double-buffered stationary operand keeps a second (shadow) weight register per PE, loaded while the
    // working one computes; the swap is the working register's load enable (no LUT counted).
    int weightRegisters = m.stationaryDoubleBuffer() ? 2 : 1;
    long ffPerPe = acc + m.activationBits() + (long) weightRegisters * PE_WEIGHT_FFS;
    long pes = m.peCount();
    // int8 multipliers: one DSP48E2 per PE (its 27 x 18 multiplier holds an int8 x int8 product), and an 8-bit
    // register for the stationary int8 operand in place of the 2-bit ternary weight.
    // int_multipliers int8 (GEMM.IW) uses the same DSP48E2 (its multiplier and 48-bit post-adder accumulate int32 in
    // the P register), so the slice is counted once; int4 multiplies in fabric (INT4_MULT_LUTS, ASSUMED) and widens
    // the PE's accumulator to int32 where accumulator_bits is narrower (one LUT and FF per added bit).
    boolean intDsp = m.intMultipliers() == IntMultipliers.INT8;
    boolean int4 = m.intMultipliers() == IntMultipliers.INT4;
    long dspPerPe = m.int8Multipliers() || intDsp ? 1 : 0;
    long multFf = m.int8Multipliers() || intDsp ? 8 - PE_WEIGHT_FFS : int4 ? 4 - PE_WEIGHT_FFS : 0;
    long widen = int4 ? Math.max(0, INT_ACC_BITS - acc) : 0;
    long int4Luts = int4 ? INT4_MULT_LUTS + widen : 0;
    // Floating-point adders (GEMM.SF): one Floating-Point Operator add per PE, fp32 as the vector unit's lanes use it
    // or fp16 (ASSUMED, see FP16_ADD); a 32-bit activation register replaces the int8 one in that mode (the psum
    // register is counted above).
    boolean fp = m.floatAdders() != FloatAdders.NONE;
    FpgaResources adder = m.floatAdders() == FloatAdders.FP16 ? FP16_ADD : VectorUnitFpgaCost.FP32_ADD;
    FpgaResources fpAdders = fp ? adder.plus(new FpgaResources(0, 32 - m.activationBits(), 0, 0, 0)).times(pes)
        : new FpgaResources(0, 0, 0, 0, 0);
    // Mask decoders (gated GEMM.SF): the pass/zero decision is a function of six bits (C[k], M[r][k] and the four
    // gate bits), one LUT6, plus two FFs for the stationary weight's two mask bits.
    FpgaResources masks = m.maskDecode() ? new FpgaResources(MASK_DECODE_LUTS, 2, 0, 0, 0).times(pes)
        : new FpgaResources(0, 0, 0, 0, 0);
    // Bit-plane PEs (GEMM.BP): the AND + popcount and the stationary plane bytes per PE (ASSUMED, see the constants),
    // the shift-add and zero-point edge per column.
    FpgaResources bitPlanes = m.bitPlane()
        ? new FpgaResources(BIT_PLANE_PE_LUTS, BIT_PLANE_PE_FFS, 0, 0, 0).times(pes).plus(BIT_PLANE_EDGE.times(m.cols()))
        : new FpgaResources(0, 0, 0, 0, 0);
    return new ComponentCost("mac_array", new FpgaResources(pes * (lutPerPe + int4Luts),
        pes * (ffPerPe + multFf + widen), pes * dspPerPe, 0, 0).plus(fpAdders).plus(masks).plus(bitPlanes),
        pes + " PEs x (" + acc + "-bit add/sub LUT6 chain + " + PE_DECODE_LUTS + " decode) LUT, x (" + acc
            + " psum + " + m.activationBits() + " activation + " + (weightRegisters == 2 ? "2 x " : "")
            + PE_WEIGHT_FFS + " weight" + (weightRegisters == 2 ? ", working and shadow" : "") + ") FF"
            + (m.int8Multipliers() || intDsp ? "; int8 multipliers" + (intDsp ? " (GEMM.I8 and GEMM.IW)" : "")
                + ": 1 DSP48E2 + " + multFf + " FF per PE" : "")
            + (int4 ? "; int4 multipliers: " + int4Luts + " LUT + " + (multFf + widen) + " FF per PE (ASSUMED "
                + INT4_MULT_LUTS + "-LUT 4 x 4 multiplier" + (widen > 0 ? ", accumulator widened to 32 bits" : "")
                + ")" : "")
            + (fp ? "; " + m.floatAdders().format() + " adders: " + adder.dsp() + " DSP48E2 + " + adder.lut()
                + " LUT per PE (" + (adder == FP16_ADD ? "ASSUMED half-precision add" : "PG060 single-precision add,"
                + " full DSP usage") + ")" : "")
            + (m.maskDecode() ? "; mask decoders: " + MASK_DECODE_LUTS + " LUT6 + 2 FF per PE" : "")
            + (m.bitPlane() ? "; bit-plane PEs: " + BIT_PLANE_PE_LUTS + " LUT + " + BIT_PLANE_PE_FFS + " FF per PE and "
                + BIT_PLANE_EDGE.dsp() + " DSP48E2 + " + BIT_PLANE_EDGE.lut() + " LUT + " + BIT_PLANE_EDGE.ff()
                + " FF per column (ASSUMED AND + popcount and edge)" : ""));
  }

  /** One accumulator per column: one LUT and one FF per accumulator bit. */
  public static ComponentCost columnAccumulators(TernaryMacArrayConfig m) {
    long bits = (long) m.cols() * m.accumulatorBits();
    return new ComponentCost("accumulators", new FpgaResources(bits, bits, 0, 0, 0),
        m.cols() + " column accumulators x " + m.accumulatorBits() + " bits (1 LUT + 1 FF per bit)");
  }
}
