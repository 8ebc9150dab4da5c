package dev.tritium.fpga.hls;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.nn.BitLinear;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.TestArchs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testbench must FAIL (non-zero exit) when one golden value or one packed weight bit changes. */
class CorruptionTest {

  @TempDir Path tmp;

  @BeforeAll
  static void toolchain() {
    Csim.requireToolchain();
  }

  private Path export(ArchConfig arch, ComputeUnit unit, String layer) throws Exception {
    Path dir = tmp.resolve(arch.name() + "-" + unit + "-" + layer);
    HlsExporter.export(new ExportRequest(arch, ModelPresets.byName("bitnet-b1.58-2b-4t"), ExportLayer.parse(layer),
        unit, null, 21, 61, 2, FpgaPart.KV260), dir);
    assertTrue(Csim.make(dir).passed(), "baseline passes");
    return dir;
  }

  private static void assertFails(Path dir, String expected) throws Exception {
    Csim.Run run = Csim.make(dir);
    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("FAIL:"), run.output());
    assertTrue(run.output().contains(expected), "expected '" + expected + "' in\n" + run.output());
  }

  @Test
  void oneCorruptedAccumulatorFails() throws Exception {
    Path dir = export(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.MAC, "q_proj");
    Path acc = dir.resolve("data/acc.bin");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(acc)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4 * 3, b.getInt(4 * 3) + 1);
    Files.write(acc, b.array());
    assertFails(dir, "acc[3]: got");
    assertFails(dir, "FAIL: 1 mismatches");
  }

  @Test
  void oneUlpOffInAFloatOutputFails() throws Exception {
    Path dir = export(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.LUT, "decoder");
    Path hOut = dir.resolve("data/h_out.bin");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(hOut)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(4 * 7, b.getInt(4 * 7) + 1); // next float up
    Files.write(hOut, b.array());
    assertFails(dir, "h_out[7]: got");
  }

  @Test
  void oneFlippedPackedWeightFailsOnTheMacArray() throws Exception {
    flipWeightAndExpectFail(export(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.MAC, "q_proj"),
        KernelPlans.derive(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.MAC, null).modelsPacking());
  }

  @Test
  void oneFlippedPackedWeightFailsOnTheLutCore() throws Exception {
    flipWeightAndExpectFail(export(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.LUT, "down_proj"),
        KernelPlans.derive(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.LUT, null).modelsPacking());
  }

  @Test
  void oneFlippedPackedWeightFailsOnTheMirrorLutCore() throws Exception {
    ArchConfig mirror = TestArchs.write(tmp, TestArchs.yaml("flip-mirror", 4, 8, 32, 3, "ternary_mirror", 6, 2));
    flipWeightAndExpectFail(export(mirror, ComputeUnit.LUT, "o_proj"), KernelPlans.derive(mirror, ComputeUnit.LUT, null).modelsPacking());
  }

  /**
   * Flips the first bit of the packed weights that the reference engine says matters (it changes an
   * accumulator, or makes the image invalid) and requires the testbench to fail.
   */
  private static void flipWeightAndExpectFail(Path dir, WeightPacking packing) throws Exception {
    byte[] w = Files.readAllBytes(dir.resolve("data/w.bin"));
    byte[] xq = Files.readAllBytes(dir.resolve("data/xq.bin"));
    int[] acc = ints(Files.readAllBytes(dir.resolve("data/acc.bin")));
    int tokens = 2;
    int k = xq.length / tokens;
    int n = acc.length / tokens;
    QuantizedActivations q = new QuantizedActivations(xq, tokens, k, new float[] {1f, 1f});
    for (int bit = 0; bit < 8 * w.length; bit++) {
      byte[] flipped = w.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      boolean matters;
      try {
        TernaryWeights t = packing.decode(flipped, n, k, 1f);
        matters = !Arrays.equals(BitLinear.accumulate(t, q), acc);
      } catch (IllegalArgumentException invalidCode) {
        matters = true;
      }
      if (matters) {
        Files.write(dir.resolve("data/w.bin"), flipped);
        assertFails(dir, "FAIL:");
        return;
      }
    }
    throw new AssertionError("no weight bit flip changes the result?");
  }

  private static int[] ints(byte[] bytes) {
    int[] v = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
    return v;
  }

  @Test
  void corruptedGoldenFileSizeFails() throws Exception {
    Path dir = export(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.MAC, "k_proj");
    byte[] y = Files.readAllBytes(dir.resolve("data/y.bin"));
    Files.write(dir.resolve("data/y.bin"), Arrays.copyOf(y, y.length - 4));
    assertFails(dir, "data file(s) missing or of the wrong size");
  }
}
