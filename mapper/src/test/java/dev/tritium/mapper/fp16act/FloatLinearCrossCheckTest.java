package dev.tritium.mapper.fp16act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fp16-activation formats on GEMM.SF: bit-exact against each format's reference in decode and prefill, and every
 * kind of fault (a sign, a scale, a mask bit, an outlier index, a golden value) turns the check into a FAIL.
 */
class FloatLinearCrossCheckTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32");

  private static CrossCheckReport check(String format, int tokens, int n, int k, FloatMutation m) {
    FormatPreset f = FormatPresets.parse(format);
    return new FloatLinearCrossCheck(ARCH).run("test", f, tokens, n, k, 7, 3, m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "pb-llm:salient=0.05,index=csr", "billm",
      "ternaryllm:group=128", "ternaryllm:group=48"})
  void everyFormatIsBitExactInDecodeAndPrefill(String format) {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = check(format, tokens, 200, 320, new FloatMutation.None());
      assertTrue(r.passed(), r.render());
    }
  }

  @Test
  void aLayerWiderThanOneTileAndALastShortGroupStillMatch() {
    // 700 rows do not fit one tile of a BiLLM layer with K = 1000 (four 2-bit planes); 1000 = 7 x 128 + 104.
    CrossCheckReport r = check("billm", 3, 700, 1000, new FloatMutation.None());
    assertTrue(r.passed(), r.render());
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128"})
  void fullSizeDownProjOf2b4tIsBitExact(String format) {
    // 2B-4T's down_proj: N = 2560, K = 6912, one decode token: many row tiles, 54 groups of 128 for the grouped ones.
    CrossCheckReport r = check(format, 1, 2560, 6912, new FloatMutation.None());
    assertTrue(r.passed(), r.render());
  }

  @Test
  void eachFaultFails() {
    assertFails(check("onebit", 1, 64, 96, new FloatMutation.SignFlip(0)));
    assertFails(check("onebit", 1, 64, 96, new FloatMutation.ScaleUlp(0)));
    assertFails(check("ternaryllm:group=32", 2, 64, 96, new FloatMutation.ScaleUlp(0)));
    assertFails(check("pb-llm:salient=0.1", 1, 64, 96, new FloatMutation.OutlierColumn()));
    assertFails(check("pb-llm:salient=0.1", 1, 64, 96, new FloatMutation.SignFlip(0)));
    assertFails(check("billm", 1, 64, 256, new FloatMutation.MaskMove(2, 3)));
    assertFails(check("billm", 1, 64, 256, new FloatMutation.SignFlip(1)));
    assertFails(check("billm", 1, 64, 256, new FloatMutation.GoldenUlp()));
  }

  /** edge-fpga with fp32 adders and mask decoders: BiLLM's planes stay two sign bits per weight and a column mask. */
  static final ArchConfig MASKED = ArchKeys.with(ARCH, "mac_array.mask_decode", "true");

  private static CrossCheckReport masked(int tokens, int n, int k, FloatMutation m) {
    return new FloatLinearCrossCheck(MASKED).run("test", FormatPresets.parse("billm"), tokens, n, k, 7, 3, m);
  }

  @Test
  void billmWithStoredMasksIsBitExactAndReadsFewerBytes() {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = masked(tokens, 200, 320, new FloatMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.render().contains("mask decodes"), r.render());
    }
    CrossCheckReport wide = masked(3, 700, 1000, new FloatMutation.None());
    assertTrue(wide.passed(), wide.render());
    FloatLinearLowering planes = new FloatLinearLowering(dev.tritium.simulator.engine.Machine.isaTarget(ARCH));
    FloatLinearLowering stored = new FloatLinearLowering(dev.tritium.simulator.engine.Machine.isaTarget(MASKED));
    FloatLinearPlan plan = FloatLinearPlan.of("billm", FloatLinearCrossCheck.weights(FormatPresets.parse("billm"),
        256, 1024, 7, 3));
    long planeBytes = planes.compile(plan, 1).tiling().weightBytes();
    long storedBytes = stored.compile(plan, 1).tiling().weightBytes();
    // Per 128-column group: 256 rows of two 16-byte sign rows, one 16-byte column mask; and in both forms four fp32
    // scale vectors of 256 rows per group. As planes: four ternary planes in BASE3 (26 bytes per row each).
    long scales = 8L * 4 * 4 * 256;
    assertEquals(8 * (2 * 256 * 16 + 16) + scales, storedBytes);
    assertEquals(8 * 4 * 256 * 26 + scales, planeBytes);
  }

  @Test
  void pbLlmWithAStoredBitmapIsBitExactAndReadsFewerBytes() {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = new FloatLinearCrossCheck(MASKED).run("test", FormatPresets.parse("pb-llm:salient=0.1"),
          tokens, 200, 320, 7, 3, new FloatMutation.None());
      assertTrue(r.passed(), r.render());
    }
    FloatLinearPlan plan = FloatLinearPlan.of("pb", FloatLinearCrossCheck.weights(FormatPresets.parse(
        "pb-llm:salient=0.1"), 256, 1024, 7, 3));
    int entries = plan.outliers().orElseThrow().rowStart()[256];
    long stored = new FloatLinearLowering(dev.tritium.simulator.engine.Machine.isaTarget(MASKED)).compile(plan, 1)
        .tiling().weightBytes();
    CompiledFloatLinear.Tiling csrTiling = new FloatLinearLowering(dev.tritium.simulator.engine.Machine.isaTarget(ARCH))
        .compile(plan, 1).tiling();
    // Stored: sign rows and bitmap rows (128 bytes each per row), the column mask, two fp32 scale vectors and the int8
    // values; one row tile holds all 256 rows. As CSR: a BASE3 plane (205 bytes per row), the two vectors, rows + 1 row
    // pointers per row tile and one word per entry.
    assertEquals(2 * 256 * 128 + 128 + 2 * 4 * 256 + 4 * ((entries + 3) / 4), stored);
    assertEquals(256 * 205 + 2 * 4 * 256 + 4 * (256 + csrTiling.tiles()) + 4L * entries, csrTiling.weightBytes());
    // index=csr keeps the CSR block on the same arch.
    CrossCheckReport asCsr = new FloatLinearCrossCheck(MASKED).run("test", FormatPresets.parse(
        "pb-llm:salient=0.1,index=csr"), 1, 64, 96, 7, 3, new FloatMutation.None());
    assertTrue(asCsr.passed() && asCsr.render().contains("mask decodes"), asCsr.render());
  }

  @Test
  void eachStoredMaskFaultFails() {
    assertFails(new FloatLinearCrossCheck(MASKED).run("test", FormatPresets.parse("pb-llm:salient=0.1"), 1, 64, 96, 7,
        3, new FloatMutation.OutlierToSign()));
    assertFails(new FloatLinearCrossCheck(MASKED).run("test", FormatPresets.parse("pb-llm:salient=0.1"), 1, 64, 96, 7,
        3, new FloatMutation.SignFlip(0)));
    assertFails(masked(1, 64, 256, new FloatMutation.MaskMove(2, 3)));
    assertFails(masked(1, 64, 256, new FloatMutation.ColumnMaskFlip()));
    assertFails(masked(1, 64, 256, new FloatMutation.SignFlip(1)));
    assertFails(masked(1, 64, 256, new FloatMutation.SignFlip(0)));
    assertFails(masked(1, 64, 256, new FloatMutation.GoldenUlp()));
  }

  private static void assertFails(CrossCheckReport r) {
    assertFalse(r.passed(), r.render());
    assertTrue(r.failures().stream().anyMatch(f -> f.check().startsWith("outputs")), r.render());
  }
}
