package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GEMM.BP (bit-plane tiles) and QUANT.BP (their activation rows): encoding round trip at the fields' extremes, the plane
 * counts' range, the validator's rules (bit-plane PEs in the MAC array, the rows' extents), and the target file.
 */
class BitPlaneInstructionTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();

  private static IsaTarget withBitPlane(boolean on) {
    return new IsaTarget("bp", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(), EDGE.lutBytes(), EDGE.vecBytes(),
        EDGE.macRows(), EDGE.macCols(), EDGE.lut(), EDGE.vectorLanes(), EDGE.packings(), 2, 0, 0, false, 0, on);
  }

  private static ValidationReport check(IsaTarget t, Instruction i) {
    return Validator.validate(List.of(i, new Finish(Deps.NONE)), t);
  }

  @Test
  void survivesEncodeDecodeAndAssembly() {
    for (int p : new int[] {1, 2, 8}) {
      for (int q : new int[] {1, 4, 8}) {
        GemmBp g = new GemmBp(Deps.NONE, 64, 1024, 8192, 4095, 8191, 16383, p, q, true);
        assertEquals(g, InstructionCodec.decode(InstructionCodec.encode(g), 0, 0, 0));
        String text = Disassembler.toText(g);
        assertEquals(g, Assembler.assembleLine(text, "t.asm", 1), text);
        QuantBp qb = new QuantBp(Deps.NONE, 512, 4096, 200000, 5, 6912, q);
        assertEquals(qb, InstructionCodec.decode(InstructionCodec.encode(qb), 0, 0, 0));
        assertEquals(qb, Assembler.assembleLine(Disassembler.toText(qb), "t.asm", 1));
      }
    }
  }

  @Test
  void planeCountsAreOneToEight() {
    assertThrows(IllegalArgumentException.class, () -> InstructionCodec.checkFits(
        new GemmBp(Deps.NONE, 0, 0, 0, 1, 1, 8, 9, 2, false)));
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> InstructionCodec.checkFits(
        new QuantBp(Deps.NONE, 0, 0, 0, 1, 8, 0)));
    assertTrue(zero.getMessage().contains("planes_m1"), zero.getMessage());
    assertFalse(check(withBitPlane(true), new GemmBp(Deps.NONE, 0, 0, 0, 1, 1, 8, 2, 9, false)).ok());
  }

  @Test
  void needsBitPlanePesAndRowsThatFit() {
    GemmBp g = new GemmBp(Deps.NONE, 0, 0, 0, 5, 64, 6912, 2, 8, false);
    assertEquals(1729, g.weightRowBytes());
    assertEquals(6913, g.activationRowBytes());
    assertTrue(check(withBitPlane(true), g).ok(), check(withBitPlane(true), g).findings().toString());
    ValidationReport none = check(EDGE, g);
    assertFalse(none.ok());
    assertTrue(none.findings().toString().contains("GEMM.BP needs bit-plane (AND + popcount) PEs"),
        none.findings().toString());
    // 304 rows of 1729 bytes are 525,616 bytes: more than the 512 KiB WGT.
    ValidationReport wgt = check(withBitPlane(true), new GemmBp(Deps.NONE, 0, 0, 0, 1, 304, 6912, 2, 8, false));
    assertFalse(wgt.ok());
    assertTrue(wgt.findings().toString().contains("wgt_addr"), wgt.findings().toString());
    // QUANT.BP writes 5 rows of 6913 bytes to ACT and reads 5 x 6912 fp32 from VEC.
    assertTrue(check(EDGE, new QuantBp(Deps.NONE, 0, 0, 200000, 5, 6912, 8)).ok());
    ValidationReport act = check(EDGE, new QuantBp(Deps.NONE, EDGE.actBytes() - 6913 * 5 + 1, 0, 200000, 5, 6912, 8));
    assertFalse(act.ok());
    assertTrue(act.findings().toString().contains("dst_addr"), act.findings().toString());
  }

  @Test
  void theTargetFileCarriesTheBitPlanePes() {
    IsaTarget t = withBitPlane(true);
    assertTrue(IsaTargetFile.toText(t).contains("mac_bit_plane = true"));
    assertEquals(t, IsaTargetFile.parse(IsaTargetFile.toText(t), "t.target"));
    assertFalse(IsaTargetFile.toText(EDGE).contains("mac_bit_plane"), "the default target file is unchanged");
    assertTrue(t.configTag() != withBitPlane(false).configTag());
    assertEquals(EDGE.canonicalText(), withBitPlane(false).canonicalText(),
        "targets without bit-plane PEs keep their tags");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> IsaTargetFile.parse(
        IsaTargetFile.toText(EDGE) + "mac_bit_plane = yes\n", "t.target"));
    assertTrue(bad.getMessage().contains("mac_bit_plane must be true or false, got 'yes'"), bad.getMessage());
  }
}
