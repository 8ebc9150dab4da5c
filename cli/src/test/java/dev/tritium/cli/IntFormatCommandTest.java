package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * w8a8, atom-w4a4 and spinquant-w4a4kv4 on the command line: crosscheck and map of single projections on the example
 * arch with int8 multipliers for weights (examples/arch/edge-fpga-int8-macs.yaml), and the refusal on an arch without
 * them.
 */
class IntFormatCommandTest extends CliTestBase {

  private static final Path EXAMPLE = Path.of("..", "examples", "arch", "edge-fpga-int8-macs.yaml");

  @Test
  void crosscheckIsBitExactInDecodeAndPrefill() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "down_proj", "--format", "w8a8",
        "--reduce", "8"), err.toString());
    assertTrue(out.toString().contains("mac_array GEMM.IW on int8 multipliers") && out.toString().contains(
        "crosscheck PASS: 1"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format", "w8a8",
        "--reduce", "8", "--phase", "prefill", "--tokens", "5"), err.toString());
    assertTrue(out.toString().contains("5 token(s)") && out.toString().contains("crosscheck PASS: 1"), out.toString());
  }

  @Test
  void atomCrossChecksBitExact() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "o_proj", "--format",
        "atom-w4a4:group=32,outliers=8", "--reduce", "8", "--phase", "prefill", "--tokens", "3"), err.toString());
    assertTrue(out.toString().contains("GEMM.IW int4 x int4 MACs") && out.toString().contains("crosscheck PASS: 1"),
        out.toString());
  }

  @Test
  void spinQuantCrossChecksBitExactInBothForms() {
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "down_proj", "--format",
        "spinquant-w4a4kv4:proj=down", "--reduce", "8", "--phase", "prefill", "--tokens", "5"), err.toString());
    assertTrue(out.toString().contains("GEMM.IW int4 x int8 MACs") && out.toString().contains("VEC.FWHT")
        && out.toString().contains("crosscheck PASS: 1"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--arch", EXAMPLE.toString(), "--layer", "q_proj", "--format",
        "spinquant-w4a4kv4", "--reduce", "8"), err.toString());
    assertTrue(out.toString().contains("spinquant-w4a4kv4:proj=other") && out.toString().contains(
        "crosscheck PASS: 1"), out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "down_proj", "--format",
        "spinquant-w4a4kv4:proj=down", "--reduce", "8"), err.toString());
    assertTrue(out.toString().contains("on the mac_array integer multipliers (GEMM.IW)")
        && out.toString().contains("simulated:"), out.toString());
  }

  @Test
  void mapPrintsTheTilingAndTheSimulatedCycles() {
    assertEquals(0, run("map", "--arch", EXAMPLE.toString(), "--layer", "up_proj", "--format", "w8a8", "--reduce",
        "4"), err.toString());
    assertTrue(out.toString().contains("w8a8 on the mac_array integer multipliers (GEMM.IW)")
        && out.toString().contains("simulated:"), out.toString());
  }

  @Test
  void anArchWithoutIntegerMultipliersIsRefusedNamingTheKey() {
    assertEquals(2, run("crosscheck", "--arch", "edge-fpga", "--layer", "down_proj", "--format", "w8a8", "--reduce",
        "8"));
    assertTrue(err.toString().contains("mac_array.int_multipliers: int8"), err.toString());
  }
}
