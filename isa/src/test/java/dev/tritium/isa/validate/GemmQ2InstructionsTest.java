package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.Packing;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GEMM.Q2: encoding round trip, its opcode, its WGT row extent, and the validator's fp32-adder rule. */
class GemmQ2InstructionsTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();

  private static IsaTarget adders(int bits) {
    return new IsaTarget("q2", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(), EDGE.lutBytes(), EDGE.vecBytes(),
        EDGE.macRows(), EDGE.macCols(), EDGE.lut(), EDGE.vectorLanes(), EnumSet.of(Packing.TWO_BIT), 2, 0, bits);
  }

  private static ValidationReport check(IsaTarget t, GemmQ2 g) {
    return Validator.validate(List.of(g, new Finish(Deps.NONE)), t);
  }

  @Test
  void survivesEncodeDecodeAndAssembly() {
    GemmQ2 g = new GemmQ2(Deps.NONE, 64, 1024, 8192, 5, 40, 2560, true);
    assertEquals(20, g.opcode().code());
    assertEquals(Opcode.GEMM_Q2, Opcode.fromCode(20));
    assertEquals(g, InstructionCodec.decode(InstructionCodec.encode(g), 0, 0, 0));
    String text = Disassembler.toText(g);
    assertEquals(g, Assembler.assembleLine(text, "t.asm", 1), text);
  }

  @Test
  void rowsHoldTheZeroPointAndTheCodes() {
    assertEquals(1, GemmQ2.rowBytes(3));
    assertEquals(2, GemmQ2.rowBytes(4));
    assertEquals(641, GemmQ2.rowBytes(2560));
    // 100 rows of 641 bytes end exactly at the end of WGT; one byte later they do not fit
    IsaTarget t = adders(32);
    long at = t.wgtBytes() - 100 * 641;
    assertTrue(check(t, new GemmQ2(Deps.NONE, at, 0, 16384, 1, 100, 2560, false)).ok());
    ValidationReport over = check(t, new GemmQ2(Deps.NONE, at + 1, 0, 16384, 1, 100, 2560, false));
    assertFalse(over.ok(), "ends past WGT");
  }

  @Test
  void needsFp32AddersInTheMacArray() {
    GemmQ2 g = new GemmQ2(Deps.NONE, 0, 0, 4096, 1, 64, 256, false);
    assertTrue(check(adders(32), g).ok(), check(adders(32), g).findings().toString());
    for (int bits : new int[] {0, 16}) {
      ValidationReport r = check(adders(bits), g);
      assertFalse(r.ok());
      assertTrue(r.findings().toString().contains("GEMM.Q2 needs fp32 adders in the MAC array"), r.findings().toString());
    }
  }
}
