package dev.tritium.simulator.unit.vector;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.KvCodes;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.simulator.unit.sram.OperandStreams;

/**
 * Sweeps a vector op makes over its rows, and its SRAM traffic (simulator/README.md, "Vector unit").
 * QUANT: absmax, then scale-round-store (2). RMSNORM: sum of squares, then scale (2). SOFTMAX: max,
 * exp-and-sum, normalise (3). KV_QUANT: each group's range, then its codes (2). FWHT: one butterfly stage per pass, log2 b passes (b = len &amp; -len); a stage
 * does one add or subtract per element, so the lanes take ceil(rows len / lanes) issues per stage. Everything
 * else is element-wise (1).
 */
final class VectorPasses {

  private VectorPasses() {}

  static int of(Vec v) {
    return switch (v.op()) {
      case FWHT -> WalshHadamard.stages(v.len(), "VEC.FWHT");
      case QUANT, RMSNORM, KV_QUANT -> 2;
      case SOFTMAX -> 3;
      case DEQUANT, ADD, MUL, GATE_RELU2, GATE_SILU, ROPE, COPY, TO_F16, SCALE, ROUND_F16, MUL_ROW, OUTER, ACC_SCALE,
          KV_DEQUANT -> 1;
    };
  }

  /**
   * Source a is read once per pass; dst written once. QUANT: fp32 VEC in, int8 ACT out, one fp32
   * scale per row to VEC. DEQUANT: int32 ACC in, one fp32 scale per row read from VEC, fp32 VEC out.
   * RMSNORM reads gamma [len]; ADD/MUL/GATE_* read b [rows][len]; the rest have no b operand. TO_F16 writes
   * 2 bytes per value to ACT. MUL_ROW and OUTER read b [len] (OUTER's a is [rows]), and dst too with imm 1.
   * ACC_SCALE reads int32 ACC and b [len + rows] (and dst with imm 1).
   */
  static void traffic(Vec v, int passes, OperandStreams streams) {
    long elements = (long) v.rows() * v.len();
    if (v.op().kvCodes()) {
      // KV_QUANT: fp32 rows read twice (range, then codes), records written to ACT; KV_DEQUANT: records read from
      // ACT once, binary16 rows written to ACT.
      long records = (long) v.rows() * KvCodes.ofImm(v.imm()).recordBytes(v.len());
      if (v.op() == VecOp.KV_QUANT) {
        streams.read(Buffer.VEC, v.srcAAddr(), 1, 4 * elements, 0, passes);
        streams.writeContiguous(Buffer.ACT, v.dstAddr(), records);
      } else {
        streams.read(Buffer.ACT, v.srcAAddr(), 1, records, 0, passes);
        streams.writeContiguous(Buffer.ACT, v.dstAddr(), 2 * elements);
      }
      return;
    }
    boolean fromAcc = v.op() == VecOp.DEQUANT || v.op() == VecOp.ACC_SCALE;
    Buffer src = fromAcc ? Buffer.ACC : Buffer.VEC;
    Buffer dst = v.op() == VecOp.QUANT || v.op() == VecOp.TO_F16 ? Buffer.ACT : Buffer.VEC;
    long dstBytes = v.op() == VecOp.QUANT ? elements : v.op() == VecOp.TO_F16 ? 2 * elements : 4 * elements;
    long srcBytes = v.op() == VecOp.OUTER ? 4L * v.rows() : 4 * elements;
    streams.read(src, v.srcAAddr(), 1, srcBytes, 0, passes);
    streams.writeContiguous(dst, v.dstAddr(), dstBytes);
    switch (v.op()) {
      case QUANT -> streams.writeContiguous(Buffer.VEC, v.srcBAddr(), 4L * v.rows());
      case DEQUANT -> streams.readContiguous(Buffer.VEC, v.srcBAddr(), 4L * v.rows());
      case RMSNORM -> streams.readContiguous(Buffer.VEC, v.srcBAddr(), 4L * v.len());
      case ADD, MUL, GATE_RELU2, GATE_SILU ->
          streams.readContiguous(Buffer.VEC, v.srcBAddr(), 4 * elements);
      case MUL_ROW, OUTER -> {
        streams.readContiguous(Buffer.VEC, v.srcBAddr(), 4L * v.len());
        if (v.imm() == 1) {
          streams.readContiguous(Buffer.VEC, v.dstAddr(), 4 * elements);
        }
      }
      case ACC_SCALE -> {
        streams.readContiguous(Buffer.VEC, v.srcBAddr(), 4L * (v.len() + v.rows()));
        if (v.imm() == VecOp.ACC_SCALE_ADD) {
          streams.readContiguous(Buffer.VEC, v.dstAddr(), 4 * elements);
        }
      }
      case SOFTMAX, ROPE, COPY, TO_F16, SCALE, ROUND_F16, FWHT, KV_QUANT, KV_DEQUANT -> { }
    }
  }
}
