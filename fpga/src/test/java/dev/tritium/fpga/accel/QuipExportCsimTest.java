package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.quip.QuipCrossCheck;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator export of one quip-w2 projection ({@code export-hls --accelerator --layer bitlinear --format
 * quip-w2}): the mapper's program (VEC.FWHT, GEMM.Q2) runs on the C accelerator (csim) with a final DRAM image identical
 * to the Java simulator's, whose y equals the format's apply bit for bit; a flipped code bit in the exported image then
 * fails, and an arch without fp32 adders in its MAC array is refused.
 */
class QuipExportCsimTest {

  @TempDir Path dir;

  @Test
  void theProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    int tokens = 5;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.MAC, 5, FormatPresets.parse("quip-w2")).images(FloatFormatsCsimTest.ARCH);
    int k = 2560 / 16;
    int n = 2560 / 16;
    float[] golden = QuipCrossCheck.weights(n, k, 5, 1).apply(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens);
    AccelSim.assertGoldenOutput(images, golden, "");
    Path out = dir.resolve("accel");
    AcceleratorProject.write(out, AcceleratorConfig.of(FloatFormatsCsimTest.ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    // a flipped bit in the first code byte after row 0's zero point (code 0 of row 0) changes the accelerator's y
    DramRange codes = images.inputs().stream().filter(r -> r.name().startsWith("codes")).findFirst().orElseThrow();
    AccelSim.Run flipped = AccelSim.withFlippedInput(out, codes.addr(), 0x04);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }

  @Test
  void anArchWithoutFp32AddersIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProgramSource.BitLinear(
        ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, 1, ComputeUnit.MAC, 5, FormatPresets.parse("quip-w2"))
        .images(ArchConfigs.preset("edge-fpga")));
    assertTrue(e.getMessage().contains("GEMM.Q2, which needs mac_array.float_adders: fp32"), e.getMessage());
  }
}
