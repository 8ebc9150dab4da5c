package dev.tritium.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.IsaSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins the binary contract: codes only ever get appended, fields never overlap. */
class SpecStabilityTest {

  @Test
  void opcodeCodesArePinned() {
    int[] codes = new int[Opcode.values().length];
    for (Opcode o : Opcode.values()) {
      codes[o.ordinal()] = o.code();
    }
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
        23, 24, 25),
        java.util.Arrays.stream(codes).boxed().toList());
    assertEquals(null, Opcode.fromCode(0));
  }

  @Test
  void enumCodesArePinned() {
    assertEquals(List.of("WGT", "ACT", "ACC", "LUT", "VEC"), IsaSpec.names(Buffer.class));
    assertEquals(List.of("QUANT", "DEQUANT", "RMSNORM", "ADD", "MUL", "GATE_RELU2", "GATE_SILU", "SOFTMAX", "ROPE",
        "COPY", "TO_F16", "SCALE", "ROUND_F16", "MUL_ROW", "OUTER", "FWHT", "ACC_SCALE", "KV_QUANT", "KV_DEQUANT"),
        IsaSpec.names(VecOp.class));
    assertEquals(List.of("TWO_BIT", "BASE3", "LUT_G2", "LUT_G3", "LUT_G4", "LUT_G3_MIRROR", "BIT_PLANES",
        "SIGN_BITS"), IsaSpec.names(Packing.class));
    assertEquals(List.of("ACT_ROW_STRIDE_BYTES", "ACC_ROW_STRIDE_BYTES", "LUT_ROW_STRIDE_BYTES",
        "DEQUANT_WEIGHT_SCALE", "RMSNORM_EPS", "ROPE_HEAD_DIM", "ROPE_THETA", "VEC_SCALE", "SPARSE_ENTRIES",
        "SF_GATE", "SF_MASK_ADDR", "SPARSE_BITMAP_ADDR"), IsaSpec.names(CfgReg.class));
    assertEquals(List.of("LOAD", "COMPUTE", "STORE"), IsaSpec.names(Queue.class));
    assertEquals(List.of("TERNARY_BASE3", "TERNARY_MIRROR", "BIT_SERIAL", "BINARY", "BINARY_MIRROR"),
        IsaSpec.names(LutVariant.class));
    assertEquals(List.of("MAC", "LUT"), IsaSpec.names(ComputeUnit.class));
  }

  @Test
  void fieldsTileTheWordWithoutOverlapAndMeetTheMinimumWidths() {
    for (Format f : IsaSpec.formats()) {
      List<FieldSpec> all = new ArrayList<>(IsaSpec.HEADER);
      all.addAll(f.fields());
      int next = 0;
      for (FieldSpec fs : all) {
        assertEquals(next, fs.offset(), f.opcode() + " " + fs.name());
        next += fs.width();
      }
      assertTrue(next <= 128, f.opcode() + " uses " + next + " bits");
      for (FieldSpec fs : f.fields()) {
        if (fs.name().equals("dram_addr")) {
          assertTrue(fs.width() >= 36, f.opcode() + " dram_addr");
        }
        if (fs.name().endsWith("_addr") && !fs.name().equals("dram_addr")) {
          assertTrue(fs.width() >= 24, f.opcode() + " " + fs.name());
        }
      }
    }
  }

  @Test
  void packedRowBytesMatchHandCountsForK2560() {
    // TWO_BIT 2560/4; BASE3 2560/5; LUT_G2 1280 4-bit fields; LUT_G3 854 5-bit fields = 4270 bits;
    // LUT_G4 640 7-bit fields = 4480 bits; mirror 854 nibbles (427 B) + 854 sign bits (107 B); planes 2 x 320.
    assertEquals(640, Packing.TWO_BIT.packedRowBytes(2560));
    assertEquals(512, Packing.BASE3.packedRowBytes(2560));
    assertEquals(640, Packing.LUT_G2.packedRowBytes(2560));
    assertEquals(534, Packing.LUT_G3.packedRowBytes(2560));
    assertEquals(560, Packing.LUT_G4.packedRowBytes(2560));
    assertEquals(534, Packing.LUT_G3_MIRROR.packedRowBytes(2560));
    assertEquals(640, Packing.BIT_PLANES.packedRowBytes(2560));
    assertEquals(320, Packing.SIGN_BITS.packedRowBytes(2560)); // one bit per binary weight
    assertEquals(1, Packing.BASE3.packedRowBytes(1));
  }

  @Test
  void rowsCutAtSplitBoundariesAreByteAligned() {
    for (Packing p : Packing.values()) {
      if (p.splitWeights() == 0) {
        continue;
      }
      for (int a = 0; a < 10; a++) {
        for (int tk = 1; tk < 200; tk++) {
          long k0 = (long) a * p.splitWeights();
          assertEquals(p.packedRowBytes(k0 + tk), p.packedRowBytes(k0) + p.packedRowBytes(tk), p + " k0=" + k0);
        }
      }
    }
  }

  @Test
  void lutTablesHaveTheDocumentedEntryCounts() {
    assertEquals(27, LutVariant.TERNARY_BASE3.entriesPerTable(3));
    assertEquals(14, LutVariant.TERNARY_MIRROR.entriesPerTable(3));
    assertEquals(16, LutVariant.BIT_SERIAL.entriesPerTable(4));
    assertEquals(Packing.LUT_G3, new LutUnit(3, LutVariant.TERNARY_BASE3).packing());
    assertEquals(Packing.LUT_G3_MIRROR, new LutUnit(3, LutVariant.TERNARY_MIRROR).packing());
    assertEquals(null, new LutUnit(5, LutVariant.TERNARY_BASE3).packing());
    // Binary tables: 2^g and 2^(g-1) entries, read from SIGN_BITS, only for g = 2 and 4.
    assertEquals(4, LutVariant.BINARY.entriesPerTable(2));
    assertEquals(16, LutVariant.BINARY.entriesPerTable(4));
    assertEquals(2, LutVariant.BINARY_MIRROR.entriesPerTable(2));
    assertEquals(8, LutVariant.BINARY_MIRROR.entriesPerTable(4));
    assertEquals(3, LutVariant.BINARY.code());
    assertEquals(4, LutVariant.BINARY_MIRROR.code());
    assertEquals(Packing.SIGN_BITS, new LutUnit(4, LutVariant.BINARY).packing());
    assertEquals(Packing.SIGN_BITS, new LutUnit(2, LutVariant.BINARY_MIRROR).packing());
    assertEquals(null, new LutUnit(3, LutVariant.BINARY).packing());
    assertEquals(null, new LutUnit(1, LutVariant.BINARY_MIRROR).packing());
  }

  @Test
  void lutBuildVariantFieldHoldsEveryVariant() {
    // The field grew from 2 to 3 bits (89..91, formerly reserved zero) when the binary variants took codes 3 and 4,
    // so every older encoding decodes unchanged.
    var field = IsaSpec.format(dev.tritium.isa.Opcode.LUT_BUILD).fields().stream()
        .filter(f -> f.name().equals("variant")).findFirst().orElseThrow();
    assertEquals(89, field.offset());
    assertEquals(3, field.width());
  }

  @Test
  void configTagIsStableAndSensitiveToEveryIsaFact() {
    IsaTarget t = IsaTarget.edgeDefault();
    assertEquals(0x94748c60, t.configTag(), String.format("pinned tag, actual 0x%08x", t.configTag()));
    IsaTarget renamed = new IsaTarget("other", t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(), t.vecBytes(),
        t.macRows(), t.macCols(), t.lut(), t.vectorLanes(), t.packings());
    assertEquals(t.configTag(), renamed.configTag());
    IsaTarget biggerAct = new IsaTarget("edge", t.wgtBytes(), t.actBytes() + 1, t.accBytes(), t.lutBytes(),
        t.vecBytes(), t.macRows(), t.macCols(), t.lut(), t.vectorLanes(), t.packings());
    assertNotEquals(t.configTag(), biggerAct.configTag());
    IsaTarget noLut = new IsaTarget("edge", t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(), t.vecBytes(),
        t.macRows(), t.macCols(), Optional.empty(), t.vectorLanes(), EnumSet.of(Packing.TWO_BIT));
    assertNotEquals(t.configTag(), noLut.configTag());
  }
}
