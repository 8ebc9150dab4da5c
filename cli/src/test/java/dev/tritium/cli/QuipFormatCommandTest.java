package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * quip-w2 on the command line: crosscheck (decode and 5-token prefill) and map of single projections on an arch with
 * fp32 adders in its MAC array, and the refusals of an arch without them and of a decoder layer.
 */
class QuipFormatCommandTest extends CliTestBase {

  private static final Path EXAMPLE = Path.of("..", "examples", "arch", "edge-fpga-fp32-adders.yaml");

  @Test
  void projectionsCrossCheckBitExactInDecodeAndPrefill() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "o_proj", "--format", "quip-w2",
        "--reduce", "8"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("quip-w2: 320 x 320, 1 token(s)") && o.contains("bit-exact to the format's apply")
        && o.contains("crosscheck PASS: 1"), o);
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "down_proj", "--format", "quip-w2",
        "--reduce", "8", "--phase", "prefill", "--tokens", "5"), err.toString());
    o = out.toString();
    assertTrue(o.contains("quip-w2: 320 x 864, 5 token(s)") && o.contains("crosscheck PASS: 1"), o);
  }

  @Test
  void mapPrintsTheTilesAndTheSimulatedCycles() {
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format", "quip-w2", "--reduce",
        "4"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("quip-w2 on the mac_array (GEMM.Q2) with VEC.FWHT") && o.contains("simulated:"), o);
  }

  @Test
  void anArchWithoutFp32AddersAndADecoderLayerAreRefused() {
    assertEquals(2, run("crosscheck", "--arch", "edge-fpga", "--layer", "o_proj", "--format", "quip-w2", "--reduce",
        "8"));
    assertTrue(err.toString().contains("GEMM.Q2, which needs mac_array.float_adders: fp32"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "decoder", "--format", "quip-w2",
        "--reduce", "16", "--context", "20"));
    assertTrue(err.toString().contains("runs as one program per projection"), err.toString());
  }
}
