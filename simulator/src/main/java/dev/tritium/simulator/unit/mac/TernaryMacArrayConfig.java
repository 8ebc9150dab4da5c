package dev.tritium.simulator.unit.mac;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The R x C ternary MAC array: each PE adds, subtracts or skips an activation into its accumulator.
 *
 * @param rows PE rows (R); the reduction (K) dimension in WS; power of two
 * @param cols PE columns (C); the output (N) dimension in WS; power of two
 * @param dataflow ws, os or is
 * @param accumulatorBits width of each PE accumulator
 * @param zeroSkip none, energy (zero weights gate the adder) or cycles (also skipped in time)
 * @param weightDatatype ternary (default) or a baseline format
 * @param activationBits streamed activation width (8 for BitNet int8 activations)
 * @param stationaryDoubleBuffer shadow registers for the stationary operand, so the next fold's preload
 *     overlaps this fold's streaming (Gemmini-style); false: SCALE-Sim's fold-serialised schedule
 * @param int8Multipliers every PE also has an int8 x int8 multiplier (on an FPGA one DSP slice), so GEMM.I8
 *     retires one MAC per PE per cycle; false (default): GEMM.I8 runs bit-serially on the add/subtract PEs,
 *     8 cycles per streamed int8 value
 * @param floatAdders fp32 adders in every PE, so GEMM.SF (binary or ternary weights on fp32 activations) runs;
 *     none (default) refuses it
 * @param maskDecode every PE also decodes a gated GEMM.SF's masks (a column bit and a row bit per weight, CFG
 *     SF_GATE), so a format's masks (BiLLM's salient columns and sparse group) stay one bit each instead of being
 *     expanded into one ternary plane per class; needs float adders; false (default) refuses a gated GEMM.SF
 * @param intMultipliers signed integer multipliers (int4 or int8) in every PE, so GEMM.IW (integer weights on
 *     integer activations, exact int32 sums) runs at one MAC per PE per cycle; none (default) refuses it. Separate
 *     from int8_multipliers, which only sets GEMM.I8's (attention's) speed
 * @param bitPlane every PE also ANDs a byte of a 1-bit weight plane with a byte of a 1-bit activation plane and
 *     popcounts it, and the array edge shifts and adds the P x Q plane products and the zero-point terms
 *     (ABQ-LLM's binary decomposition), so GEMM.BP (abq-wpaq's P-bit weights on Q-bit activations) runs; false
 *     (default) refuses it
 */
public record TernaryMacArrayConfig(
    @JsonProperty("rows") int rows,
    @JsonProperty("cols") int cols,
    @JsonProperty("dataflow") Dataflow dataflow,
    @JsonProperty("accumulator_bits") int accumulatorBits,
    @JsonProperty("zero_skip") ZeroSkip zeroSkip,
    @JsonProperty("weight_datatype") WeightDatatype weightDatatype,
    @JsonProperty("activation_bits") int activationBits,
    @JsonProperty("stationary_double_buffer") boolean stationaryDoubleBuffer,
    @JsonProperty("int8_multipliers") boolean int8Multipliers,
    @JsonProperty("float_adders") FloatAdders floatAdders,
    @JsonProperty("mask_decode") boolean maskDecode,
    @JsonProperty("int_multipliers") IntMultipliers intMultipliers,
    @JsonProperty("bit_plane") boolean bitPlane) {

  public TernaryMacArrayConfig {
    java.util.Objects.requireNonNull(intMultipliers, "intMultipliers");
  }

  /** An array without bit-plane PEs (no GEMM.BP). */
  public TernaryMacArrayConfig(int rows, int cols, Dataflow dataflow, int accumulatorBits, ZeroSkip zeroSkip,
      WeightDatatype weightDatatype, int activationBits, boolean stationaryDoubleBuffer, boolean int8Multipliers,
      FloatAdders floatAdders, boolean maskDecode, IntMultipliers intMultipliers) {
    this(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits, stationaryDoubleBuffer,
        int8Multipliers, floatAdders, maskDecode, intMultipliers, false);
  }

  /** An array without integer multipliers for GEMM.IW. */
  public TernaryMacArrayConfig(int rows, int cols, Dataflow dataflow, int accumulatorBits, ZeroSkip zeroSkip,
      WeightDatatype weightDatatype, int activationBits, boolean stationaryDoubleBuffer, boolean int8Multipliers,
      FloatAdders floatAdders, boolean maskDecode) {
    this(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits, stationaryDoubleBuffer,
        int8Multipliers, floatAdders, maskDecode, IntMultipliers.NONE);
  }

  /** An array without mask decoders (no gated GEMM.SF). */
  public TernaryMacArrayConfig(int rows, int cols, Dataflow dataflow, int accumulatorBits, ZeroSkip zeroSkip,
      WeightDatatype weightDatatype, int activationBits, boolean stationaryDoubleBuffer, boolean int8Multipliers,
      FloatAdders floatAdders, IntMultipliers intMultipliers) {
    this(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits, stationaryDoubleBuffer,
        int8Multipliers, floatAdders, false, intMultipliers);
  }

  /** An array without mask decoders or integer multipliers. */
  public TernaryMacArrayConfig(int rows, int cols, Dataflow dataflow, int accumulatorBits, ZeroSkip zeroSkip,
      WeightDatatype weightDatatype, int activationBits, boolean stationaryDoubleBuffer, boolean int8Multipliers,
      FloatAdders floatAdders) {
    this(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits, stationaryDoubleBuffer,
        int8Multipliers, floatAdders, false, IntMultipliers.NONE);
  }

  /** An array without fp32 adders (no GEMM.SF). */
  public TernaryMacArrayConfig(int rows, int cols, Dataflow dataflow, int accumulatorBits, ZeroSkip zeroSkip,
      WeightDatatype weightDatatype, int activationBits, boolean stationaryDoubleBuffer, boolean int8Multipliers) {
    this(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits, stationaryDoubleBuffer,
        int8Multipliers, FloatAdders.NONE);
  }

  /** An array whose GEMM.I8 is bit-serial (no multipliers). */
  public TernaryMacArrayConfig(int rows, int cols, Dataflow dataflow, int accumulatorBits, ZeroSkip zeroSkip,
      WeightDatatype weightDatatype, int activationBits, boolean stationaryDoubleBuffer) {
    this(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits, stationaryDoubleBuffer,
        false);
  }

  /** Default activation width (BitNet b1.58 quantizes activations to int8). */
  public static final int DEFAULT_ACTIVATION_BITS = 8;

  /**
   * Reads a config entry; optional keys take their defaults (ternary weights, int8 activations, no skip,
   * no stationary double buffer).
   */
  @JsonCreator
  static TernaryMacArrayConfig fromYaml(
      @JsonProperty(value = "rows", required = true) int rows,
      @JsonProperty(value = "cols", required = true) int cols,
      @JsonProperty(value = "dataflow", required = true) Dataflow dataflow,
      @JsonProperty(value = "accumulator_bits", required = true) int accumulatorBits,
      @JsonProperty("zero_skip") ZeroSkip zeroSkip,
      @JsonProperty("weight_datatype") WeightDatatype weightDatatype,
      @JsonProperty("activation_bits") Integer activationBits,
      @JsonProperty("stationary_double_buffer") Boolean stationaryDoubleBuffer,
      @JsonProperty("int8_multipliers") Boolean int8Multipliers,
      @JsonProperty("float_adders") FloatAdders floatAdders,
      @JsonProperty("mask_decode") Boolean maskDecode,
      @JsonProperty("int_multipliers") IntMultipliers intMultipliers,
      @JsonProperty("bit_plane") Boolean bitPlane) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits,
        zeroSkip == null ? ZeroSkip.NONE : zeroSkip,
        weightDatatype == null ? WeightDatatype.TERNARY : weightDatatype,
        activationBits == null ? DEFAULT_ACTIVATION_BITS : activationBits,
        stationaryDoubleBuffer != null && stationaryDoubleBuffer, int8Multipliers != null && int8Multipliers,
        floatAdders == null ? FloatAdders.NONE : floatAdders, maskDecode != null && maskDecode,
        intMultipliers == null ? IntMultipliers.NONE : intMultipliers, bitPlane != null && bitPlane);
  }

  /** A copy with another shape; every other setting kept. */
  public TernaryMacArrayConfig withShape(int newRows, int newCols) {
    return new TernaryMacArrayConfig(newRows, newCols, dataflow, accumulatorBits, zeroSkip, weightDatatype,
        activationBits, stationaryDoubleBuffer, int8Multipliers, floatAdders, maskDecode, intMultipliers, bitPlane);
  }

  /** A copy with another dataflow. */
  public TernaryMacArrayConfig withDataflow(Dataflow d) {
    return new TernaryMacArrayConfig(rows, cols, d, accumulatorBits, zeroSkip, weightDatatype, activationBits,
        stationaryDoubleBuffer, int8Multipliers, floatAdders, maskDecode, intMultipliers, bitPlane);
  }

  /** A copy with another zero-skip mode. */
  public TernaryMacArrayConfig withZeroSkip(ZeroSkip z) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, z, weightDatatype, activationBits,
        stationaryDoubleBuffer, int8Multipliers, floatAdders, maskDecode, intMultipliers, bitPlane);
  }

  /** A copy with another weight datatype (baselines). */
  public TernaryMacArrayConfig withWeightDatatype(WeightDatatype dt) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, zeroSkip, dt, activationBits,
        stationaryDoubleBuffer, int8Multipliers, floatAdders, maskDecode, intMultipliers, bitPlane);
  }

  /** A copy with the stationary double buffer on or off. */
  public TernaryMacArrayConfig withStationaryDoubleBuffer(boolean on) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits,
        on, int8Multipliers, floatAdders, maskDecode, intMultipliers, bitPlane);
  }

  /** A copy with fp32 adders in the PEs or without. */
  public TernaryMacArrayConfig withFloatAdders(FloatAdders f) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits,
        stationaryDoubleBuffer, int8Multipliers, f, maskDecode && f != FloatAdders.NONE, intMultipliers,
        bitPlane);
  }

  /** A copy with mask decoders in the PEs or without. */
  public TernaryMacArrayConfig withMaskDecode(boolean on) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits,
        stationaryDoubleBuffer, int8Multipliers, floatAdders, on, intMultipliers, bitPlane);
  }

  /** A copy with integer multipliers (GEMM.IW) of another width, or none. */
  public TernaryMacArrayConfig withIntMultipliers(IntMultipliers i) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits,
        stationaryDoubleBuffer, int8Multipliers, floatAdders, maskDecode, i, bitPlane);
  }

  /** A copy with bit-plane PEs (GEMM.BP) or without. */
  public TernaryMacArrayConfig withBitPlane(boolean on) {
    return new TernaryMacArrayConfig(rows, cols, dataflow, accumulatorBits, zeroSkip, weightDatatype, activationBits,
        stationaryDoubleBuffer, int8Multipliers, floatAdders, maskDecode, intMultipliers, on);
  }

  /** Number of processing elements. */
  public int peCount() {
    return rows * cols;
  }
}
