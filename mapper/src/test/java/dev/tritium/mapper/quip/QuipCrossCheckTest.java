package dev.tritium.mapper.quip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import org.junit.jupiter.api.Test;

/**
 * quip-w2 on the accelerator (GEMM.Q2 and VEC.FWHT) against the format's own apply: decode and 5-token prefill PASS
 * bit for bit, with non-power-of-two sizes (slices of b < n) and several WGT tiles and token chunks; a flipped code, a
 * negated sign of D_V and a changed golden value each FAIL.
 */
class QuipCrossCheckTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32");

  private static CrossCheckReport run(int tokens, int n, int k, QuipMutation m) {
    return new QuipCrossCheck(ARCH).run("test", tokens, n, k, 7, 3, m);
  }

  @Test
  void decodeAndPrefillAreBitExact() {
    for (int tokens : new int[] {1, 5}) {
      // N = 96 = 3 x 32 and K = 160 = 5 x 32: both transforms work on slices
      CrossCheckReport r = run(tokens, 96, 160, new QuipMutation.None());
      assertTrue(r.passed(), r.render());
      assertEquals(Verdict.PASS, r.row("outputs y (fp32 bits)").verdict());
    }
  }

  @Test
  void severalTilesAndTokenChunksOnASmallArch() {
    // WGT of 4 KiB: 64 rows of 641 bytes = 6 rows per tile; VEC of 64 KiB: 2 tokens per chunk (K = N = 2560 needs 40
    // KiB per token)
    ArchConfig small = ArchKeys.with(ArchKeys.with(ARCH, "buffers.weight.size_bytes", "4096"),
        "buffers.output.size_bytes", "65536");
    QuipCrossCheck check = new QuipCrossCheck(small);
    CrossCheckReport r = check.run("small", 3, 64, 2560, 5, 1, new QuipMutation.None());
    assertTrue(r.passed(), r.render());
    assertTrue(r.title().contains("tiles of 6 code rows"), r.title());
  }

  @Test
  void aFlippedCodeFails() {
    CrossCheckReport r = run(5, 96, 160, new QuipMutation.FlippedCode(17, 40));
    assertFalse(r.passed(), r.render());
    assertEquals(Verdict.FAIL, r.row("outputs y (fp32 bits)").verdict());
  }

  @Test
  void aNegatedInputSignFails() {
    CrossCheckReport r = run(1, 96, 160, new QuipMutation.FlippedInputSign(101));
    assertFalse(r.passed(), r.render());
    assertEquals(Verdict.FAIL, r.row("outputs y (fp32 bits)").verdict());
  }

  @Test
  void aChangedGoldenValueFails() {
    CrossCheckReport r = run(1, 96, 160, new QuipMutation.GoldenUlp());
    assertFalse(r.passed(), r.render());
    assertEquals(Verdict.FAIL, r.row("outputs y (fp32 bits)").verdict());
  }

  @Test
  void anArchWithoutFp32AddersIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QuipCrossCheck(ArchConfigs.preset("edge-fpga")));
    assertTrue(e.getMessage().contains("GEMM.Q2, which needs mac_array.float_adders: fp32"), e.getMessage());
    IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
        () -> new QuipCrossCheck(ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp16")));
    assertTrue(half.getMessage().contains("has fp16 adders"), half.getMessage());
  }

  @Test
  void fullSize2560DecodeIsBitExact() {
    long start = System.nanoTime();
    CrossCheckReport r = run(1, 2560, 2560, new QuipMutation.None());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(r.passed(), r.render());
    assertTrue(seconds < 30, "took " + seconds + " s");
  }
}
