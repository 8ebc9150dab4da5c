package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator export of one abq-wpaq projection on the LUT core ({@code export-hls --accelerator --layer bitlinear
 * --format abq-wpaq:w=P,a=Q --unit lut}): the mapper's LUT program (QUANT.BP bytes, LUT.BUILD.BP and LUT.GEMM.BP per K
 * chunk, VEC.ACC_SCALE) runs on the C accelerator (csim) with a final DRAM image identical to the Java simulator's,
 * whose y equals the format's reference output bit for bit; a flipped bit in the exported weight planes or steps then
 * fails the comparison; an arch without the tables is refused naming the key.
 */
class AbqLutExportCsimTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.bit_plane", "true");

  @TempDir Path dir;

  @Test
  void theW2a8ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("abq-wpaq:w=2,a=8");
  }

  @Test
  void theW4a8ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("abq-wpaq:w=4,a=8");
  }

  @Test
  void anArchWithoutTheTablesIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, 1, ComputeUnit.LUT, 5,
            FormatPresets.parse("abq-wpaq:w=2,a=8")).images(ArchConfigs.preset("edge-fpga")));
    assertTrue(e.getMessage().contains("lut_core.bit_plane: true"), e.getMessage());
  }

  private void check(String format) throws Exception {
    int tokens = 3;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.LUT, 5, FormatPresets.parse(format)).images(ARCH);
    int k = 2560 / 16;
    int n = 2560 / 16;
    QuantizedMatrix m = BitLinearCase.formatWeights(FormatPresets.parse(format), n, k, 5, 1);
    float[] golden = m.apply(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens);
    AccelSim.assertGoldenOutput(images, golden, "");
    Path out = dir.resolve("accel-" + format.replace(':', '-').replace(',', '-').replace('=', '-'));
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    assertTrue(Files.readString(out.resolve("accel_config.h")).contains("ACCEL_LUT_BIT_PLANE 1u"));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    for (String what : new String[] {"weight zero-points and bit planes in K chunks", "weight steps"}) {
      DramRange r = images.inputs().stream().filter(x -> x.name().equals(what)).findFirst().orElseThrow();
      // byte 1 of the planes segment is row 0's plane 0 in the first chunk (byte 0 is its zero-point)
      AccelSim.Run changed = AccelSim.withFlippedInput(out, r.addr() + 1, 0x01);
      assertTrue(changed.exitCode() != 0, what + ": " + changed.output());
    }
  }
}
