package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.intfmt.IntLinearCrossCheck;
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
 * The accelerator export of one w8a8 projection ({@code export-hls --accelerator --layer bitlinear --format w8a8}): the
 * mapper's integer program (VEC.QUANT, GEMM.IW, VEC.ACC_SCALE) runs on the C accelerator (csim) with a final DRAM
 * image identical to the Java simulator's, whose y equals the format's reference output bit for bit; a changed weight
 * code or weight scale in the exported image then fails the comparison. atom-w4a4 the same (DMA channel gather,
 * QUANT.IG, int4 and int8 GEMM.IW, ACC_SCALE in group order); spinquant-w4a4kv4 in both forms (proj=down: VEC.FWHT
 * and VEC.SCALE, then QUANT.IG asymmetric, int4 x int8 GEMM.IW, ACC_SCALE).
 */
class IntExportCsimTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-int8-macs.yaml"));

  @TempDir Path dir;

  @Test
  void theW8a8ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("w8a8", "weight codes", "weight scales");
  }

  @Test
  void theAtomProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    // 160 inputs: 8 outlier channels and 152 normal ones in groups of 32 (the last of 24)
    check("atom-w4a4:group=32,outliers=8", "int4 codes of group 0", "normal steps");
  }

  @Test
  void bothSpinQuantFormsRunInCsimAndMatchTheReference() throws Exception {
    // 160 inputs: proj=down's online transform runs on slices of 32 (160 = 5 x 32); QUANT.IG asymmetric in C
    check("spinquant-w4a4kv4:proj=other", "int4 weight codes", "weight steps");
    check("spinquant-w4a4kv4:proj=down", "int4 weight codes", "weight steps");
  }

  private void check(String format, String... flipped) throws Exception {
    int tokens = 3;
    ProgramImages images = new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, tokens,
        ComputeUnit.MAC, 5, FormatPresets.parse(format)).images(ARCH);
    int k = 2560 / 16;
    int n = 2560 / 16;
    QuantizedMatrix m = IntLinearCrossCheck.weights(FormatPresets.parse(format), n, k, 5, 1);
    float[] golden = m.apply(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens);
    AccelSim.assertGoldenOutput(images, golden, "");
    Path out = dir.resolve("accel-" + format.replace(':', '-').replace(',', '-').replace('=', '-'));
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    assertTrue(Files.readString(out.resolve("accel_config.h")).contains("ACCEL_MAC_INT_MULTIPLIERS 8u"));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    for (String what : flipped) {
      DramRange r = images.inputs().stream().filter(x -> x.name().equals(what)).findFirst().orElseThrow();
      AccelSim.Run changed = AccelSim.withFlippedInput(out, r.addr(), 0x01);
      assertTrue(changed.exitCode() != 0, what + ": " + changed.output());
    }
  }
}
