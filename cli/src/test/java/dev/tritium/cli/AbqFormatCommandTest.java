package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * abq-wpaq on the command line: crosscheck and map of single projections on the example arch with bit-plane PEs
 * (examples/arch/edge-fpga-bit-plane.yaml), the refusal on an arch without them, a whole-model estimate composed from
 * the projection programs, and the refusal of a decoder layer as one program.
 */
class AbqFormatCommandTest extends CliTestBase {

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

  private static final Path EXAMPLE = Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml");

  @Test
  void crosscheckIsBitExactInDecodeAndPrefill() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format",
        "abq-wpaq:w=2,a=8", "--reduce", "8"), err.toString());
    assertTrue(out.toString().contains("mac_array GEMM.BP on bit-plane PEs (2 x 8 plane passes")
        && out.toString().contains("crosscheck PASS: 1"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "down_proj", "--format",
        "abq-wpaq:w=4,a=4", "--reduce", "8", "--phase", "prefill", "--tokens", "5"), err.toString());
    assertTrue(out.toString().contains("5 token(s)") && out.toString().contains("crosscheck PASS: 1"), out.toString());
  }

  @Test
  void mapPrintsTheTilingAndTheSimulatedCycles() {
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "up_proj", "--format", "abq-wpaq:w=2,a=8",
        "--reduce", "4"), err.toString());
    assertTrue(out.toString().contains("abq-wpaq:w=2,a=8 on the mac_array bit-plane PEs (GEMM.BP)")
        && out.toString().contains("simulated:"), out.toString());
  }

  @Test
  void anArchWithoutBitPlanePesIsRefusedNamingTheKey() {
    assertEquals(2, run("crosscheck", "--arch", "edge-fpga", "--layer", "down_proj", "--format", "abq-wpaq",
        "--reduce", "8"));
    assertTrue(err.toString().contains("mac_array.bit_plane: true"), err.toString());
  }

  @Test
  void aDecoderLayerRefusesItNamingGemmBp() {
    assertEquals(2, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "decoder", "--format", "abq-wpaq",
        "--reduce", "8"));
    assertTrue(err.toString().contains("runs as one program per projection") && err.toString().contains("GEMM.BP"),
        err.toString());
  }

  @Test
  void estimateComposesTheDecoderLayerFromTheProjectionPrograms() throws java.io.IOException {
    assertEquals(0, run("estimate", "--model", smallConfig(dir).toString(), "--arch", EXAMPLE.toString(), "--format",
        "abq-wpaq:w=2,a=8", "--unit", "mac", "--context", "16", "--phase", "decode"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("bit planes on the mac_array's AND + popcount PEs (GEMM.BP") && o.contains(
        "each projection is its own program"), o);
    assertTrue(o.contains("abq-wpaq:w=2,a=8 as its own program): PASS"), o);
  }
}
