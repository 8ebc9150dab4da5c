package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LUT.BUILD.F16 and LUT.GEMM.F16: encoding round trip, and the validator's rules (fp adders in the LUT core, the
 * core's g, variant and packing, no bit-serial tables, operands in VEC and LUT).
 */
class LutFloatInstructionsTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();

  private static IsaTarget withLut(LutUnit lut, Packing packing) {
    return new IsaTarget("lutf", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(), EDGE.lutBytes(), EDGE.vecBytes(),
        EDGE.macRows(), EDGE.macCols(), Optional.of(lut), EDGE.vectorLanes(),
        EnumSet.of(Packing.TWO_BIT, Packing.BASE3, packing), 2, 0, 0);
  }

  private static final IsaTarget FLOAT = withLut(new LutUnit(3, LutVariant.TERNARY_BASE3, true), Packing.LUT_G3);

  private static ValidationReport check(IsaTarget t, Instruction i) {
    return Validator.validate(List.of(i, new Finish(Deps.NONE)), t);
  }

  @Test
  void bothSurviveEncodeDecodeAndAssembly() {
    List<Instruction> all = List.of(
        new LutBuildF16(Deps.NONE, 1024, 64, 3, 2560, 3, LutVariant.TERNARY_BASE3),
        new LutGemmF16(new Deps(true, false, false, true), 64, 128, 8192, 2, 40, 255, Packing.LUT_G3, true));
    for (Instruction i : all) {
      assertEquals(i, InstructionCodec.decode(InstructionCodec.encode(i), 0, 0, 0), i.mnemonic());
      String text = Disassembler.toText(i);
      assertEquals(i, Assembler.assembleLine(text, "t.asm", 1), text);
    }
  }

  @Test
  void theyNeedTheLutCoresFloatAdders() {
    LutBuildF16 b = new LutBuildF16(Deps.NONE, 0, 0, 1, 30, 3, LutVariant.TERNARY_BASE3);
    LutGemmF16 g = new LutGemmF16(Deps.NONE, 0, 0, 4096, 1, 8, 30, Packing.LUT_G3, false);
    assertTrue(check(FLOAT, b).ok(), check(FLOAT, b).findings().toString());
    assertTrue(check(FLOAT, g).ok(), check(FLOAT, g).findings().toString());
    IsaTarget intOnly = withLut(new LutUnit(3, LutVariant.TERNARY_BASE3), Packing.LUT_G3);
    for (Instruction i : List.of(b, g)) {
      ValidationReport r = check(intOnly, i);
      assertFalse(r.ok());
      assertTrue(r.findings().toString().contains(i.mnemonic() + " needs fp adders in the LUT core"),
          r.findings().toString());
    }
  }

  @Test
  void bitSerialTablesAreRefused() {
    IsaTarget serial = withLut(new LutUnit(4, LutVariant.BIT_SERIAL, true), Packing.BIT_PLANES);
    ValidationReport b = check(serial, new LutBuildF16(Deps.NONE, 0, 0, 1, 32, 4, LutVariant.BIT_SERIAL));
    assertTrue(b.findings().toString().contains("BIT_SERIAL's offset code"), b.findings().toString());
    ValidationReport g = check(serial, new LutGemmF16(Deps.NONE, 0, 0, 4096, 1, 8, 32, Packing.BIT_PLANES, false));
    assertTrue(g.findings().toString().contains("does not read BIT_PLANES"), g.findings().toString());
  }

  @Test
  void operandsAreFp32InVecAndTablesInLut() {
    // 2 tokens x 16383 fp32 activations = 128 KiB in VEC fit; their tables (5461 x 54 bytes each) do not fit LUT.
    ValidationReport big = check(FLOAT, new LutBuildF16(Deps.NONE, 0, 0, 2, 16383, 3, LutVariant.TERNARY_BASE3));
    assertFalse(big.ok());
    assertTrue(big.findings().toString().contains("LUT"), big.findings().toString());
    ValidationReport out = check(FLOAT, new LutGemmF16(Deps.NONE, 0, 0, EDGE.vecBytes() - 4, 1, 2, 30,
        Packing.LUT_G3, false));
    assertFalse(out.ok(), "the second fp32 output runs past VEC");
  }

  @Test
  void theTargetFileCarriesTheLutFloatAdders() {
    assertEquals(FLOAT, IsaTargetFile.parse(IsaTargetFile.toText(FLOAT), "t.target"));
    assertTrue(IsaTargetFile.toText(FLOAT).contains("lut_float_adders = fp32"));
    assertNotEquals(FLOAT.configTag(), withLut(new LutUnit(3, LutVariant.TERNARY_BASE3), Packing.LUT_G3).configTag(),
        "a program for the LUT core's fp adders never runs on a core without them");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> IsaTargetFile.parse(IsaTargetFile.toText(EDGE).replace("lut_group_size = 3\n", "")
            .replace("lut_variant = TERNARY_BASE3\n", "") + "lut_float_adders = fp32\n", "t.target"));
    assertTrue(e.getMessage().contains("lut_float_adders needs a LUT core"), e.getMessage());
  }
}
