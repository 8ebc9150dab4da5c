package dev.tritium.isa.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import org.junit.jupiter.api.Test;

class InstructionCodecTest {

  @Test
  void finishWithPushNextEncodesToOpcodeAndFlagBits() {
    byte[] b = InstructionCodec.encode(new Finish(new Deps(false, true, false, true)));
    // opcode 13 in bits 0..5, pop_next bit 7, push_next bit 9.
    byte[] expected = new byte[16];
    expected[0] = (byte) (13 | 0x80);
    expected[1] = 0x02;
    assertArrayEquals(expected, b);
  }

  @Test
  void loadFieldsLandAtHandComputedBits() {
    // buffer ACT=1 at bit 10; sram_addr 0x123456 at bit 13; dram_addr at bit 37.
    Load load = new Load(Deps.NONE, Buffer.ACT, 0x123456, 0x9_8765_4321L, 3, 640, 2560);
    byte[] b = InstructionCodec.encode(load);
    long lo = 0;
    long hi = 0;
    for (int i = 0; i < 8; i++) {
      lo |= (b[i] & 0xFFL) << (8 * i);
      hi |= (b[8 + i] & 0xFFL) << (8 * i);
    }
    assertEquals(1, lo & 0x3F);
    assertEquals(1, (lo >>> 10) & 0x7);
    assertEquals(0x123456, (lo >>> 13) & 0xFFFFFF);
    // dram_addr spans bit 37..72: low 27 bits in lo, high 9 bits in hi.
    long dram = (lo >>> 37) | ((hi & 0x1FF) << 27);
    assertEquals(0x9_8765_4321L, dram);
    assertEquals(3, (hi >>> 9) & 0x3FFF); // rows at bit 73
    assertEquals(640, (hi >>> 23) & 0x1FFFF); // row_bytes at bit 87
    assertEquals(2560, (hi >>> 40) & 0xFFFFFF); // dram_stride_bytes at bit 104
    assertEquals(load, InstructionCodec.decode(b, 0, 0, 0));
  }

  @Test
  void valueTooWideIsRejectedNamingTheField() {
    Instruction g = new GemmTernary(Deps.NONE, 0, 0, 0, 1 << 14, 1, 1, Packing.TWO_BIT, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstructionCodec.encode(g));
    assertTrue(e.getMessage().contains("GEMM.T field m"), e.getMessage());
  }

  @Test
  void unknownOpcodeAndReservedBitsAreDecodeErrors() {
    byte[] b = new byte[16];
    b[0] = 63;
    IsaDecodeException e = assertThrows(IsaDecodeException.class, () -> InstructionCodec.decode(b, 0, 40, 1));
    assertEquals("byte offset 40 (instruction #1), field opcode: unknown opcode 63", e.getMessage());
    byte[] fin = InstructionCodec.encode(new Finish(Deps.NONE));
    fin[15] = 1;
    IsaDecodeException r = assertThrows(IsaDecodeException.class, () -> InstructionCodec.decode(fin, 0, 0, 0));
    assertEquals("reserved", r.field());
  }
}
