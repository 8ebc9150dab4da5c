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
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator export of one dense fp16 projection ({@code export-hls --accelerator --layer bitlinear --format
 * fp16}) on the default edge arch: the mapper's program (VEC.TO_F16, GEMM.F16) runs on the C accelerator (csim) with
 * a final DRAM image identical to the Java simulator's, whose y equals the format's reference output bit for bit; a
 * flipped fp16 weight bit in the exported image then fails the comparison.
 */
class DenseExportCsimTest {

  static final ArchConfig ARCH = ArchConfigs.preset("edge-fpga");

  @TempDir Path dir;

  @Test
  void theFp16ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    int tokens = 3;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.MAC, 5, FormatPresets.parse("fp16")).images(ARCH);
    int k = 2560 / 16;
    int n = 2560 / 16;
    QuantizedMatrix m = BitLinearCase.formatWeights(FormatPresets.parse("fp16"), n, k, 5, 1);
    float[] golden = m.apply(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens);
    AccelSim.assertGoldenOutput(images, golden, "");
    Path out = dir.resolve("accel-fp16");
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    DramRange w = images.inputs().stream().filter(x -> x.name().equals("fp16 weights")).findFirst().orElseThrow();
    AccelSim.Run changed = AccelSim.withFlippedInput(out, w.addr(), 0x01);
    assertTrue(changed.exitCode() != 0, changed.output());
  }
}
