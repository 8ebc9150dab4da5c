package dev.tritium.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.encoding.InstructionCodec;
import org.junit.jupiter.api.Test;

/** VEC.KV_QUANT / KV_DEQUANT: imm = G | (b - 1) << 12 round trips, record sizes by hand, no src_b, bad imm named. */
class KvCodesImmTest {

  @Test
  void immHoldsGroupAndBitsAndRecordsAreSizedByHand() {
    KvCodes int4 = new KvCodes(4, 128);
    assertEquals(128 | 3 << 12, int4.imm());
    assertEquals(int4, KvCodes.ofImm(int4.imm()));
    assertEquals(new KvCodes(8, KvCodes.MAX_GROUP), KvCodes.ofImm(Vec.MAX_IMM));
    // 640 values in 5 groups of 128: 320 code bytes + 5 x (2 + 1)
    assertEquals(335, int4.recordBytes(640));
    // 3 bits x 40 values = 120 bits = 15 bytes, groups of 32: 2 (one short) x 3
    assertEquals(21, new KvCodes(3, 32).recordBytes(40));
    assertEquals(2, new KvCodes(3, 32).groups(40));
    assertThrows(IllegalArgumentException.class, () -> KvCodes.ofImm(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvCodes.ofImm(64));
    assertTrue(e.getMessage().contains("imm 64") && e.getMessage().contains("1 bits"), e::getMessage);
    assertThrows(IllegalArgumentException.class, () -> new KvCodes(9, 4));
    assertThrows(IllegalArgumentException.class, () -> new KvCodes(4, KvCodes.MAX_GROUP + 1));
  }

  @Test
  void theOpsEncodeRoundTripAndReadNoSrcB() {
    for (VecOp op : new VecOp[] {VecOp.KV_QUANT, VecOp.KV_DEQUANT}) {
      assertFalse(op.usesSrcB());
      assertTrue(op.kvCodes());
      Vec v = new Vec(Deps.NONE, op, 64, 128, 0, 5, 640, new KvCodes(3, 128).imm());
      assertEquals(v, InstructionCodec.decode(InstructionCodec.encode(v), 0, 0, 0));
    }
    assertEquals(17, VecOp.KV_QUANT.code());
    assertEquals(18, VecOp.KV_DEQUANT.code());
  }
}
