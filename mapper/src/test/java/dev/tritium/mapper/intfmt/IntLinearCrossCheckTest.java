package dev.tritium.mapper.intfmt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * w8a8 on the MAC array's integer multipliers (GEMM.IW, VEC.QUANT, VEC.ACC_SCALE) against the format's own apply, bit
 * for bit: small and mid layers with several K tiles, decode and 5-token prefill; and FAIL on a changed weight code,
 * a changed weight scale and a changed golden value.
 */
class IntLinearCrossCheckTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-int8-macs.yaml"));
  static final FormatPreset W8A8 = FormatPresets.parse("w8a8");

  private static CrossCheckReport run(int kTile, int tokens, int n, int k, IntMutation mutation) {
    return new IntLinearCrossCheck(ARCH, kTile).run("test", W8A8, tokens, n, k, 7, 3, mutation);
  }

  @Test
  void smallLayerIsBitExactInDecodeAndPrefill() {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run(32, tokens, 24, 100, new IntMutation.None());
      assertTrue(r.passed(), r.render());
      assertTrue(r.title().contains("4 tiles)") || r.title().contains("x 4 tiles"), r.title());
    }
  }

  @Test
  void midLayerWithSeveralKTilesAndRowTilesIsBitExact() {
    for (int tokens : new int[] {1, 5}) {
      CrossCheckReport r = run(512, tokens, 640, 1536, new IntMutation.None());
      assertTrue(r.passed(), r.render());
    }
  }

  @Test
  void fullSizeDownProjDecodeIsBitExact() {
    // bitnet-b1.58-2B-4T's down_proj, 2560 x 6912: 34 K tiles of 204 columns (two 512 KiB WGT slots / 2560 rows: the
    // next tile loads during this GEMM.IW), about 2 s.
    CrossCheckReport r = new IntLinearCrossCheck(ARCH).run("down_proj", W8A8, 1, 2560, 6912, 7, 6,
        new IntMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("1 x 34 tiles"), r.title());
  }

  @Test
  void fullSizeUpProjPrefillHasSeveralRowTiles() {
    // 6912 x 2560, 5 tokens: ACC's 64 KiB hold 3276 rows of 5 int32 sums, so 3 row tiles of 16 K tiles each (160
    // columns: a 512 KiB WGT slot over 3276 rows).
    CrossCheckReport r = new IntLinearCrossCheck(ARCH).run("up_proj", W8A8, 5, 6912, 2560, 7, 4,
        new IntMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("3 x 16 tiles"), r.title());
  }

  @Test
  void aChangedWeightCodeScaleOrGoldenFails() {
    for (IntMutation m : new IntMutation[] {new IntMutation.WeightCode(3, 17), new IntMutation.WeightScale(5),
        new IntMutation.GoldenUlp()}) {
      CrossCheckReport r = run(32, 5, 24, 100, m);
      assertFalse(r.passed(), m.describe() + "\n" + r.render());
      assertFalse(r.row("outputs y (fp32 bits)").verdict().name().equals("PASS"), r.render());
    }
  }

  @Test
  void archsWithoutMultipliersAreRefusedByName() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> new IntLinearCrossCheck(ArchConfigs.preset("edge-fpga")));
    assertTrue(none.getMessage().contains("mac_array.int_multipliers: int8"), none.getMessage());
  }
}
