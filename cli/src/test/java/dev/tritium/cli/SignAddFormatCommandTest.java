package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fp16-activation formats on the command line: map and crosscheck of single projections and decoder layers on an
 * arch with fp32 adders in its MAC array and its LUT core (the example arch file in examples/arch), and the refusals
 * elsewhere.
 */
class SignAddFormatCommandTest extends CliTestBase {

  @TempDir Path dir;

  private static final Path EXAMPLE = Path.of("..", "examples", "arch", "edge-fpga-fp32-adders.yaml");

  @Test
  void theExampleArchCrossChecksEveryFormatBitExact() {
    for (String f : new String[] {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128"}) {
      out.getBuffer().setLength(0);
      assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "o_proj", "--format", f, "--reduce",
          "8", "--phase", "prefill", "--tokens", "3"), err.toString());
      String o = out.toString();
      // Both units by default, and the example's MAC array and LUT core both have fp adders: one report each.
      assertTrue(o.contains("outputs y (fp32 bits)") && o.contains("mac_array GEMM.SF") && o.contains("lut_core fp16"
          + " tables") && o.contains("crosscheck PASS: 2"), o);
    }
  }

  @Test
  void aDecoderLayerCrossChecksAndEstimates() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "decoder", "--format",
        "ternaryllm:group=32", "--reduce", "16", "--context", "20"), err.toString());
    assertTrue(out.toString().contains("layer output [1x160] vs reference fed the simulator's attention"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "decoder", "--format", "onebit", "--reduce",
        "16", "--context", "20", "--unit", "mac"), err.toString());
    assertTrue(out.toString().contains("onebit on the mac_array's sign-add path"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "decoder", "--format", "onebit", "--reduce",
        "16", "--context", "20", "--unit", "lut"), err.toString());
    assertTrue(out.toString().contains("onebit on the lut_core's fp16 tables"), out.toString());
  }

  @Test
  void mapPrintsTheTilingAndTheSimulatedCycles() {
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format", "onebit", "--reduce",
        "4"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("onebit on the mac_array sign-add path (GEMM.SF)") && o.contains("simulated:"), o);
  }

  @Test
  void theLutCoresFp16TablesMapAndCrossCheckEveryFormatBitExact() {
    for (String f : new String[] {"onebit", "pb-llm:salient=0.1", "billm", "ternaryllm:group=128"}) {
      out.getBuffer().setLength(0);
      assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format", f, "--unit",
          "lut", "--reduce", "8"), err.toString());
      String o = out.toString();
      assertTrue(o.contains("lut_core fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16)")
          && o.contains("bit-exact to the plan in LUT g=3 fp16 entries") && o.contains("crosscheck PASS: 1"), o);
    }
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format", "onebit", "--unit", "lut",
        "--reduce", "4"), err.toString());
    assertTrue(out.toString().contains("onebit on the lut_core fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16)"),
        out.toString());
  }

  @Test
  void aDecoderLayerCrossChecksOnTheLutCore() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "decoder", "--format",
        "ternaryllm:group=32", "--unit", "lut", "--reduce", "16", "--context", "20"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("lut unit") && o.contains("lut_core fp32 lookup adds (LUT.GEMM.F16)")
        && o.contains("crosscheck PASS: 1"), o);
  }

  @Test
  void estimateOnTheLutCoreCrossChecksOnTheLutCore() throws IOException {
    // An arch whose only fp adders are the LUT core's: the estimate and both of its cross-checks run there.
    Path arch = dir.resolve("lut-adders.yaml");
    ArchConfigs.write(ArchKeys.with(ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.float_adders", "fp32"),
        "buffers.output.size_bytes", "524288"), arch);
    assertEquals(0, run("estimate", "--arch", arch.toString(), "--model", smallConfig(dir).toString(), "--format",
        "onebit", "--unit", "lut", "--context", "16"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("onebit on the LUT core's fp16 tables): PASS"), o);
    out.getBuffer().setLength(0);
  }

  @Test
  void refusalsNameWhatIsMissing() throws IOException {
    assertEquals(2, run("crosscheck", "--layer", "q_proj", "--format", "onebit", "--reduce", "8"));
    assertTrue(err.toString().contains("has no floating-point adders in its MAC array")
        && err.toString().contains("mac_array.float_adders: fp32"), err.toString());
    Path arch = dir.resolve("a.yaml");
    ArchConfigs.write(ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32"), arch);
    assertEquals(2, run("crosscheck", "--arch", arch.toString(), "--layer", "q_proj", "--format", "onebit",
        "--unit", "lut", "--reduce", "8"));
    assertTrue(err.toString().contains("--unit lut: weight format 'onebit' takes fp16 activations")
        && err.toString().contains("lut_core.float_adders: fp32"), err.toString());
    assertEquals(2, run("crosscheck", "--arch", arch.toString(), "--layer", "decoder", "--format", "billm",
        "--unit", "lut", "--reduce", "16"));
    assertTrue(err.toString().contains("--unit lut: weight format 'billm:salient=0.1,block=128' takes fp16"
        + " activations"), err.toString());
  }
}
