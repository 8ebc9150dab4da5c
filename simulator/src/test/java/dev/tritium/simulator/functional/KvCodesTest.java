package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.ConfigRegisters;
import dev.tritium.isa.Finish;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.KvCodes;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.validate.Access;
import dev.tritium.isa.validate.Accesses;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VEC.KV_QUANT and VEC.KV_DEQUANT on hand-computed groups: the asymmetric grid (range holding 0, fp16 step, rounded
 * zero point, clamped codes), the packed record (codes across byte boundaries, then step and zero per group), the
 * fp16 rounding of the read-back value, the all-zero group; and the validator and the simulator agreeing on imm and
 * on the bytes an op touches.
 */
class KvCodesTest extends VecFixture {

  private static final int SRC = 0;
  private static final int REC = 512;
  private static final int OUT = 1024;

  private byte[] act(int addr, int n) {
    byte[] out = new byte[n];
    System.arraycopy(s.buffer(Buffer.ACT).bytes(), addr, out, 0, n);
    return out;
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void int4GroupsOfFourQuantizeAndReadBackByHand() {
    // Group 0 [-1, 0.5, 2, 0.25]: lo = -1, hi = 2, step = f16(3 / 15) = 0.199951171875 (0x3266), z = rint(1 / step)
    // = rint(5.0012) = 5; q = rint(v / step) + z = [0, 8, 15, 6]. Group 1 [3, -0.75] (the short last group):
    // step = 3.75 / 15 = 0.25 (0x3400), z = 3, q = [15, 0].
    vec(SRC, -1f, 0.5f, 2f, 0.25f, 3f, -0.75f);
    KvCodes codes = new KvCodes(4, 4);
    model.execute(new Vec(NO_DEPS, VecOp.KV_QUANT, REC, SRC, 0, 1, 6, codes.imm()), s, c);
    // codes two to a byte, low nibble first; then 0x3266 LE, zero 5; 0x3400 LE, zero 3
    assertArrayEquals(bytes(0x80, 0x6f, 0x0f, 0x66, 0x32, 5, 0x00, 0x34, 3), act(REC, codes.recordBytes(6)));
    model.execute(new Vec(NO_DEPS, VecOp.KV_DEQUANT, OUT, REC, 0, 1, 6, codes.imm()), s, c);
    // (q - z) * step: -0.99975586 (1 - 2^-12, a tie between two fp16 values: to even, -1), 0.5998535 -> 0x38cc,
    // 1.9995117 -> 2, 0.19995117 (0x3266 itself), 3, -0.75
    assertArrayEquals(bytes(0x00, 0xbc, 0xcc, 0x38, 0x00, 0x40, 0x66, 0x32, 0x00, 0x42, 0x00, 0xba), act(OUT, 12));
    ActionCounts n = c.snapshot();
    // KV_QUANT: 6 elements in 2 groups; KV_DEQUANT: 6 elements
    assertEquals(4 * 6 + 2 * 2, n.fp32Ops(Fp32Op.MAX));
    assertEquals(6 + 2 * 2, n.fp32Ops(Fp32Op.DIV));
    assertEquals(6 + 2 + 6, n.fp32Ops(Fp32Op.ADD));
    assertEquals(2 + 2 * 6, n.fp32Ops(Fp32Op.CVT));
    assertEquals(6, n.fp32Ops(Fp32Op.MUL));
  }

  @Test
  void threeBitCodesStraddleBytesAndAZeroGroupIsAllZero() {
    // Row 0 [0, 7, 5]: step f16(7 / 7) = 1, z = 0, q = [0, 7, 5]: bits 0-2 = 0, 3-5 = 7, 6-8 = 5 (0b101):
    // byte 0 = 0x38 | 0x40, byte 1 = 0x01 (pad bits 0). Row 1 all zero: step 0, q = z = 0.
    vec(SRC, 0f, 7f, 5f, 0f, 0f, 0f);
    KvCodes codes = new KvCodes(3, 8);
    model.execute(new Vec(NO_DEPS, VecOp.KV_QUANT, REC, SRC, 0, 2, 3, codes.imm()), s, c);
    assertEquals(5, codes.recordBytes(3));
    assertArrayEquals(bytes(0x78, 0x01, 0x00, 0x3c, 0, 0, 0, 0, 0, 0), act(REC, 10));
    model.execute(new Vec(NO_DEPS, VecOp.KV_DEQUANT, OUT, REC, 0, 2, 3, codes.imm()), s, c);
    assertArrayEquals(bytes(0, 0, 0x00, 0x47, 0x00, 0x45, 0, 0, 0, 0, 0, 0), act(OUT, 12));
    // a set pad bit and a zero point beyond 2^b - 1 are execution errors, never silently read
    s.buffer(Buffer.ACT).bytes()[REC + 1] |= (byte) 0x80;
    IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
        () -> model.execute(new Vec(NO_DEPS, VecOp.KV_DEQUANT, OUT, REC, 0, 2, 3, codes.imm()), s, c));
    assertTrue(pad.getMessage().contains("pad bits"), pad::getMessage);
    s.buffer(Buffer.ACT).bytes()[REC + 1] = 0x01;
    s.buffer(Buffer.ACT).bytes()[REC + 4] = 8;
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new Vec(NO_DEPS, VecOp.KV_DEQUANT, OUT, REC, 0, 2, 3, codes.imm()), s, c));
  }

  @Test
  void aRangeBeyondFp16IsAnExecutionError() {
    // (hi - lo) / 3 = 133333 rounds to fp16 infinity
    vec(SRC, -200000f, 200000f);
    assertThrows(IllegalArgumentException.class,
        () -> model.execute(new Vec(NO_DEPS, VecOp.KV_QUANT, REC, SRC, 0, 1, 2, new KvCodes(2, 2).imm()), s, c));
  }

  @Test
  void validatorAndSimulatorShareTheImmAndTheBytesTouched() {
    IsaTarget t = IsaTarget.edgeDefault();
    for (int imm : new int[] {0, 4096, 1 << 12 | 0}) {
      // G = 0, or b = 1: both refuse, naming imm
      Vec bad = new Vec(NO_DEPS, VecOp.KV_QUANT, REC, SRC, 0, 1, 6, imm);
      ValidationReport r = Validator.validate(List.of(bad, new Finish(NO_DEPS)), t);
      assertTrue(r.errors().stream().anyMatch(f -> f.field().equals("imm")), r::toString);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.execute(bad, s, c));
      assertTrue(e.getMessage().contains("imm"), e::getMessage);
    }
    // The validator's extent of the records is exactly what the simulator writes.
    KvCodes codes = new KvCodes(3, 5);
    java.util.Arrays.fill(s.buffer(Buffer.ACT).bytes(), REC, REC + 64, (byte) 0x55);
    vec(SRC, 1f, -2f, 3f, 4f, -5f, 6f, 7f, 0.5f, 9f, 10f, 11f, 12f, 13f, 14f);
    Vec q = new Vec(NO_DEPS, VecOp.KV_QUANT, REC, SRC, 0, 2, 7, codes.imm());
    model.execute(q, s, c);
    Access dst = Accesses.of(q, new ConfigRegisters(), t).stream()
        .filter(a -> a.field().equals("dst_addr")).findFirst().orElseThrow();
    long end = dst.start() + (dst.rows() - 1) * dst.strideBytes() + dst.rowBytes();
    assertEquals(REC + 2L * codes.recordBytes(7), end);
    assertEquals(0x55, s.buffer(Buffer.ACT).bytes()[(int) end] & 0xff, "nothing written past the validator's extent");
    assertTrue((s.buffer(Buffer.ACT).bytes()[(int) end - 1] & 0xff) != 0x55);
    assertTrue(Validator.validate(List.of(q, new Finish(NO_DEPS)), t).errors().isEmpty());
  }

  @Test
  void recordsAtTheTailOfTheOutputReadBackTheSameAndOtherOverlapsAreRefused() {
    IsaTarget t = IsaTarget.edgeDefault();
    KvCodes codes = new KvCodes(4, 4);
    vec(SRC, -1f, 0.5f, 2f, 0.25f, 3f, -0.75f, 7f, -7f, 0.125f, 1f, 2f, 3f);
    model.execute(new Vec(NO_DEPS, VecOp.KV_QUANT, REC, SRC, 0, 2, 6, codes.imm()), s, c);
    model.execute(new Vec(NO_DEPS, VecOp.KV_DEQUANT, OUT, REC, 0, 2, 6, codes.imm()), s, c);
    byte[] disjoint = act(OUT, 24);
    // 2 records of 9 bytes placed so that they end where the 24-byte output ends
    int out = 2048;
    int tail = out + 24 - 18;
    System.arraycopy(act(REC, 18), 0, s.buffer(Buffer.ACT).bytes(), tail, 18);
    Vec inPlace = new Vec(NO_DEPS, VecOp.KV_DEQUANT, out, tail, 0, 2, 6, codes.imm());
    assertTrue(Validator.validate(List.of(inPlace, new Finish(NO_DEPS)), t).errors().isEmpty());
    model.execute(inPlace, s, c);
    assertArrayEquals(disjoint, act(out, 24));
    // records overlapping the output's head (not its tail) are refused
    Vec head = new Vec(NO_DEPS, VecOp.KV_DEQUANT, out, out + 2, 0, 2, 6, codes.imm());
    assertTrue(Validator.validate(List.of(head, new Finish(NO_DEPS)), t).errors().stream()
        .anyMatch(f -> f.message().contains("partly overlaps")));
  }
}
