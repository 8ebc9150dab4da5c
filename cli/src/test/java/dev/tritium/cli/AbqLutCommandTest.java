package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * abq-wpaq on the LUT core's bit-plane tables from the command line (examples/arch/edge-fpga-every-format.yaml,
 * lut_core.bit_plane: true): crosscheck and map with --unit lut, the refusal on an arch without the tables naming
 * the key, and compare's row on the LUT core ("bit-planes on lut"), without --unit the faster of the two units.
 */
class AbqLutCommandTest extends CliTestBase {

  @org.junit.jupiter.api.io.TempDir Path dir;

  private static final String EVERY = Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml").toString();

  @Test
  void crosscheckAndMapRunTheLutPath() {
    assertEquals(0, run("crosscheck", "--arch", EVERY, "--layer", "q_proj", "--format", "abq-wpaq:w=2,a=8",
        "--reduce", "8", "--unit", "lut"), err.toString());
    assertTrue(out.toString().contains("lut_core LUT.GEMM.BP on bit-plane tables (g = 4")
        && out.toString().contains("crosscheck PASS: 1"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--arch", EVERY, "--layer", "up_proj", "--format", "abq-wpaq:w=4,a=8", "--reduce", "4",
        "--unit", "lut"), err.toString());
    assertTrue(out.toString().contains("on the lut_core bit-plane tables (LUT.BUILD.BP / LUT.GEMM.BP, g = 4)")
        && out.toString().contains("simulated:"), out.toString());
  }

  @Test
  void anArchWithoutTheTablesIsRefusedNamingTheKey() {
    String bp = Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml").toString();
    assertEquals(2, run("crosscheck", "--arch", bp, "--layer", "q_proj", "--format", "abq-wpaq", "--reduce", "8",
        "--unit", "lut"));
    assertTrue(err.toString().contains("lut_core.bit_plane: true"), err.toString());
  }

  private static String[] row(String output, String format) {
    for (String line : output.split("\n")) {
      if (line.startsWith(format + " ")) {
        return line.trim().split("\\s+");
      }
    }
    throw new AssertionError("no row for " + format + " in:\n" + output);
  }

  @Test
  void compareRunsTheFormatOnEitherUnitAndPicksTheFasterWithoutUnit() throws IOException {
    String model = smallConfig(dir).toString();
    double[] tps = new double[2];
    String[] units = {"mac", "lut"};
    for (int u = 0; u < 2; u++) {
      out.getBuffer().setLength(0);
      assertEquals(0, run("compare", "--model", model, "--arch", EVERY, "--formats", "abq-wpaq:w=2,a=8",
          "--context", "16", "--unit", units[u]), err.toString());
      String[] r = row(out.toString(), "abq-wpaq:w=2,a=8");
      // [3..5] "bit-planes on mac|lut", then DRAM MB, tokens/s
      assertEquals("bit-planes", r[3], out.toString());
      assertEquals(units[u], r[5], out.toString());
      tps[u] = Double.parseDouble(r[7]);
      assertTrue(tps[u] > 0, out.toString());
    }
    out.getBuffer().setLength(0);
    assertEquals(0, run("compare", "--model", model, "--arch", EVERY, "--formats", "abq-wpaq:w=2,a=8", "--context",
        "16"), err.toString());
    String[] auto = row(out.toString(), "abq-wpaq:w=2,a=8");
    assertEquals(tps[1] > tps[0] ? "lut" : "mac", auto[5], out.toString());
  }
}
