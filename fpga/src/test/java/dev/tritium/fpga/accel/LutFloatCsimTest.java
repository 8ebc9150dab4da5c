package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.fp16act.SignSumOrder;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LUT core's fp16 tables in the C accelerator: one projection per fp16-activation format on the LUT unit
 * (LUT.BUILD.F16 / LUT.GEMM.F16) runs in csim to a final DRAM image identical to the Java simulator's, whose y
 * equals the plan evaluated in the LUT order bit for bit; a flipped bit in a weight plane of the exported image then
 * fails the comparison.
 */
class LutFloatCsimTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.float_adders", "fp32");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=64"})
  void theProjectionRunsInCsimAndMatchesTheLutOrder(String format) throws Exception {
    int tokens = 2;
    int k = 160;
    int n = 96;
    FormatPreset f = FormatPresets.parse(format);
    ProgramImages images = AcceleratorPrograms.signAdd(ARCH, f, tokens, k, n, 5, ComputeUnit.LUT);
    assertTrue(images.program().stream().anyMatch(i -> i instanceof LutBuildF16)
        && images.program().stream().anyMatch(i -> i instanceof LutGemmF16), "the program uses the fp16 tables");
    FloatLinearPlan plan = FloatLinearPlan.of(f.name(), FloatLinearCrossCheck.weights(f, n, k, 5, 1));
    float[] golden = plan.evaluate(AcceleratorPrograms.signAddInput(tokens, k, 5), tokens,
        new SignSumOrder.LutFp16Tables(3));
    AccelSim.assertGoldenOutput(images, golden, format);
    Path out = dir.resolve("accel");
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    DramRange plane = images.inputs().stream().filter(r -> r.name().startsWith("planes")).findFirst().orElseThrow();
    AccelSim.Run flipped = AccelSim.withFlippedInput(out, plane.addr(), 0x01);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }
}
