package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.IsaTargetFile;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.InstructionCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GEMM.IW (integer weights on integer activations) and QUANT.IG (their activations' grid): encoding round trip, and the validator's rules (integer
 * multipliers of the operands' width in the MAC array, the int4 row extent in WGT).
 */
class IntWeightInstructionTest {

  private static final IsaTarget EDGE = IsaTarget.edgeDefault();

  private static IsaTarget withInt(int bits) {
    return new IsaTarget("int" + bits, EDGE.wgtBytes(), EDGE.actBytes(), EDGE.accBytes(), EDGE.lutBytes(),
        EDGE.vecBytes(), EDGE.macRows(), EDGE.macCols(), EDGE.lut(), EDGE.vectorLanes(), EDGE.packings(), 2, 0, 0,
        bits);
  }

  private static ValidationReport check(IsaTarget t, Instruction i) {
    return Validator.validate(List.of(i, new Finish(Deps.NONE)), t);
  }

  @Test
  void survivesEncodeDecodeAndAssembly() {
    for (IntWidth w : IntWidth.values()) {
      for (IntWidth a : IntWidth.values()) {
        GemmIw g = new GemmIw(Deps.NONE, 64, 1024, 8192, 5, 40, 6912, w, a, true);
        assertEquals(g, InstructionCodec.decode(InstructionCodec.encode(g), 0, 0, 0));
        String text = Disassembler.toText(g);
        assertEquals(g, Assembler.assembleLine(text, "t.asm", 1), text);
      }
    }
    assertEquals("GEMM.IW", Opcode.GEMM_IW.mnemonic());
  }

  @Test
  void quantIgSurvivesEncodeDecodeAndAssemblyAndChecksItsExtents() {
    QuantIg q = new QuantIg(Deps.NONE, 512, 4096, 200000, 5, 6784, 128, IntWidth.INT4);
    assertEquals(q, InstructionCodec.decode(InstructionCodec.encode(q), 0, 0, 0));
    assertEquals(q, Assembler.assembleLine(Disassembler.toText(q), "t.asm", 1), Disassembler.toText(q));
    assertEquals(53, q.groups());
    assertTrue(check(EDGE, q).ok(), check(EDGE, q).findings().toString());
    // steps: 53 groups x 5 rows x 4 bytes = 1060 bytes from the end of VEC does not fit
    ValidationReport steps = check(EDGE, new QuantIg(Deps.NONE, 0, 0, EDGE.vecBytes() - 1056, 5, 6784, 128,
        IntWidth.INT4));
    assertFalse(steps.ok());
    assertTrue(steps.findings().toString().contains("steps_addr"), steps.findings().toString());
    // the steps may not partly overlap the input they are computed from
    ValidationReport overlap = check(EDGE, new QuantIg(Deps.NONE, 512, 4096, 65536, 5, 6784, 128, IntWidth.INT4));
    assertFalse(overlap.ok());
    assertTrue(overlap.findings().toString().contains("partly overlaps src_addr"), overlap.findings().toString());
  }

  @Test
  void asymmetricQuantIgRoundTripsAndIsRefusedWithInt8Codes() {
    QuantIg a = new QuantIg(Deps.NONE, 512, 4096, 200000, 5, 6784, 0, IntWidth.INT4, true);
    assertEquals(a, InstructionCodec.decode(InstructionCodec.encode(a), 0, 0, 0));
    String text = Disassembler.toText(a);
    assertTrue(text.contains("asymmetric=1"), text);
    assertEquals(a, Assembler.assembleLine(text, "t.asm", 1), text);
    // the flag is the bit after width: a symmetric QUANT.IG encodes as before (bit 123 zero)
    QuantIg sym = new QuantIg(Deps.NONE, 512, 4096, 200000, 5, 6784, 0, IntWidth.INT4);
    byte[] on = InstructionCodec.encode(a);
    byte[] off = InstructionCodec.encode(sym);
    assertEquals(1 << 3, (on[15] ^ off[15]) & 0xFF);
    assertTrue(check(EDGE, a).ok(), check(EDGE, a).findings().toString());
    ValidationReport wide = check(EDGE, new QuantIg(Deps.NONE, 512, 4096, 200000, 5, 6784, 0, IntWidth.INT8, true));
    assertFalse(wide.ok());
    assertTrue(wide.findings().toString().contains("asymmetric"), wide.findings().toString());
  }

  @Test
  void needsIntegerMultipliersOfTheOperandsWidth() {
    GemmIw w8 = new GemmIw(Deps.NONE, 0, 0, 0, 1, 64, 256, IntWidth.INT8, IntWidth.INT8, false);
    GemmIw w4a8 = new GemmIw(Deps.NONE, 0, 0, 0, 1, 64, 256, IntWidth.INT4, IntWidth.INT8, false);
    GemmIw w4 = new GemmIw(Deps.NONE, 0, 0, 0, 1, 64, 256, IntWidth.INT4, IntWidth.INT4, false);
    for (GemmIw g : List.of(w8, w4a8, w4)) {
      assertTrue(check(withInt(8), g).ok(), check(withInt(8), g).findings().toString());
      ValidationReport none = check(EDGE, g);
      assertFalse(none.ok());
      assertTrue(none.findings().toString().contains("needs int" + g.multiplierBits()
          + " multipliers in the MAC array, and target 'edge-default' has none"), none.findings().toString());
    }
    assertTrue(check(withInt(4), w4).ok());
    ValidationReport narrow = check(withInt(4), w4a8);
    assertFalse(narrow.ok());
    assertTrue(narrow.findings().toString().contains("has int4 only"), narrow.findings().toString());
  }

  @Test
  void int4WeightRowsTakeHalfTheBytes() {
    assertEquals(128, IntWidth.INT4.weightRowBytes(255));
    assertEquals(255, IntWidth.INT8.weightRowBytes(255));
    // 2048 rows x 256 int8 bytes = 512 KiB, the whole WGT buffer: fits at 0, not at 1; int4 rows fit at 1.
    assertTrue(check(withInt(8), new GemmIw(Deps.NONE, 0, 0, 0, 1, 2048, 256, IntWidth.INT8, IntWidth.INT8,
        false)).ok());
    assertFalse(check(withInt(8), new GemmIw(Deps.NONE, 1, 0, 0, 1, 2048, 256, IntWidth.INT8, IntWidth.INT8,
        false)).ok());
    assertTrue(check(withInt(8), new GemmIw(Deps.NONE, 1, 0, 0, 1, 2048, 256, IntWidth.INT4, IntWidth.INT8,
        false)).ok());
  }

  @Test
  void theTargetFileCarriesTheMultipliers() {
    IsaTarget t = withInt(8);
    assertTrue(IsaTargetFile.toText(t).contains("mac_int_multipliers = int8"));
    assertEquals(t, IsaTargetFile.parse(IsaTargetFile.toText(t), "t.target"));
    assertFalse(IsaTargetFile.toText(EDGE).contains("mac_int_multipliers"), "the default target file is unchanged");
    assertTrue(t.configTag() != withInt(4).configTag() && t.configTag() != withInt(0).configTag());
    assertEquals(EDGE.canonicalText().replace("edge-default", ""), withInt(0).canonicalText(),
        "targets without integer multipliers keep their tags");
  }
}
