package dev.tritium.simulator.unit.sparse;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.GemmSparse;
import dev.tritium.simulator.unit.sram.OperandStreams;

/**
 * GEMM.SP timing on a sparse unit or on the vector unit's lanes (the same schedule, with that unit's lanes and
 * latency): one entry per lane per initiation interval over the m * E (token, entry) pairs, the rows being
 * independent chains (balancing them across lanes is ASSUMED), plus the pipeline latency. The CSR block (or the
 * bitmap index in WGT and the int8 values, with {@code bitmapAddr} != 0: the bitmap's set bits decoded in order by a
 * priority encoder at the same rate, ASSUMED) is read once,
 * each entry's activation once per token, the outputs written (and read first when accumulating).
 *
 * @param lanes entries per initiation interval
 * @param initiationIntervalCycles cycles between issues (1 for a sparse unit)
 * @param latencyCycles pipeline depth
 */
public record SparseUnit(int lanes, int initiationIntervalCycles, int latencyCycles) {

  public SparseUnit {
    if (lanes < 1 || initiationIntervalCycles < 1 || latencyCycles < 0) {
      throw new IllegalArgumentException("sparse path needs lanes >= 1, an initiation interval >= 1 and a latency >= 0,"
          + " got " + lanes + ", " + initiationIntervalCycles + ", " + latencyCycles);
    }
  }

  /** The dedicated unit of an arch's {@code sparse_unit} section. */
  public static SparseUnit of(SparseUnitConfig c) {
    return new SparseUnit(c.lanes(), 1, c.opLatencyCycles());
  }

  /** GEMM.SP's compute cycles for {@code entries} CSR entries, its operand streams added to {@code streams}. */
  public long occupancy(GemmSparse g, long entries, long bitmapAddr, OperandStreams streams) {
    long m = g.m();
    long n = g.n();
    if (bitmapAddr != 0) {
      streams.readContiguous(Buffer.VEC, g.csrAddr(), GemmSparse.bitmapValueBytes(entries));
      streams.readContiguous(Buffer.WGT, bitmapAddr, GemmSparse.bitmapBytes(n, g.k()));
    } else {
      streams.readContiguous(Buffer.VEC, g.csrAddr(), 4 * (n + 1 + entries));
    }
    streams.readContiguous(Buffer.VEC, g.actAddr(), 4 * m * entries);
    if (g.accumulate()) {
      streams.readContiguous(Buffer.VEC, g.outAddr(), 4 * m * n);
    }
    streams.writeContiguous(Buffer.VEC, g.outAddr(), 4 * m * n);
    return IntMath.ceilDiv(m * entries, lanes) * initiationIntervalCycles + latencyCycles;
  }
}
