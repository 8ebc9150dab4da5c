package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GEMM.SF, GEMM.SP and the vector ops of the fp16-activation weight formats: encoding round trip, and the
 * validator's rules (fp32 adders in the MAC array, MAC packings only, MUL_ROW / OUTER imm 0 or 1, operand extents).
 */
class FloatFormatInstructionsTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();
  private static final IsaTarget FLOAT = new IsaTarget("float", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(),
      EDGE.lutBytes(), EDGE.vecBytes(), EDGE.macRows(), EDGE.macCols(), EDGE.lut(), EDGE.vectorLanes(),
      java.util.EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.SIGN_BITS, Packing.LUT_G3), 2, 0, 32);

  private static ValidationReport check(IsaTarget t, Instruction i) {
    return Validator.validate(List.of(i, new Finish(Deps.NONE)), t);
  }

  @Test
  void everyNewInstructionSurvivesEncodeDecodeAndAssembly() {
    List<Instruction> all = List.of(
        new GemmSf(Deps.NONE, 64, 1024, 8192, 3, 40, 2560, Packing.SIGN_BITS, true),
        new GemmSparse(Deps.NONE, 4096, 0, 16384, 2, 17, 6912, false),
        new Vec(Deps.NONE, VecOp.ROUND_F16, 0, 0, 0, 2, 2560, 0),
        new Vec(Deps.NONE, VecOp.MUL_ROW, 0, 16, 32, 2, 128, 1),
        new Vec(Deps.NONE, VecOp.OUTER, 0, 16, 32, 2, 128, 0));
    for (Instruction i : all) {
      assertEquals(i, InstructionCodec.decode(InstructionCodec.encode(i), 0, 0, 0), i.mnemonic());
      String text = Disassembler.toText(i);
      assertEquals(i, Assembler.assembleLine(text, "t.asm", 1), text);
    }
  }

  @Test
  void gemmSfNeedsFloatAddersAndAMacPacking() {
    GemmSf g = new GemmSf(Deps.NONE, 0, 0, 4096, 1, 64, 256, Packing.TWO_BIT, false);
    assertTrue(check(FLOAT, g).ok(), check(FLOAT, g).findings().toString());
    ValidationReport none = check(EDGE, g);
    assertFalse(none.ok());
    assertTrue(none.findings().get(0).toString().contains("GEMM.SF needs floating-point adders in the MAC array"),
        none.findings().toString());
    ValidationReport lut = check(FLOAT, new GemmSf(Deps.NONE, 0, 0, 0, 1, 64, 255, Packing.LUT_G3, false));
    assertFalse(lut.ok());
    assertTrue(lut.findings().toString().contains("GEMM.SF reads TWO_BIT, BASE3 or SIGN_BITS weights, not LUT_G3"),
        lut.findings().toString());
  }

  private static final IsaTarget MASKS = new IsaTarget("masks", EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(),
      EDGE.lutBytes(), EDGE.vecBytes(), EDGE.macRows(), EDGE.macCols(), EDGE.lut(), EDGE.vectorLanes(),
      java.util.EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.SIGN_BITS, Packing.LUT_G3), 2, 0, 32, true);

  private static ValidationReport gated(IsaTarget t, long gate, long maskAddr, Packing packing) {
    return Validator.validate(List.of(new Cfg(Deps.NONE, CfgReg.SF_GATE, gate),
        new Cfg(Deps.NONE, CfgReg.SF_MASK_ADDR, maskAddr),
        new GemmSf(Deps.NONE, 0, 0, 4096, 1, 64, 256, packing, false), new Finish(Deps.NONE)), t);
  }

  @Test
  void aGatedGemmSfNeedsMaskDecodersSignBitsAValidGateAndItsMasksInWgt() {
    assertTrue(gated(MASKS, 13, 2048, Packing.SIGN_BITS).ok(), gated(MASKS, 13, 2048, Packing.SIGN_BITS).toString());
    assertTrue(gated(FLOAT, 13, 2048, Packing.SIGN_BITS).findings().toString().contains("needs mask decoders"));
    assertTrue(gated(MASKS, 13, 2048, Packing.TWO_BIT).findings().toString().contains("reads SIGN_BITS signs"));
    assertTrue(gated(MASKS, 2, 2048, Packing.SIGN_BITS).findings().toString().contains("without its mask bit"));
    assertTrue(gated(MASKS, 16, 2048, Packing.SIGN_BITS).findings().toString().contains("expected 0..15"));
    assertTrue(gated(MASKS, 5, 0, Packing.SIGN_BITS).findings().toString().contains("SF_MASK_ADDR"));
    // 64 rows of M and the column mask: 65 x 32 bytes, which must end inside WGT.
    ValidationReport past = gated(MASKS, 5, EDGE.wgtBytes() - 64 * 32, Packing.SIGN_BITS);
    assertTrue(past.findings().toString().contains("SF_MASK_ADDR"), past.findings().toString());
  }

  @Test
  void aBitmapGemmSpReadsItsBitmapFromWgtAndOnlyValuesFromVec() {
    List<Instruction> ok = List.of(new Cfg(Deps.NONE, CfgReg.SPARSE_ENTRIES, 9),
        new Cfg(Deps.NONE, CfgReg.SPARSE_BITMAP_ADDR, 1024), new GemmSparse(Deps.NONE, EDGE.vecBytes() - 12, 0, 4096,
            1, 4, 16, false), new Finish(Deps.NONE));
    assertTrue(Validator.validate(ok, FLOAT).ok(), Validator.validate(ok, FLOAT).toString());
    List<Instruction> past = List.of(new Cfg(Deps.NONE, CfgReg.SPARSE_ENTRIES, 9),
        new Cfg(Deps.NONE, CfgReg.SPARSE_BITMAP_ADDR, EDGE.wgtBytes() - 4), new GemmSparse(Deps.NONE, 0, 64, 4096,
            1, 4, 16, false), new Finish(Deps.NONE));
    assertTrue(Validator.validate(past, FLOAT).findings().toString().contains("bitmap index"),
        Validator.validate(past, FLOAT).findings().toString());
  }

  @Test
  void operandsAreCheckedAgainstTheVectorBuffer() {
    // A: 4 x 16384 floats = 256 KiB, the whole VEC buffer; OUT then has no room.
    ValidationReport big = check(FLOAT, new GemmSf(Deps.NONE, 0, 0, 4, 4, 64, 16383, Packing.TWO_BIT, false));
    assertFalse(big.ok());
    assertTrue(big.findings().toString().contains("VEC"), big.findings().toString());
    ValidationReport header = check(FLOAT, new GemmSparse(Deps.NONE, EDGE.vecBytes() - 8, 0, 1024, 1, 4, 16, false));
    assertFalse(header.ok(), "the 20-byte CSR header runs past the buffer");
  }

  @Test
  void mulRowAndOuterTakeImmZeroOrOne() {
    assertTrue(check(EDGE, new Vec(Deps.NONE, VecOp.MUL_ROW, 0, 0, 4096, 2, 64, 1)).ok());
    ValidationReport two = check(EDGE, new Vec(Deps.NONE, VecOp.OUTER, 0, 1024, 4096, 2, 64, 2));
    assertFalse(two.ok());
    assertTrue(two.findings().toString().contains("VEC.OUTER takes imm 0 (write dst) or 1 (add to dst), got 2"),
        two.findings().toString());
  }

  @Test
  void theTargetFileCarriesTheFloatAdders() {
    assertEquals(FLOAT, IsaTargetFile.parse(IsaTargetFile.toText(FLOAT), "t.target"));
    assertTrue(IsaTargetFile.toText(FLOAT).contains("mac_float_adders = fp32"));
    assertFalse(IsaTargetFile.toText(EDGE).contains("mac_float_adders"), "the default target file is unchanged");
    assertTrue(FLOAT.configTag() != new IsaTarget("float", FLOAT.wgtBytes(), FLOAT.actBytes(), FLOAT.accBytes(),
        FLOAT.lutBytes(), FLOAT.vecBytes(), FLOAT.macRows(), FLOAT.macCols(), FLOAT.lut(), FLOAT.vectorLanes(),
        FLOAT.packings(), 2, 0, 0).configTag(), "a program for fp32 adders never runs on a target without them");
    IsaTarget half = new IsaTarget("half", FLOAT.wgtBytes(), FLOAT.actBytes(), FLOAT.accBytes(), FLOAT.lutBytes(),
        FLOAT.vecBytes(), FLOAT.macRows(), FLOAT.macCols(), FLOAT.lut(), FLOAT.vectorLanes(), FLOAT.packings(), 2, 0, 16);
    assertTrue(IsaTargetFile.toText(half).contains("mac_float_adders = fp16"));
    assertEquals(half, IsaTargetFile.parse(IsaTargetFile.toText(half), "t.target"));
    assertTrue(half.configTag() != FLOAT.configTag(), "fp16 and fp32 sums differ: so do the tags");
  }
}
