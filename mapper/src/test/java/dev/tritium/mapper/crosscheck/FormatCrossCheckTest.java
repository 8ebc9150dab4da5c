package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A low-bit weight format on the accelerator: bitnet-w1's binary weights run on both units bit for bit (on the MAC
 * array in the 1-bit SIGN_BITS packing), a flipped sign or a changed golden value fails, and formats the units
 * cannot run are refused with what they need.
 */
class FormatCrossCheckTest {

  private static final BitLinearCrossCheck CHECK = new BitLinearCrossCheck(ArchConfigs.resolve("edge-fpga"));
  private static final IsaTarget TARGET = CHECK.runner().target();
  private static final BitLinearCase CASE =
      BitLinearCase.ofFormat("w1", 3, 160, 96, 5, 1, FormatPresets.parse("bitnet-w1"));

  @Test
  void theCaseIsTheFormatsOwnNumerics() {
    var q = FormatPresets.parse("bitnet-w1").quantize(
        dev.tritium.models.format.LatentWeights.gaussian(96, 160, 0.02f, 5 * 1_000_003L + 1), 96, 160);
    assertArrayEquals(q.apply(CASE.input(), 3), BitLinear.forward(CASE.weights(), CASE.input(), 3));
    for (byte w : CASE.weights().values()) {
      assertTrue(w == 1 || w == -1, "binary weights only");
    }
  }

  @Test
  void binaryWeightsPassOnBothUnitsAndFlippedSignsFail() {
    BitLinearShape shape = new BitLinearShape(3, 160, 96, WeightAlphabet.BINARY);
    for (ComputeUnit unit : ComputeUnit.values()) {
      Packing p = unit == ComputeUnit.MAC ? Packing.SIGN_BITS : TARGET.lut().orElseThrow().packing();
      Mapping m = CrossCheckCases.stress(shape, unit, p, LoopOrder.N_OUTER, TARGET);
      CrossCheckReport ok = CHECK.run(CASE, m);
      assertTrue(ok.passed(), ok::render);
      for (Mutation fault : List.of(new Mutation.DramWeight(5, 17), new Mutation.GoldenValue(true))) {
        CrossCheckReport r = CHECK.run(CASE, m, fault);
        assertFalse(r.passed(), () -> unit + " fault not caught: " + fault.describe() + "\n" + r.render());
      }
    }
  }

  @Test
  void theMacArrayStoresBinaryWeightsInOneBitEach() {
    assertEquals(20, Packing.SIGN_BITS.packedRowBytes(160));
    assertEquals(WeightAlphabet.BINARY, AcceleratorFormats.alphabet(FormatPresets.parse("bitnet-w1")));
    assertEquals(WeightAlphabet.TERNARY, AcceleratorFormats.alphabet(FormatPresets.parse("bitnet-b1.58")));
    assertFalse(WeightAlphabet.TERNARY.fits(Packing.SIGN_BITS));
  }

  @Test
  void formatsTheUnitsCannotRunAreRefusedWithWhatTheyNeed() {
    // The fp16-activation formats go to the sign-add path; the BitLinear path names where they do run.
    for (String f : new String[] {"ternaryllm:group=128", "pb-llm:salient=0.1", "billm", "onebit"}) {
      assertTrue(AcceleratorFormats.signAdd(FormatPresets.parse(f)), f);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AcceleratorFormats.alphabet(FormatPresets.parse(f)));
      assertTrue(e.getMessage().contains("fp16 activations") && e.getMessage().contains("GEMM.SF")
          && e.getMessage().contains("mac_array.float_adders: fp32"), e.getMessage());
    }
    // Every preset has a datapath: the BitLinear path takes two, the others are routed by one predicate each.
    for (String name : FormatPresets.NAMES) {
      dev.tritium.models.format.FormatPreset f = FormatPresets.parse(name);
      int routes = (AcceleratorFormats.signAdd(f) ? 1 : 0) + (AcceleratorFormats.quip(f) ? 1 : 0)
          + (AcceleratorFormats.integer(f) ? 1 : 0) + (AcceleratorFormats.bitPlane(f) ? 1 : 0)
          + (AcceleratorFormats.dense(f) ? 1 : 0);
      boolean bitLinear = name.startsWith("bitnet-");
      assertEquals(bitLinear ? 0 : 1, routes, name);
    }
    assertTrue(!AcceleratorFormats.signAdd(FormatPresets.parse("abq-wpaq")));
    // The ones whose projections are programs of their own say so, naming their datapath.
    for (String single : new String[] {"quip-w2", "w8a8", "atom-w4a4", "spinquant-w4a4kv4",
        "spinquant-w4a4kv4:proj=down", "fp16", "abq-wpaq:w=4,a=4"}) {
      IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
          () -> AcceleratorFormats.alphabet(FormatPresets.parse(single)));
      assertTrue(s.getMessage().contains("runs as one program per projection"), s.getMessage());
    }
    assertTrue(AcceleratorFormats.bitPlane(FormatPresets.parse("abq-wpaq")));
    assertTrue(!AcceleratorFormats.bitPlane(FormatPresets.parse("w8a8")));
    IllegalArgumentException bp = assertThrows(IllegalArgumentException.class,
        () -> AcceleratorFormats.alphabet(FormatPresets.parse("abq-wpaq")));
    assertTrue(bp.getMessage().contains("GEMM.BP") && bp.getMessage().contains("mac_array.bit_plane: true"),
        bp.getMessage());
  }
}
