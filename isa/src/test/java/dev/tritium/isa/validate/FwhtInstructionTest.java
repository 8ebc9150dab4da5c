package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VEC.FWHT: encoding round trip, no src_b operand, and the validator's even-len rule. */
class FwhtInstructionTest {

  private static ValidationReport check(Vec v) {
    return Validator.validate(List.of(v, new Finish(Deps.NONE)), IsaTarget.edgeDefault());
  }

  @Test
  void survivesEncodeDecodeAndAssemblyAndReadsNoSecondOperand() {
    Vec v = new Vec(Deps.NONE, VecOp.FWHT, 0, 0, 0, 3, 2560, 0);
    assertEquals(v, InstructionCodec.decode(InstructionCodec.encode(v), 0, 0, 0));
    String text = Disassembler.toText(v);
    assertEquals(v, Assembler.assembleLine(text, "t.asm", 1), text);
    assertFalse(VecOp.FWHT.usesSrcB());
  }

  @Test
  void evenLengthsPassAndAnOddLengthIsRefusedNamingTheField() {
    for (int len : new int[] {2, 6, 256, 2560, 6912}) {
      ValidationReport ok = check(new Vec(Deps.NONE, VecOp.FWHT, 0, 0, 0, 1, len, 0));
      assertTrue(ok.ok(), len + ": " + ok.findings());
    }
    ValidationReport odd = check(new Vec(Deps.NONE, VecOp.FWHT, 0, 0, 0, 1, 27, 0));
    assertFalse(odd.ok());
    String text = odd.findings().toString();
    assertTrue(text.contains("len") && text.contains("must be even, got 27"), text);
  }
}
