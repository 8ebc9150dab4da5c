package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bitnet-w1 on a LUT core with binary tables: the BitLinear path reads the SIGN_BITS weights through BINARY and
 * BINARY_MIRROR tables bit for bit against the reference, and a flipped sign, a changed table entry or a changed
 * golden value each FAIL; a ternary format is refused on such a core.
 */
class BinaryLutCrossCheckTest {

  /** edge-fpga with g = 4 and the given binary table variant. */
  static ArchConfig binaryEdge(LutVariant v) {
    return ArchKeys.with(ArchKeys.with(ArchConfigs.resolve("edge-fpga"), "lut_core.group_size", "4"),
        "lut_core.variant", v.key());
  }

  private static final BitLinearCase CASE =
      BitLinearCase.ofFormat("w1", 3, 164, 96, 5, 1, FormatPresets.parse("bitnet-w1"));

  @Test
  void binaryTablesPassAndFaultsFail() {
    BitLinearShape shape = new BitLinearShape(3, 164, 96, WeightAlphabet.BINARY);
    for (LutVariant v : List.of(LutVariant.BINARY, LutVariant.BINARY_MIRROR)) {
      BitLinearCrossCheck check = new BitLinearCrossCheck(binaryEdge(v));
      assertEquals(Packing.SIGN_BITS, check.runner().target().lut().orElseThrow().packing());
      // Two K blocks (80 + 84: the last group of the second holds padding), two M tiles, both loop orders.
      for (LoopOrder order : LoopOrder.values()) {
        Mapping m = new Mapping(ComputeUnit.LUT, Packing.SIGN_BITS, 2, 48, 80, 16, 80, order);
        assertEquals(List.of(), SramLayout.problems(shape, m, check.runner().target()));
        CrossCheckReport ok = check.run(CASE, m);
        assertTrue(ok.passed(), ok::render);
        for (Mutation fault : List.of(new Mutation.DramWeight(5, 17), new Mutation.LutTableEntry(),
            new Mutation.GoldenValue(false), new Mutation.GoldenValue(true))) {
          CrossCheckReport r = check.run(CASE, m, fault);
          assertFalse(r.passed(), () -> v + " " + order + ": fault not caught: " + fault.describe() + "\n" + r.render());
        }
      }
    }
  }

  @Test
  void aLutLoopOverSignBitsKeepsRowsWhole() {
    BitLinearShape shape = new BitLinearShape(3, 164, 96, WeightAlphabet.BINARY);
    BitLinearCrossCheck check = new BitLinearCrossCheck(binaryEdge(LutVariant.BINARY));
    Mapping cut = new Mapping(ComputeUnit.LUT, Packing.SIGN_BITS, 2, 48, 80, 16, 16, LoopOrder.N_OUTER);
    List<String> problems = SramLayout.problems(shape, cut, check.runner().target());
    assertTrue(problems.toString().contains("tile_k 16 must equal block_k 80 for sign-bits on the LUT core"),
        problems.toString());
  }

  @Test
  void aTernaryFormatIsRefusedOnBinaryTablesNamingFormatAndVariant() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AcceleratorFormats.alphabetOn(FormatPresets.parse("bitnet-b1.58"), ComputeUnit.LUT,
            LutVariant.BINARY_MIRROR));
    assertTrue(e.getMessage().contains("weight format 'bitnet-b1.58' has ternary weights")
        && e.getMessage().contains("binary_mirror tables"), e.getMessage());
    // The MAC array still runs it, a ternary-table core still runs bitnet-w1.
    assertEquals(WeightAlphabet.TERNARY, AcceleratorFormats.alphabetOn(FormatPresets.parse("bitnet-b1.58"),
        ComputeUnit.MAC, LutVariant.BINARY_MIRROR));
    assertEquals(WeightAlphabet.BINARY, AcceleratorFormats.alphabetOn(FormatPresets.parse("bitnet-w1"),
        ComputeUnit.LUT, LutVariant.TERNARY_BASE3));
  }
}
