package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code estimate --format}: a binary-weight model on the MAC array in 1 bit per weight, its projections and one
 * decoder layer cross-checked; refusals, on estimate and export-hls.
 */
class EstimateFormatTest extends CliTestBase {

  @TempDir Path dir;

  private Path smallConfig() throws IOException {
    return smallConfig(dir);
  }

  @Test
  void binaryWeightsAreStoredInOneBitAndCrossChecked() throws IOException {
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--format", "bitnet-w1", "--unit", "mac",
        "--phase", "decode", "--context", "16"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("weight format bitnet-w1") && o.contains("stored in sign-bits on the mac unit"), o);
    assertTrue(o.contains("weights packed sign-bits"), o);
    assertTrue(o.contains("bitnet-w1 in sign-bits): PASS"), o);
    assertTrue(o.contains("decode at context 16, seed 1, bitnet-w1 weights: 7 BitLinears bit-exact, attention within"
        + " its int8 bound): PASS"), o);
  }

  @Test
  void aFormatTheUnitsLackIsRefusedBeforeAnyWork() throws IOException {
    assertEquals(2, run("estimate", "--model", smallConfig().toString(), "--format", "onebit"));
    assertTrue(err.toString().contains("fp16 activations"), err.toString());
    assertEquals(2, run("estimate", "--format", "bitnet-w9"));
    assertTrue(err.toString().contains("bitnet-w9"), err.toString());
    assertEquals(2, run("export-hls", "--layer", "q_proj", "--format", "pb-llm", "--out", dir.resolve("x").toString()));
    assertTrue(err.toString().contains("'pb-llm:salient=0.1,index=bitmap' takes fp16 activations"), err.toString());
    assertEquals(2, run("export-hls", "--accelerator", "--layer", "decoder", "--format", "bitnet-w1", "--out",
        dir.resolve("y").toString()));
    assertTrue(err.toString().contains("--format bitnet-w1 with --accelerator"), err.toString());
    // one projection exports in any format the units run; onebit needs the fp32 adders edge-fpga lacks
    assertEquals(2, run("export-hls", "--accelerator", "--layer", "bitlinear", "--format", "onebit", "--scale-down", "16",
        "--out", dir.resolve("z").toString()));
    assertTrue(err.toString().contains("mac_array.float_adders: fp32"), err.toString());
  }

  @Test
  void formatHelpListsThePresetsOnEveryCommandThatTakesAFormat() {
    for (String[] args : new String[][] {{"estimate", "--format", "help"}, {"map", "--format", "help"},
        {"crosscheck", "--format", "help"}, {"compare", "--formats", "help"}, {"export-hls", "--format", "help",
            "--out", dir.resolve("unused").toString()}}) {
      out.getBuffer().setLength(0);
      assertEquals(0, run(args), String.join(" ", args) + ": " + err);
      assertTrue(out.toString().contains("bitnet-w1") && out.toString().contains("ternaryllm"), out.toString());
    }
  }
}
