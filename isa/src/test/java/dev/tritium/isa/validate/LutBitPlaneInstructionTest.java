package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LUT.BUILD.BP, LUT.GEMM.BP and QUANT.BP's byte layout: encoding round trips at the fields' extremes, an earlier
 * QUANT.BP word decoding unchanged, the validator's rules (the LUT core's bit-plane tables, g = 2 or 4, the operands'
 * extents) and the target file's lut_bit_plane.
 */
class LutBitPlaneInstructionTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();

  private static IsaTarget withLutBitPlane(boolean on) {
    LutUnit l = EDGE.lut().orElseThrow();
    return new IsaTarget("lbp", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(), EDGE.lutBytes(), EDGE.vecBytes(),
        EDGE.macRows(), EDGE.macCols(), Optional.of(new LutUnit(l.groupSize(), l.variant(), l.floatAdders(), on)),
        EDGE.vectorLanes(), EDGE.packings(), 2, 0, 0, false, 0, false);
  }

  private static ValidationReport check(IsaTarget t, Instruction... in) {
    List<Instruction> all = new java.util.ArrayList<>(List.of(in));
    all.add(new Finish(Deps.NONE));
    return Validator.validate(all, t);
  }

  @Test
  void survivesEncodeDecodeAndAssembly() {
    for (int g : new int[] {2, 4}) {
      for (int p : new int[] {1, 2, 8}) {
        LutBuildBp b = new LutBuildBp(Deps.NONE, 16777215, 1024, 4095, 16383, 16383, g);
        LutGemmBp q = new LutGemmBp(Deps.NONE, 64, 16777215, 8192, 4095, 8191, 16383, p, g, true);
        for (Instruction i : List.of(b, q)) {
          assertEquals(i, InstructionCodec.decode(InstructionCodec.encode(i), 0, 0, 0));
          assertEquals(i, Assembler.assembleLine(Disassembler.toText(i), "t.asm", 1), Disassembler.toText(i));
        }
      }
    }
    QuantBp bytes = new QuantBp(Deps.NONE, 512, 4096, 200000, 5, 6912, 8, true);
    assertEquals(bytes, InstructionCodec.decode(InstructionCodec.encode(bytes), 0, 0, 0));
    assertEquals(bytes, Assembler.assembleLine(Disassembler.toText(bytes), "t.asm", 1));
    assertEquals(6913, bytes.rowBytes());
    // The flag is the formerly reserved bit 111: a bit-plane QUANT.BP encodes as before and decodes unchanged.
    QuantBp planes = new QuantBp(Deps.NONE, 512, 4096, 200000, 5, 6912, 8);
    assertEquals(planes, InstructionCodec.decode(InstructionCodec.encode(planes), 0, 0, 0));
    assertFalse(planes.bytes());
    assertNotEquals(java.util.Arrays.toString(InstructionCodec.encode(planes)),
        java.util.Arrays.toString(InstructionCodec.encode(bytes)));
  }

  @Test
  void needsTheLutCoresBitPlaneTablesAndGroupsOfTwoOrFour() {
    LutBuildBp b = new LutBuildBp(Deps.NONE, 0, 0, 1, 376, 0, 4);
    LutGemmBp g = new LutGemmBp(Deps.NONE, 0, 0, 0, 1, 64, 376, 2, 4, false);
    assertTrue(check(withLutBitPlane(true), b, g).ok(), check(withLutBitPlane(true), b, g).findings().toString());
    ValidationReport none = check(withLutBitPlane(false), b, g);
    assertEquals(2, none.findings().stream().filter(f -> f.toString().contains("needs bit-plane tables in the LUT"
        + " core") && f.toString().contains("lut_core.bit_plane: true")).count(), none.findings().toString());
    ValidationReport three = check(withLutBitPlane(true), new LutBuildBp(Deps.NONE, 0, 0, 1, 376, 0, 3));
    assertTrue(three.findings().toString().contains("needs group size 2 or 4"), three.findings().toString());
  }

  @Test
  void operandExtents() {
    // 94 tables of 32 bytes (376 codes, g = 4) are 3008 bytes; edge's LUT holds them once.
    LutGemmBp g = new LutGemmBp(Deps.NONE, 0, EDGE.lutBytes() - 3008, 0, 1, 64, 376, 2, 4, false);
    assertTrue(check(withLutBitPlane(true), g).ok(), check(withLutBitPlane(true), g).findings().toString());
    ValidationReport lut = check(withLutBitPlane(true),
        new LutGemmBp(Deps.NONE, 0, EDGE.lutBytes() - 3007, 0, 1, 64, 376, 2, 4, false));
    assertTrue(lut.findings().toString().contains("lut_addr"), lut.findings().toString());
    // weight rows are GEMM.BP's: 1 + 2 x 47 bytes each
    assertEquals(95, g.weightRowBytes());
    long rows = EDGE.wgtBytes() / 95 + 1;
    ValidationReport wgt = check(withLutBitPlane(true),
        new LutGemmBp(Deps.NONE, 0, 0, 0, 1, (int) rows, 376, 2, 4, false));
    assertTrue(wgt.findings().toString().contains("wgt_addr"), wgt.findings().toString());
    // the build reads each row from its zero-point byte through column k0 + k - 1
    LutBuildBp b = new LutBuildBp(Deps.NONE, EDGE.actBytes() - (1 + 6536 + 376), 0, 1, 376, 6536, 4);
    assertTrue(check(withLutBitPlane(true), b).ok(), check(withLutBitPlane(true), b).findings().toString());
    ValidationReport act = check(withLutBitPlane(true),
        new LutBuildBp(Deps.NONE, EDGE.actBytes() - (1 + 6536 + 376) + 1, 0, 1, 376, 6536, 4));
    assertTrue(act.findings().toString().contains("act_addr"), act.findings().toString());
  }

  @Test
  void theTargetFileCarriesTheFlagAndOldTagsStay() {
    IsaTarget t = withLutBitPlane(true);
    assertTrue(IsaTargetFile.toText(t).contains("lut_bit_plane = true"));
    assertEquals(t, IsaTargetFile.parse(IsaTargetFile.toText(t), "t.target"));
    assertFalse(IsaTargetFile.toText(EDGE).contains("lut_bit_plane"));
    assertNotEquals(t.configTag(), withLutBitPlane(false).configTag());
    assertEquals(EDGE.canonicalText(), withLutBitPlane(false).canonicalText());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> IsaTargetFile.parse(
        IsaTargetFile.toText(EDGE) + "lut_bit_plane = 1\n", "t.target"));
    assertTrue(bad.getMessage().contains("lut_bit_plane must be true or false, got '1'"), bad.getMessage());
  }
}
