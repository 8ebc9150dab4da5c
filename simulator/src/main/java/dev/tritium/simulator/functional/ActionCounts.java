package dev.tritium.simulator.functional;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of {@link ActionCounters}: what the energy model prices and the cross-check reconciles.
 *
 * @param macArray pairs processed by GEMM.T on the ternary MAC array
 * @param lutPairs the weight-activation pairs LUT.GEMM covered, split by weight value (not priced:
 *     the LUT core's work is {@code lut}; these reconcile with the reference engine's op counts)
 * @param lut LUT core actions
 * @param int8Macs GEMM.I8 multiply-accumulates (m * n * k)
 * @param fp32Ops vector-unit fp32 operations by kind
 * @param traffic SRAM and DRAM bytes
 * @param floatArray pairs GEMM.SF processed on the MAC array's fp32 adders (adds, subtracts, skipped zeros)
 * @param codeArray GEMM.Q2's pairs and edge adds on the MAC array's fp32 adders
 * @param maskDecodes weights a gated GEMM.SF decoded (n * k per instruction: each PE decodes its stationary weight's
 *     masks once, when the weight loads)
 * @param intArray GEMM.IW multiply-accumulates on the MAC array's integer multipliers, by operand widths
 * @param bitPlane GEMM.BP's AND + popcount byte operations and edge corrections on the MAC array's bit-plane PEs
 */
public record ActionCounts(TernaryPairCounts macArray, TernaryPairCounts lutPairs, LutCoreCounts lut,
    long int8Macs, Map<Fp32Op, Long> fp32Ops, MemoryTraffic traffic, TernaryPairCounts floatArray,
    CodeArrayCounts codeArray, long maskDecodes, IntArrayMacs intArray, BitPlaneCounts bitPlane) {

  public ActionCounts {
    fp32Ops = Collections.unmodifiableMap(new EnumMap<>(fp32Ops));
    java.util.Objects.requireNonNull(floatArray, "floatArray");
    java.util.Objects.requireNonNull(codeArray, "codeArray");
    java.util.Objects.requireNonNull(intArray, "intArray");
    java.util.Objects.requireNonNull(bitPlane, "bitPlane");
  }

  /** Counts of a run without GEMM.BP. */
  public ActionCounts(TernaryPairCounts macArray, TernaryPairCounts lutPairs, LutCoreCounts lut, long int8Macs,
      Map<Fp32Op, Long> fp32Ops, MemoryTraffic traffic, TernaryPairCounts floatArray, CodeArrayCounts codeArray,
      long maskDecodes, IntArrayMacs intArray) {
    this(macArray, lutPairs, lut, int8Macs, fp32Ops, traffic, floatArray, codeArray, maskDecodes, intArray,
        BitPlaneCounts.NONE);
  }

  /** Counts of a run without GEMM.Q2, GEMM.IW, GEMM.BP or a gated GEMM.SF. */
  public ActionCounts(TernaryPairCounts macArray, TernaryPairCounts lutPairs, LutCoreCounts lut, long int8Macs,
      Map<Fp32Op, Long> fp32Ops, MemoryTraffic traffic, TernaryPairCounts floatArray) {
    this(macArray, lutPairs, lut, int8Macs, fp32Ops, traffic, floatArray, CodeArrayCounts.NONE, 0, IntArrayMacs.NONE);
  }

  /** Counts of a run without GEMM.SF. */
  public ActionCounts(TernaryPairCounts macArray, TernaryPairCounts lutPairs, LutCoreCounts lut, long int8Macs,
      Map<Fp32Op, Long> fp32Ops, MemoryTraffic traffic) {
    this(macArray, lutPairs, lut, int8Macs, fp32Ops, traffic, TernaryPairCounts.NONE);
  }

  public long fp32Ops(Fp32Op op) {
    return fp32Ops.getOrDefault(op, 0L);
  }
}
