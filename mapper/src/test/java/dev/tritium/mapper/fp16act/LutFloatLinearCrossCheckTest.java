package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fp16-activation formats on the LUT core's fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16): bit-exact against the
 * plan evaluated in the LUT order, and a flipped sign, a changed scale or a changed golden value each FAIL.
 */
class LutFloatLinearCrossCheckTest {

  /** edge-fpga (g = 3 base-3 tables in a 3,024-byte LUT buffer) with fp adders in its LUT core. */
  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.float_adders", "fp32");

  private static CrossCheckReport check(ArchConfig arch, String format, int tokens, int n, int k, FloatMutation m) {
    FormatPreset f = FormatPresets.parse(format);
    return new FloatLinearCrossCheck(arch, ComputeUnit.LUT).run("test", f, tokens, n, k, 7, 3, m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128", "ternaryllm:group=48"})
  void everyFormatIsBitExactInDecodeAndPrefill(String format) {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = check(ARCH, format, tokens, 200, 320, new FloatMutation.None());
      assertTrue(r.passed(), r.render());
    }
  }

  @Test
  void severalRowTilesAndChunksStillMatch() {
    // 1000 = 7 x 128 + 104 columns: several LUT chunks per group and a short last group; 700 rows: several tiles.
    CrossCheckReport r = check(ARCH, "billm", 3, 700, 1000, new FloatMutation.None());
    assertTrue(r.passed(), r.render());
  }

  @Test
  void binaryTablesRunOneBitAndRefusePlanesWithZeros() {
    ArchConfig binary = ArchKeys.with(ArchKeys.with(ArchKeys.with(ARCH, "lut_core.variant", "binary_mirror"),
        "lut_core.group_size", "4"), "lut_core.float_adders", "fp32");
    CrossCheckReport r = check(binary, "onebit", 2, 96, 200, new FloatMutation.None());
    assertTrue(r.passed(), r.render());
    assertFails(check(binary, "onebit", 1, 64, 96, new FloatMutation.SignFlip(0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> check(binary, "pb-llm:salient=0.1", 1, 64, 96, new FloatMutation.None()));
    assertTrue(e.getMessage().contains("sign plane 0 has zero weights"), e.getMessage());
  }

  /**
   * A one-ulp scale change moves one output by about half an ulp, which rounding can absorb (it does for row 0 of
   * these PB-LLM and BiLLM seeds), so the changed scale is shown on OneBit and TernaryLLM, where it is not absorbed.
   */
  @Test
  void eachFaultFails() {
    assertFails(check(ARCH, "onebit", 1, 64, 96, new FloatMutation.SignFlip(0)));
    assertFails(check(ARCH, "onebit", 1, 64, 96, new FloatMutation.ScaleUlp(0)));
    assertFails(check(ARCH, "onebit", 1, 64, 96, new FloatMutation.GoldenUlp()));
    assertFails(check(ARCH, "pb-llm:salient=0.1", 1, 64, 96, new FloatMutation.SignFlip(0)));
    assertFails(check(ARCH, "pb-llm:salient=0.1", 1, 64, 96, new FloatMutation.OutlierColumn()));
    assertFails(check(ARCH, "billm", 1, 64, 256, new FloatMutation.SignFlip(1)));
    assertFails(check(ARCH, "billm", 1, 64, 256, new FloatMutation.MaskMove(2, 3)));
    assertFails(check(ARCH, "pb-llm:salient=0.1", 1, 64, 96, new FloatMutation.GoldenUlp()));
    assertFails(check(ARCH, "billm", 1, 64, 256, new FloatMutation.GoldenUlp()));
    assertFails(check(ARCH, "ternaryllm:group=128", 2, 64, 256, new FloatMutation.SignFlip(0)));
    assertFails(check(ARCH, "ternaryllm:group=128", 2, 64, 256, new FloatMutation.ScaleUlp(0)));
    assertFails(check(ARCH, "ternaryllm:group=128", 2, 64, 256, new FloatMutation.GoldenUlp()));
  }

  @Test
  void aCoreWithoutFpAddersIsRefusedNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> check(ArchConfigs.preset("edge-fpga"), "onebit", 1, 64, 96, new FloatMutation.None()));
    assertTrue(e.getMessage().contains("lut_core.float_adders: fp32"), e.getMessage());
  }

  private static void assertFails(CrossCheckReport r) {
    assertFalse(r.passed(), r.render());
    assertTrue(r.failures().stream().anyMatch(f -> f.check().startsWith("outputs")), r.render());
  }
}
