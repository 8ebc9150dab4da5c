package dev.tritium.simulator.unit.mac;

import static dev.tritium.simulator.unit.Checks.require;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.SfGate;
import dev.tritium.isa.GemmTernary;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.RowStrides;

/**
 * The R x C ternary MAC array: each processing element adds, subtracts or skips an int8 operand into
 * its accumulator. A tile m x n x k is folded onto the array (see {@link Dataflow} for Sr, Sc, T), row
 * folds outer, column folds inner:
 *
 * <pre>
 *   folds = ceil(Sr / R) * ceil(Sc / C)
 *   fold-serialised (default):          cycles = folds * (2R + C + T - 2)
 *   stationary_double_buffer: true:     cycles = R + (folds - 1) max(T, R) + (T + R + C - 2)
 * </pre>
 *
 * Fold-serialised (SCALE-Sim's per-fold cost): R cycles to fill the stationary operand (shifted in one
 * row per cycle), then T streamed vectors that enter with a one-cycle skew per row and leave with a
 * one-cycle skew per column (T + R + C - 2 cycles until the last result has drained). The skew always
 * crosses the physical array, so partial folds (Sr < R or Sc < C) cost as much as full ones and only
 * lose utilisation. Double-buffered ({@link FoldPipeline}): the next fold's stationary operand shifts
 * into shadow registers while this fold streams, so consecutive folds start max(T, R) apart and only
 * the first load and the last fold's skew are exposed; one fold costs the same either way.
 *
 * <p>Zero-skip: when the arch says zero_skip affects cycles, WS drops folds whose R x C weight block is
 * all zero, and OS/IS drop each streamed weight vector that is zero across the fold (OS: the C weights
 * of a k step; IS: the R weights of an output row), which shortens that fold's T by one. Which blocks
 * are zero comes from the values side ({@link ZeroWeights}); otherwise zeros save energy only (counted
 * by the functional side) and the cycles are unchanged.
 *
 * <p>Int8 mode (GEMM.I8, attention's activation x activation products): the same array, bit-serial on
 * the streamed operand. An add/subtract PE multiplies by shift-and-add over the 8 two's-complement bit
 * planes of the streamed operand (the sign plane subtracts), so T becomes 8T; an array whose PEs also have
 * int8 multipliers ({@code int8_multipliers}) keeps T.
 */
public final class TernaryMacArray {

  /** Bit planes of an int8 operand streamed bit-serially in int8 mode. */
  public static final int INT8_BIT_PLANES = 8;

  private final int rows;
  private final int cols;
  private final Dataflow dataflow;
  private final ZeroSkip zeroSkip;
  private final boolean stationaryDoubleBuffer;
  private final boolean int8Multipliers;
  private final boolean floatAdders;
  private final int intMultiplierBits;
  private final boolean bitPlane;

  /** A fold-serialised array (SCALE-Sim's schedule). */
  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip) {
    this(rows, cols, dataflow, zeroSkip, false);
  }

  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip, boolean stationaryDoubleBuffer) {
    this(rows, cols, dataflow, zeroSkip, stationaryDoubleBuffer, false);
  }

  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip, boolean stationaryDoubleBuffer,
      boolean int8Multipliers) {
    this(rows, cols, dataflow, zeroSkip, stationaryDoubleBuffer, int8Multipliers, false);
  }

  /** @param floatAdders every PE also has a floating-point adder, fp32 or fp16 (GEMM.SF runs) */
  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip, boolean stationaryDoubleBuffer,
      boolean int8Multipliers, boolean floatAdders) {
    this(rows, cols, dataflow, zeroSkip, stationaryDoubleBuffer, int8Multipliers, floatAdders, 0);
  }

  /** @param intMultiplierBits every PE also has a signed integer multiplier of this width (4 or 8; 0: none; GEMM.IW) */
  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip, boolean stationaryDoubleBuffer,
      boolean int8Multipliers, boolean floatAdders, int intMultiplierBits) {
    this(rows, cols, dataflow, zeroSkip, stationaryDoubleBuffer, int8Multipliers, floatAdders, intMultiplierBits,
        false);
  }

  /** @param bitPlane every PE also ANDs and popcounts bit-plane bytes (GEMM.BP) */
  public TernaryMacArray(int rows, int cols, Dataflow dataflow, ZeroSkip zeroSkip, boolean stationaryDoubleBuffer,
      boolean int8Multipliers, boolean floatAdders, int intMultiplierBits, boolean bitPlane) {
    require(rows > 0 && cols > 0, "mac array rows and cols must be > 0");
    this.rows = rows;
    this.cols = cols;
    this.dataflow = dataflow;
    this.zeroSkip = zeroSkip;
    this.stationaryDoubleBuffer = stationaryDoubleBuffer;
    this.int8Multipliers = int8Multipliers;
    this.floatAdders = floatAdders;
    this.intMultiplierBits = intMultiplierBits;
    this.bitPlane = bitPlane;
  }

  /**
   * GEMM.T as the engine schedules it: the tile's compute cycles, with its SRAM operand streams (simulator
   * README, "Operand traffic") added to {@code streams}. The weights are the stationary operand.
   */
  public long occupancy(GemmTernary g, ZeroWeights zeros, RowStrides strides, OperandStreams streams) {
    SystolicMapping map = SystolicMapping.of(g.m(), g.n(), g.k(), rows, cols, dataflow);
    long wgtRowBytes = g.packing().packedRowBytes(g.k());
    streams.read(Buffer.WGT, g.wgtAddr(), 1, g.n() * wgtRowBytes, 0, map.weightReads());
    streamActivationsAndAccumulators(map, g.m(), g.n(), g.k(), g.actAddr(), g.accAddr(), g.accumulate(),
        strides, streams);
    return ternaryTile(g.m(), g.n(), g.k(), zeros).cycles();
  }

  /** GEMM.I8 as the engine schedules it: B (from ACT, k x n or n x k) takes the weights' place. */
  public long occupancy(GemmInt8 g, RowStrides strides, OperandStreams streams) {
    SystolicMapping map = SystolicMapping.of(g.m(), g.n(), g.k(), rows, cols, dataflow);
    long bRows = g.transposeB() ? g.k() : g.n();
    long bRowBytes = g.transposeB() ? g.n() : g.k();
    streams.read(Buffer.ACT, g.bAddr(), bRows, bRowBytes, strides.actBytes(), map.weightReads());
    streamActivationsAndAccumulators(map, g.m(), g.n(), g.k(), g.aAddr(), g.accAddr(), g.accumulate(),
        strides, streams);
    return int8Tile(g.m(), g.n(), g.k()).cycles();
  }

  /**
   * GEMM.SF as the engine schedules it: the ternary tile's schedule (each PE's fp32 adder is assumed to keep the
   * array's one add per cycle, its pipeline latency hidden in the skew: an assumption stated in simulator/README.md),
   * with fp32 activations (4 bytes each) streamed from VEC and the fp32 partial sums swept in VEC. A gated GEMM.SF
   * ({@code maskAddr} >= 0, CFG SF_MASK_ADDR) also reads its masks from WGT once, with the weights they gate; the
   * decode is combinational in the PE, so the schedule is the same.
   */
  public long occupancy(GemmSf g, RowStrides strides, long maskAddr, OperandStreams streams) {
    require(floatAdders, "GEMM.SF needs floating-point adders in the MAC array (mac_array.float_adders: fp32 or"
        + " fp16); this array has none");
    SystolicMapping map = SystolicMapping.of(g.m(), g.n(), g.k(), rows, cols, dataflow);
    long wgtRowBytes = g.packing().packedRowBytes(g.k());
    streams.read(Buffer.WGT, g.wgtAddr(), 1, g.n() * wgtRowBytes, 0, map.weightReads());
    if (maskAddr >= 0) {
      streams.read(Buffer.WGT, maskAddr, 1, SfGate.maskBytes(g.n(), g.k()), 0, map.weightReads());
    }
    streams.read(Buffer.VEC, g.actAddr(), g.m(), 4L * g.k(), strides.actBytes(), map.activationReads());
    streams.accumulatorSweeps(Buffer.VEC, g.outAddr(), g.m(), g.n(), strides.accBytes(), map.accumulatorPasses(),
        g.accumulate());
    return ternaryTile(g.m(), g.n(), g.k()).cycles();
  }

  /**
   * GEMM.Q2 as the engine schedules it: GEMM.SF's schedule (one PE add per cycle; ASSUMED as for GEMM.SF, and the
   * edge's 2a and 3a adds pipelined into the activation skew), with WGT rows of {@code GemmQ2.rowBytes(k)} bytes.
   */
  public long occupancy(GemmQ2 g, RowStrides strides, OperandStreams streams) {
    require(floatAdders, "GEMM.Q2 needs fp32 adders in the MAC array (mac_array.float_adders: fp32); this array has"
        + " none");
    SystolicMapping map = SystolicMapping.of(g.m(), g.n(), g.k(), rows, cols, dataflow);
    streams.read(Buffer.WGT, g.wgtAddr(), 1, g.n() * GemmQ2.rowBytes(g.k()), 0, map.weightReads());
    streams.read(Buffer.VEC, g.actAddr(), g.m(), 4L * g.k(), strides.actBytes(), map.activationReads());
    streams.accumulatorSweeps(Buffer.VEC, g.outAddr(), g.m(), g.n(), strides.accBytes(), map.accumulatorPasses(),
        g.accumulate());
    return ternaryTile(g.m(), g.n(), g.k()).cycles();
  }

  /**
   * GEMM.IW as the engine schedules it: the ternary tile's schedule, one multiply-accumulate per PE per cycle (the
   * PE's integer multiplier feeds its int32 accumulator), with the packed int8 or int4 weight rows stationary, the
   * activation bytes streamed from ACT and the int32 partial sums swept in ACC, as GEMM.T.
   */
  public long occupancy(GemmIw g, RowStrides strides, OperandStreams streams) {
    require(intMultiplierBits > 0 && g.multiplierBits() <= intMultiplierBits, "GEMM.IW with " + g.weights()
        + " weights and " + g.activations() + " activations needs int" + g.multiplierBits()
        + " multipliers in the MAC array (mac_array.int_multipliers); this array has "
        + (intMultiplierBits == 0 ? "none" : "int" + intMultiplierBits));
    SystolicMapping map = SystolicMapping.of(g.m(), g.n(), g.k(), rows, cols, dataflow);
    streams.read(Buffer.WGT, g.wgtAddr(), 1, g.n() * g.weights().weightRowBytes(g.k()), 0, map.weightReads());
    streamActivationsAndAccumulators(map, g.m(), g.n(), g.k(), g.actAddr(), g.accAddr(), g.accumulate(),
        strides, streams);
    return ternaryTile(g.m(), g.n(), g.k()).cycles();
  }

  /**
   * GEMM.BP as the engine schedules it: the reduction runs over plane bytes, {@code kb = ceil(k / 8)} of them, each PE
   * ANDing one weight plane byte with one activation plane byte and popcounting it per cycle (the byte is the PE's
   * word: ASSUMED, it matches the ISA's plane layout; ABQ-LLM's GPU kernels use the tensor cores' 1-bit words instead).
   * A fold's streaming time is taken {@code P x Q} times, one binary pass per pair of planes (ABQ-LLM, arXiv
   * 2408.08554, Sec. 3: the product is decomposed into P x Q binary matrix products, each computed on its own), the
   * preloads and drains once per fold: every PE holds its P weight plane bytes while the Q activation plane bytes
   * stream P times. The zero-point cross terms are one multiply-add per output at the array's edge, ASSUMED to
   * overlap the drain (no cycles). Streams: the weight rows ({@link GemmBp#weightRowBytes}) from WGT, the activation
   * rows ({@link GemmBp#activationRowBytes}) from ACT, the int32 sums swept in ACC.
   */
  public long occupancy(GemmBp g, RowStrides strides, OperandStreams streams) {
    require(bitPlane, "GEMM.BP needs bit-plane (AND + popcount) PEs in the MAC array (mac_array.bit_plane: true);"
        + " this array has none");
    long kb = bitPlaneBytes(g.k());
    SystolicMapping map = SystolicMapping.of(g.m(), g.n(), kb, rows, cols, dataflow);
    streams.read(Buffer.WGT, g.wgtAddr(), 1, g.n() * g.weightRowBytes(), 0, map.weightReads());
    streams.read(Buffer.ACT, g.actAddr(), g.m(), g.activationRowBytes(), strides.actBytes(), map.activationReads());
    streams.accumulatorSweeps(g.accAddr(), g.m(), g.n(), strides.accBytes(), map.accumulatorPasses(),
        g.accumulate());
    return bitPlaneTile(g.m(), g.n(), g.k(), g.weightPlanes(), g.activationPlanes()).cycles();
  }

  /** Plane bytes of a reduction of k columns: {@code ceil(k / 8)}, the bit-plane PEs' reduction steps. */
  public static long bitPlaneBytes(long k) {
    return (k + 7) / 8;
  }

  /** Bit-plane tile timing: {@code P x Q} passes over {@code ceil(k / 8)} plane bytes (no zero-skip). */
  public ArrayTiming bitPlaneTile(long m, long n, long k, int weightPlanes, int activationPlanes) {
    return tile(m, n, bitPlaneBytes(k), weightPlanes * activationPlanes, ZeroWeights.NONE);
  }

  private static void streamActivationsAndAccumulators(SystolicMapping map, long m, long n, long k, long actAddr,
      long accAddr, boolean accumulate, RowStrides strides, OperandStreams streams) {
    streams.read(Buffer.ACT, actAddr, m, k, strides.actBytes(), map.activationReads());
    streams.accumulatorSweeps(accAddr, m, n, strides.accBytes(), map.accumulatorPasses(), accumulate);
  }

  /** Ternary tile timing with no zero weights known (timing-only runs, analytical estimates). */
  public ArrayTiming ternaryTile(long m, long n, long k) {
    return tile(m, n, k, 1, ZeroWeights.NONE);
  }

  /** Ternary tile timing; {@code zeros} is asked about blocks only when zero_skip is cycles. */
  public ArrayTiming ternaryTile(long m, long n, long k, ZeroWeights zeros) {
    return tile(m, n, k, 1, zeroSkip == ZeroSkip.CYCLES ? zeros : ZeroWeights.NONE);
  }

  /** Int8 x int8 tile timing (bit-serial streamed operand unless the PEs have multipliers; no zero-skip). */
  public ArrayTiming int8Tile(long m, long n, long k) {
    return tile(m, n, k, int8Multipliers ? 1 : INT8_BIT_PLANES, ZeroWeights.NONE);
  }

  private ArrayTiming tile(long m, long n, long k, int temporalFactor, ZeroWeights zeros) {
    require(m > 0 && n > 0 && k > 0, "tile m, n, k must be > 0, got " + m + "x" + n + "x" + k);
    SystolicMapping map = SystolicMapping.of(m, n, k, rows, cols, dataflow);
    long t = temporalFactor * map.t();
    long rowFolds = map.rowFolds();
    long colFolds = map.colFolds();
    long folds = rowFolds * colFolds;
    long macs = m * n * k;
    if (zeros == ZeroWeights.NONE) {
      return new ArrayTiming(folds, folds, 0, uniformCycles(folds, t), macs);
    }
    if (dataflow == Dataflow.WS) {
      long runFolds = folds - zeroFolds(n, k, rowFolds, colFolds, zeros);
      return new ArrayTiming(folds, runFolds, 0, uniformCycles(runFolds, t), macs);
    }
    // OS: the skipped steps depend on the column fold only (its C weights per k step), repeated for
    // every row fold of tokens; IS: on the row fold only (R weights per output row), repeated per
    // column fold of tokens.
    boolean os = dataflow == Dataflow.OS;
    long[] zeroSteps = os ? zeroKSteps(n, k, colFolds, zeros) : zeroOutputRows(n, k, rowFolds, zeros);
    long repeats = os ? rowFolds : colFolds;
    long skipped = 0;
    long slots = 0;
    for (long z : zeroSteps) {
      skipped += z;
      slots += FoldPipeline.slot(t - z, rows);
    }
    skipped *= repeats;
    long cycles;
    if (stationaryDoubleBuffer) {
      long tLast = t - zeroSteps[zeroSteps.length - 1];
      cycles = rows + repeats * slots - FoldPipeline.slot(tLast, rows) + FoldPipeline.lastFold(tLast, rows, cols);
    } else {
      cycles = uniformCycles(folds, t) - skipped;
    }
    return new ArrayTiming(folds, folds, skipped, cycles, macs);
  }

  /** Cycles of {@code folds} folds that each stream T vectors. */
  private long uniformCycles(long folds, long t) {
    if (stationaryDoubleBuffer) {
      return FoldPipeline.cycles(rows, rows, cols, folds, t);
    }
    return folds * (rows + FoldPipeline.lastFold(t, rows, cols));
  }

  /** WS: folds whose R x C weight block (k rows of the fold x n columns) is all zero. */
  private long zeroFolds(long n, long k, long rowFolds, long colFolds, ZeroWeights zeros) {
    long count = 0;
    for (long fr = 0; fr < rowFolds; fr++) {
      long k0 = fr * rows;
      for (long fc = 0; fc < colFolds; fc++) {
        long n0 = fc * cols;
        count += zeros.allZero(n0, Math.min(n, n0 + cols), k0, Math.min(k, k0 + rows)) ? 1 : 0;
      }
    }
    return count;
  }

  /** OS, per column fold: k steps whose weights over the fold's output columns are all zero. */
  private long[] zeroKSteps(long n, long k, long colFolds, ZeroWeights zeros) {
    long[] z = new long[Math.toIntExact(colFolds)];
    for (int fc = 0; fc < z.length; fc++) {
      long n0 = (long) fc * cols;
      long n1 = Math.min(n, n0 + cols);
      for (long kk = 0; kk < k; kk++) {
        z[fc] += zeros.allZero(n0, n1, kk, kk + 1) ? 1 : 0;
      }
    }
    return z;
  }

  /** IS, per row fold: output rows whose weights over the fold's k range are all zero. */
  private long[] zeroOutputRows(long n, long k, long rowFolds, ZeroWeights zeros) {
    long[] z = new long[Math.toIntExact(rowFolds)];
    for (int fr = 0; fr < z.length; fr++) {
      long k0 = (long) fr * rows;
      long k1 = Math.min(k, k0 + rows);
      for (long nn = 0; nn < n; nn++) {
        z[fr] += zeros.allZero(nn, nn + 1, k0, k1) ? 1 : 0;
      }
    }
    return z;
  }

  /** Fraction of PE-cycles doing useful MACs for a ternary tile (no zero-skip). */
  public double utilization(ArrayTiming timing) {
    return timing.cycles() == 0 ? 0 : (double) timing.macs() / ((double) timing.cycles() * rows * cols);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public Dataflow dataflow() {
    return dataflow;
  }

  public ZeroSkip zeroSkip() {
    return zeroSkip;
  }

  public boolean stationaryDoubleBuffer() {
    return stationaryDoubleBuffer;
  }
}
