package dev.tritium.fpga.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.TestArchs;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exports designs for several configs (array shapes, both units, every LUT layout, awkward K), builds
 * each with the Makefile's gcc flags and requires the testbench to PASS.
 *
 * <p>Scale-down 61 of the 2B-4T shapes gives K = 41 (hidden) and 113 (FFN): neither is a multiple of 2,
 * 3, 4 or 5, so every layout has a partial last group/byte and every tile loop a partial last tile.
 */
class ExportCsimTest {

  @TempDir static Path tmp;

  static final String HAND_MAC = TestArchs.yaml("hand-8x16", 8, 16, 24, 3, "ternary_base3", 8, 4);
  static final String HAND_MIRROR = TestArchs.yaml("hand-4x8-mirror", 4, 8, 32, 3, "ternary_mirror", 6, 2);

  @BeforeAll
  static void toolchain() {
    Csim.requireToolchain();
  }

  /** name, arch (preset name or YAML text), model, layer, unit, packing (null: default), scale-down. */
  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of("edge-mac-2bit-q_proj", "edge-fpga-mac", "bitnet-b1.58-2b-4t", "q_proj", ComputeUnit.MAC, null, 61),
        Arguments.of("edge-lut-g4-down_proj", "edge-fpga-mac", "bitnet-b1.58-2b-4t", "down_proj", ComputeUnit.LUT, null, 61),
        Arguments.of("asic-small-mac-base3-gate_proj", "asic-7nm-small", "bitnet-b1.58-2b-4t", "gate_proj", ComputeUnit.MAC,
            Packing.BASE3, 61),
        Arguments.of("asic-large-lut-g4-k_proj", "asic-hbm-large", "bitnet-b1.58-2b-4t", "k_proj", ComputeUnit.LUT, null, 61),
        Arguments.of("hand-8x16-lut-g3-o_proj", HAND_MAC, "bitnet-b1.58-large", "o_proj", ComputeUnit.LUT, null, 37),
        Arguments.of("edge-mac-decoder-relu2", "edge-fpga-mac", "bitnet-b1.58-2b-4t", "decoder", ComputeUnit.MAC, null, 61),
        // The default: g = 3 with 28 groups per array tile but 24 per byte-aligned buffer tile (K = 160: 72, 72, 16),
        // so array tiles run past a buffer tile's units and must read the all-zero group there.
        Arguments.of("edge-lut-g3-decoder-relu2", "edge-fpga", "bitnet-b1.58-2b-4t", "decoder", ComputeUnit.LUT, null, 16),
        Arguments.of("hand-mirror-lut-decoder-silu", HAND_MIRROR, "bitnet-b1.58-large", "decoder", ComputeUnit.LUT, null, 61),
        Arguments.of("hand-8x16-mac-base3-decoder-llama", HAND_MAC, "llama3-8b-1.58", "decoder", ComputeUnit.MAC, Packing.BASE3,
            128));
  }

  static ArchConfig arch(String presetOrYaml) throws Exception {
    return presetOrYaml.startsWith("name:") ? TestArchs.write(tmp, presetOrYaml) : ArchConfigs.preset(presetOrYaml);
  }

  static Path export(String name, String arch, String model, String layer, ComputeUnit unit, Packing packing, int scale,
      long seed) throws Exception {
    ExportRequest r = new ExportRequest(arch(arch), ModelPresets.byName(model), ExportLayer.parse(layer), unit, packing,
        seed, scale, 2, FpgaPart.KV260);
    Path dir = tmp.resolve(name + "-" + seed);
    HlsExporter.export(r, dir);
    return dir;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void exportedDesignPassesCsim(String name, String arch, String model, String layer, ComputeUnit unit, Packing packing,
      int scale) throws Exception {
    Path dir = export(name, arch, model, layer, unit, packing, scale, 11);
    Csim.Run run = Csim.make(dir);
    assertTrue(run.passed(), name + ":\n" + run.output());
    assertTrue(run.output().contains(", 0 mismatches"), run.output());
    assertFalse(run.output().contains("UNCHECKED"), "every output compared: " + run.output());
    String makefile = Files.readString(dir.resolve("Makefile"));
    assertTrue(makefile.contains("-std=c99 -Wall -Wextra -Werror -pedantic"), makefile);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void kernelIsShapedByTheArchAndHlsReady(String name, String arch, String model, String layer, ComputeUnit unit,
      Packing packing, int scale) throws Exception {
    Path dir = export(name, arch, model, layer, unit, packing, scale, 3);
    ArchConfig a = arch(arch);
    String h = Files.readString(dir.resolve("kernel.h"));
    String c = Files.readString(dir.resolve("kernel.c"));
    KernelPlan plan = KernelPlans.derive(a, unit, packing);
    assertTrue(h.contains("#define TILE_N " + (unit == ComputeUnit.MAC ? a.macArray().cols() : a.lutCore().tableSharingRows()) + "\n"), h);
    assertTrue(h.contains("#define TILE_K " + plan.tileK() + "\n"), h);
    assertTrue(h.contains("#define VEC_LANES " + a.vectorUnit().lanes() + "\n"), h);
    // the weight tile is the mapper's choice for the first stage's shape
    Stage first = HlsExporter.shapes(new ExportRequest(a, ModelPresets.byName(model), ExportLayer.parse(layer), unit,
        packing, 3, scale, 2, FpgaPart.KV260)).stream().findFirst()
        .map(kn -> new Stage("s", kn[0], kn[1], 2, plan, new MapperTiling(a).choose(
            new dev.tritium.mapper.bitlinear.BitLinearShape(2, kn[0], kn[1]), unit, packing).tileN(), kn[0]))
        .orElseThrow();
    assertTrue(h.contains("_BUF_N " + first.bufferN() + "\n"), h);
    for (String pragma : new String[] {"HLS(PIPELINE II=1)", "HLS(UNROLL)", "HLS(ARRAY_PARTITION variable=wt complete",
        "HLS(DEPENDENCE variable=acc inter false)", "HLS(INTERFACE m_axi port=", "bundle=gmem_w",
        "HLS(INTERFACE s_axilite port=return bundle=control)"}) {
      assertTrue(c.contains(pragma), "kernel.c lacks " + pragma);
    }
    for (String banned : new String[] {"malloc", "calloc", "free(", "alloca", "lroundf(", "roundf("}) {
      assertFalse(c.contains(banned), "kernel.c uses " + banned);
    }
    assertTrue(Files.readString(dir.resolve("run_hls.tcl")).contains("set_part {xck26-sfvc784-2LV-c}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void sameSeedSameFilesOtherSeedOtherData(String name, String arch, String model, String layer, ComputeUnit unit,
      Packing packing, int scale) throws Exception {
    Path a = export(name + "-a", arch, model, layer, unit, packing, scale, 5);
    Path b = export(name + "-b", arch, model, layer, unit, packing, scale, 5);
    Path other = export(name + "-c", arch, model, layer, unit, packing, scale, 6);
    String weights = layer.equals("decoder") ? "w_down.bin" : "w.bin";
    assertEquals(Files.readString(a.resolve("kernel.c")), Files.readString(b.resolve("kernel.c")));
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.resolve("data").resolve(weights)),
        Files.readAllBytes(b.resolve("data").resolve(weights))));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("data").resolve(weights)),
        Files.readAllBytes(other.resolve("data").resolve(weights))));
  }

  @org.junit.jupiter.api.Test
  void differentArchGivesDifferentStillPassingKernel() throws Exception {
    Path edge = export("diff-edge", "edge-fpga-mac", "bitnet-b1.58-2b-4t", "q_proj", ComputeUnit.MAC, null, 61, 9);
    Path hand = export("diff-hand", HAND_MAC, "bitnet-b1.58-2b-4t", "q_proj", ComputeUnit.MAC, null, 61, 9);
    assertNotEquals(Files.readString(edge.resolve("kernel.h")), Files.readString(hand.resolve("kernel.h")));
    assertTrue(Files.readString(hand.resolve("kernel.h")).contains("#define TILE_N 16\n"));
    assertTrue(Files.readString(hand.resolve("kernel.h")).contains("#define TILE_K 8\n"));
    assertTrue(Csim.make(hand).passed());
  }
}
