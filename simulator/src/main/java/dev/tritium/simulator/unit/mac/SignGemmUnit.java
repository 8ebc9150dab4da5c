package dev.tritium.simulator.unit.mac;

import dev.tritium.common.HalfFloats;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.Packing;
import dev.tritium.isa.SfGate;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.OperandGeometry;
import dev.tritium.simulator.functional.WeightTileStats;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;

/**
 * Functional GEMM.SF: ternary or binary weights (decoded from the packed bytes in WGT) applied to fp32
 * activations in VEC by the PEs' fp32 adders. Per output: {@code s = 0f} (or OUT with accumulate), then for k
 * ascending {@code s = s + a} (w = +1), {@code s = s - a} (w = -1), nothing (w = 0), each sum rounded to fp32:
 * the order of the fp16-activation weight formats' reference (models.format), so the result is bit-exact.
 *
 * <p>With fp16 adders ({@code mac_float_adders = fp16} in the target) each activation enters the adder rounded to
 * binary16, the start value too, and every sum rounds to binary16. The add runs in fp32 and then rounds: binary32 has
 * 24 significand bits, at least 2 x 11 + 2, so that double rounding equals one correctly rounded binary16 add
 * (Figueroa, "When is double rounding innocuous?", SIGNUM 1995). The result, stored as fp32, holds an fp16 value.
 *
 * <p>Gated (CFG SF_GATE, {@link SfGate}): a weight whose column bit C[k] or row-mask bit M[r][k] (at SF_MASK_ADDR)
 * does not hold the gate's value is 0, so the sum is the one over a masked subset of the signs, in the same k order.
 */
public final class SignGemmUnit {

  private static final String WHERE = "GEMM.SF";

  private final MacPackingKernels kernels = new MacPackingKernels();

  public void execute(GemmSf g, MachineState state, ActionCounters counters) {
    ByteTableTernaryGemm kernel = kernels.of(g.packing(), WHERE);
    int m = g.m();
    int n = g.n();
    int k = g.k();
    int rowBytes = kernel.layout().rowBytes(k);
    int actStride = OperandGeometry.stride(state, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * k, WHERE);
    int outStride = OperandGeometry.stride(state, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n, WHERE);
    int w = OperandGeometry.tile(state, Buffer.WGT, g.wgtAddr(), n, rowBytes, rowBytes, WHERE, "weights");
    int a = OperandGeometry.tile(state, Buffer.VEC, g.actAddr(), m, 4L * k, actStride, WHERE, "activations");
    int c = OperandGeometry.tile(state, Buffer.VEC, g.outAddr(), m, 4L * n, outStride, WHERE, "outputs");
    byte[] wgt = state.buffer(Buffer.WGT).bytes();
    byte[] vec = state.buffer(Buffer.VEC).bytes();
    byte[] weights = new byte[Math.multiplyExact(n, k)];
    kernel.decode(wgt, w, rowBytes, n, k, weights);
    SfGate gate = gate(state, g);
    WeightTileStats stats = gate.active() ? applyGate(gate, state, wgt, n, k, weights)
        : kernel.scan(wgt, w, rowBytes, n, k, WHERE + " WGT");
    boolean half = state.target().macFloatAdderBits() == 16;
    float[] x = new float[k];
    float[] out = new float[m * n];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < k; i++) {
        float v = LittleEndian.getFp32(vec, a + t * actStride + 4 * i);
        x[i] = half ? HalfFloats.roundToF16(v) : v;
      }
      for (int r = 0; r < n; r++) {
        float s = g.accumulate() ? LittleEndian.getFp32(vec, c + t * outStride + 4 * r) : 0f;
        out[t * n + r] = half ? halfSum(s, x, weights, r * k, k) : singleSum(s, x, weights, r * k, k);
      }
    }
    // Written after every read, so an output tile that overlaps the activations (in place) reads old values.
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        LittleEndian.setFp32(vec, c + t * outStride + 4 * r, out[t * n + r]);
      }
    }
    charge(g, rowBytes, stats, counters);
    if (gate.active()) {
      counters.maskDecodes((long) n * k);
      counters.sramRead(Buffer.WGT, SfGate.maskBytes(n, k));
    }
  }

  /**
   * The gate in force (CFG SF_GATE); a gated GEMM.SF needs SIGN_BITS signs, mask decoders and SF_MASK_ADDR, the rules
   * the validator applies.
   */
  private static SfGate gate(MachineState state, GemmSf g) {
    long value = state.cfg(CfgReg.SF_GATE);
    if (value == 0) {
      return SfGate.NONE;
    }
    SfGate gate = SfGate.of(value);
    if (!state.target().macMaskDecode()) {
      throw new IllegalArgumentException(WHERE + " with CFG SF_GATE = " + value + " needs mask decoders in the MAC"
          + " array's PEs (arch mac_array.mask_decode: true)");
    }
    if (g.packing() != Packing.SIGN_BITS) {
      throw new IllegalArgumentException(WHERE + " with CFG SF_GATE = " + value + " reads SIGN_BITS signs, not "
          + g.packing());
    }
    if (state.cfg(CfgReg.SF_MASK_ADDR) == 0) {
      throw new IllegalArgumentException(WHERE + " with CFG SF_GATE = " + value + " needs CFG SF_MASK_ADDR, which no"
          + " earlier CFG set");
    }
    return gate;
  }

  /**
   * Zeroes every weight the gate does not pass, reading the masks at SF_MASK_ADDR (n rows of M, then C; bit c%8 of
   * byte c/8), and counts the gated tile's +1, -1 and 0 weights.
   */
  private static WeightTileStats applyGate(SfGate gate, MachineState state, byte[] wgt, int n, int k, byte[] weights) {
    int rowBytes = (k + 7) / 8;
    long bytes = SfGate.maskBytes(n, k);
    int masks = OperandGeometry.tile(state, Buffer.WGT, state.cfg(CfgReg.SF_MASK_ADDR), 1, bytes, bytes, WHERE,
        "masks");
    int columns = masks + n * rowBytes;
    long plus = 0;
    long minus = 0;
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        boolean c = (wgt[columns + i / 8] >> (i % 8) & 1) != 0;
        boolean m = (wgt[masks + r * rowBytes + i / 8] >> (i % 8) & 1) != 0;
        int at = r * k + i;
        if (!gate.passes(c, m)) {
          weights[at] = 0;
        } else if (weights[at] > 0) {
          plus++;
        } else {
          minus++;
        }
      }
    }
    return new WeightTileStats(plus, minus, (long) n * k - plus - minus);
  }

  private static float singleSum(float start, float[] x, byte[] weights, int base, int k) {
    float s = start;
    for (int i = 0; i < k; i++) {
      byte v = weights[base + i];
      if (v > 0) {
        s = s + x[i];
      } else if (v < 0) {
        s = s - x[i];
      }
    }
    return s;
  }

  private static float halfSum(float start, float[] x, byte[] weights, int base, int k) {
    float s = HalfFloats.roundToF16(start);
    for (int i = 0; i < k; i++) {
      byte v = weights[base + i];
      if (v > 0) {
        s = HalfFloats.roundToF16(s + x[i]);
      } else if (v < 0) {
        s = HalfFloats.roundToF16(s - x[i]);
      }
    }
    return s;
  }

  /**
   * Timing-only: the value-independent counts; the add/subtract/skip split stays unknown. {@code gated}: CFG SF_GATE
   * was set, so the masks are read and decoded too.
   */
  public void count(GemmSf g, boolean gated, ActionCounters counters) {
    charge(g, (int) g.packing().packedRowBytes(g.k()), null, counters);
    if (gated) {
      counters.maskDecodes((long) g.n() * g.k());
      counters.sramRead(Buffer.WGT, SfGate.maskBytes(g.n(), g.k()));
    }
  }

  private static void charge(GemmSf g, int rowBytes, WeightTileStats stats, ActionCounters counters) {
    long m = g.m();
    long n = g.n();
    counters.floatArrayTile(m, n, g.k(), stats);
    counters.sramRead(Buffer.WGT, n * rowBytes);
    counters.sramRead(Buffer.VEC, 4 * m * g.k());
    if (g.accumulate()) {
      counters.sramRead(Buffer.VEC, 4 * m * n);
    }
    counters.sramWritten(Buffer.VEC, 4 * m * n);
  }
}
