package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accelerator export of one projection in each fp16-activation format ({@code export-hls --accelerator --layer
 * bitlinear --format F}): the mapper's sign-add program runs on the C accelerator (csim) with a final DRAM image
 * identical to the Java simulator's, whose y equals the format's reference output bit for bit; a flipped bit in a
 * weight plane of the exported image then fails the comparison.
 */
class SignAddExportCsimTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32");

  @TempDir Path dir;

  /** The image's golden y (the Java simulator's) equals the format's reference on q_proj of 2B-4T / 16, bit for bit. */
  private static void assertGoldenIsTheReference(ProgramImages images, String format, int tokens) {
    int k = 2560 / 16;
    QuantizedMatrix m = FloatLinearCrossCheck.weights(FormatPresets.parse(format), k, k, 5, 1);
    float[] golden = m.apply(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens);
    AccelSim.assertGoldenOutput(images, golden, format);
  }

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=64"})
  void theProjectionRunsInCsimAndMatchesTheReference(String format) throws Exception {
    int tokens = 2;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.MAC, 5, FormatPresets.parse(format)).images(ARCH);
    assertGoldenIsTheReference(images, format, tokens);
    Path out = dir.resolve("accel");
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    // A flipped bit in the first weight plane of the image the accelerator reads changes its result.
    DramRange plane = images.inputs().stream().filter(r -> r.name().startsWith("planes")).findFirst().orElseThrow();
    AccelSim.Run flipped = AccelSim.withFlippedInput(out, plane.addr(), 0x01);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"billm", "pb-llm:salient=0.1"})
  void storedMasksRunGatedInCsim(String format) throws Exception {
    // mac_array.mask_decode: BiLLM's and bitmap PB-LLM's tiles are P rows, Q rows and the column mask, read by gated
    // GEMM.SF (CFG SF_GATE) and, for PB-LLM, a GEMM.SP whose index is the Q rows (CFG SPARSE_BITMAP_ADDR); the C
    // decodes them as the simulator does, so csim equals the simulator, and y the reference.
    ArchConfig masked = ArchKeys.with(ARCH, "mac_array.mask_decode", "true");
    int tokens = 2;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.MAC, 5, FormatPresets.parse(format)).images(masked);
    assertGoldenIsTheReference(images, format, tokens);
    int k = 2560 / 16;
    Path out = dir.resolve("masked");
    AcceleratorProject.write(out, AcceleratorConfig.of(masked, FpgaPart.KV260), Optional.of(images));
    assertTrue(Files.readString(out.resolve("accel_config.h")).contains("ACCEL_MAC_MASK_DECODE 1u"));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    // The first tile is n rows of P, n rows of Q, then the column mask, each row ceil(width / 8) bytes (BiLLM's first
    // block is 128 columns wide, PB-LLM's one group all 160). Flipping Q's first bit changes a residual sign or a
    // group bit (BiLLM: y changes), or PB-LLM's bitmap (its set bits no longer match SPARSE_ENTRIES).
    int rowBytes = (format.equals("billm") ? 128 : k) / 8;
    DramRange tile = images.inputs().stream().filter(r -> r.name().startsWith("planes")).findFirst().orElseThrow();
    long rows = (tile.bytes() / rowBytes - 1) / 2;
    AccelSim.Run flipped = AccelSim.withFlippedInput(out, tile.addr() + rows * rowBytes, 0x01);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }

  @Test
  void fp16AddersRunInCsimWithTheSimulatorsFp16Sums() throws Exception {
    // mac_array.float_adders: fp16: the C PEs round each activation and sum to binary16 as SignGemmUnit does; the
    // image differs from the fp32 one and csim still equals the Java simulator byte for byte.
    ArchConfig half = ArchKeys.with(ARCH, "mac_array.float_adders", "fp16");
    int tokens = 2;
    ProgramSource src = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.MAC, 5, FormatPresets.parse("onebit"));
    ProgramImages images = src.images(half);
    DramRange y = images.outputs().get(0);
    byte[] fp32Y = java.util.Arrays.copyOfRange(src.images(ARCH).dramGolden(), (int) y.addr(), (int) (y.addr() + y.bytes()));
    byte[] fp16Y = java.util.Arrays.copyOfRange(images.dramGolden(), (int) y.addr(), (int) (y.addr() + y.bytes()));
    assertTrue(!java.util.Arrays.equals(fp32Y, fp16Y), "fp16 sums change y");
    Path out = dir.resolve("half");
    AcceleratorProject.write(out, AcceleratorConfig.of(half, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    assertTrue(Files.readString(out.resolve("accel_config.h")).contains("ACCEL_MAC_FLOAT_ADDERS 16u"));
  }
}
