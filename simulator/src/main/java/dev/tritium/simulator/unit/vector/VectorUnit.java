package dev.tritium.simulator.unit.vector;

import static dev.tritium.simulator.unit.Checks.require;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.Vec;
import dev.tritium.simulator.unit.sram.OperandStreams;

/**
 * The vector unit: {@code lanes} fp32 lanes, pipelined with an initiation interval II (cycles between
 * successive lane-wide issues) and a latency. An op over rows x len elements costs
 *
 * <pre>
 *   cycles = ceil(rows * len / lanes) * passes * II + latency
 * </pre>
 *
 * where passes is the number of sweeps over the data the op needs: one for
 * element-wise ops, two for ops that first reduce a row (QUANT: absmax then scale; RMSNORM: sum of
 * squares then scale), three for SOFTMAX (max, exp-and-sum, normalise), log2 b for FWHT (one butterfly stage
 * per pass, b = len &amp; -len).
 */
public final class VectorUnit {

  private final int lanes;
  private final long latencyCycles;
  private final long initiationIntervalCycles;

  public VectorUnit(int lanes, long latencyCycles, long initiationIntervalCycles) {
    require(lanes > 0, "vector lanes must be > 0, got " + lanes);
    require(initiationIntervalCycles > 0, "vector initiation interval must be > 0");
    this.initiationIntervalCycles = initiationIntervalCycles;
    require(latencyCycles >= 0, "vector latency must be >= 0");
    this.lanes = lanes;
    this.latencyCycles = latencyCycles;
  }

  /** VEC as the engine schedules it: the op's cycles, with its SRAM operand streams added to {@code streams}. */
  public long occupancy(Vec v, OperandStreams streams) {
    int passes = VectorPasses.of(v);
    VectorPasses.traffic(v, passes, streams);
    return cycles(v.rows(), v.len(), passes);
  }

  /**
   * GEMM.F16 on the lanes: each lane does one fp16 x fp16 product and one fp32 add per issue, so the
   * m * n * k multiply-adds take ceil(m n k / lanes) issues, plus the latency. Operand traffic: A [m][k] and B
   * [n][k] (2 bytes a value) read from ACT once each (a lane-wide operand register holds the reused one), C
   * written to VEC (and read first when accumulating).
   */
  public long occupancy(GemmF16 g, OperandStreams streams) {
    long m = g.m();
    long n = g.n();
    long k = g.k();
    streams.readContiguous(Buffer.ACT, g.aAddr(), 2 * m * k);
    streams.readContiguous(Buffer.ACT, g.bAddr(), 2 * n * k);
    if (g.accumulate()) {
      streams.readContiguous(Buffer.VEC, g.cAddr(), 4 * m * n);
    }
    streams.writeContiguous(Buffer.VEC, g.cAddr(), 4 * m * n);
    return IntMath.ceilDiv(m * n * k, lanes) * initiationIntervalCycles + latencyCycles;
  }

  /**
   * QUANT.IG on the lanes: two passes over the rows (the groups' absmax, then divide, round and clamp), as VEC.QUANT;
   * fp32 src read twice from VEC, the codes written to ACT, the steps to VEC.
   */
  public long occupancy(QuantIg q, OperandStreams streams) {
    long e = (long) q.rows() * q.len();
    streams.read(Buffer.VEC, q.srcAddr(), 1, 4 * e, 0, 2);
    streams.writeContiguous(Buffer.ACT, q.dstAddr(), e);
    streams.writeContiguous(Buffer.VEC, q.stepsAddr(), 4L * q.groups() * q.rows());
    return cycles(q.rows(), q.len(), 2);
  }

  /**
   * QUANT.BP: two passes, as QUANT.IG (the row's range, then the codes; each code's Q plane bits are wired into the
   * plane bytes as the lanes write, no pass of their own: ASSUMED), the fp32 src read twice from VEC, the plane rows
   * written to ACT, the steps to VEC.
   */
  public long occupancy(QuantBp q, OperandStreams streams) {
    long e = (long) q.rows() * q.len();
    streams.read(Buffer.VEC, q.srcAddr(), 1, 4 * e, 0, 2);
    streams.writeContiguous(Buffer.ACT, q.dstAddr(), q.rows() * q.rowBytes());
    streams.writeContiguous(Buffer.VEC, q.stepsAddr(), 4L * q.rows());
    return cycles(q.rows(), q.len(), 2);
  }

  public long cycles(long rows, long len, int passes) {
    return IntMath.ceilDiv(rows * len, lanes) * passes * initiationIntervalCycles + latencyCycles;
  }

  public int lanes() {
    return lanes;
  }

  public long initiationIntervalCycles() {
    return initiationIntervalCycles;
  }

  public long latencyCycles() {
    return latencyCycles;
  }
}
