package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator export of one abq-wpaq projection ({@code export-hls --accelerator --layer bitlinear --format
 * abq-wpaq:w=P,a=Q}): the mapper's bit-plane program (QUANT.BP, GEMM.BP, VEC.ACC_SCALE) runs on the C accelerator
 * (csim) with a final DRAM image identical to the Java simulator's, whose y equals the format's reference output bit
 * for bit; a flipped bit in the exported weight planes or steps then fails the comparison.
 */
class AbqExportCsimTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml"));

  @TempDir Path dir;

  @Test
  void theW2a8ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("abq-wpaq:w=2,a=8");
  }

  @Test
  void theW4a4ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("abq-wpaq:w=4,a=4");
  }

  private void check(String format) throws Exception {
    checkExport(dir, ARCH, ComputeUnit.MAC, format, "ACCEL_MAC_BIT_PLANE 1u", "weight zero-points and bit planes");
  }

  /**
   * Exports the {@code unit}'s abq-wpaq projection (3 tokens of 2B-4T's q_proj at 1/16 width, seed 5), requires the
   * simulator's y to be the format's apply, the config header to carry {@code configFlag}, csim to PASS, and a flipped
   * bit at byte 1 of {@code planesSegment} (row 0's first plane byte; byte 0 is its zero point) or of the steps to
   * fail.
   */
  static void checkExport(Path dir, ArchConfig arch, ComputeUnit unit, String format, String configFlag,
      String planesSegment) throws Exception {
    int tokens = 3;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        unit, 5, FormatPresets.parse(format)).images(arch);
    int k = 2560 / 16;
    int n = 2560 / 16;
    QuantizedMatrix m = BitLinearCase.formatWeights(FormatPresets.parse(format), n, k, 5, 1);
    float[] golden = m.apply(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens);
    AccelSim.assertGoldenOutput(images, golden, "");
    Path out = dir.resolve("accel-" + format.replace(':', '-').replace(',', '-').replace('=', '-'));
    AcceleratorProject.write(out, AcceleratorConfig.of(arch, FpgaPart.KV260), Optional.of(images));
    assertTrue(Files.readString(out.resolve("accel_config.h")).contains(configFlag));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    for (String what : new String[] {planesSegment, "weight steps"}) {
      DramRange r = images.inputs().stream().filter(x -> x.name().equals(what)).findFirst().orElseThrow();
      AccelSim.Run changed = AccelSim.withFlippedInput(out, r.addr() + 1, 0x01);
      assertTrue(changed.exitCode() != 0, what + ": " + changed.output());
    }
  }
}
