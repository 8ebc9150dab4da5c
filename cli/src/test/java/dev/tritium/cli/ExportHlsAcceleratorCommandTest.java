package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tritium export-hls --accelerator}: the files written, and bad inputs exiting 2 with one message. */
class ExportHlsAcceleratorCommandTest extends CliTestBase {

  @TempDir Path tmp;

  @Test
  void acceleratorOnlyWritesTheGeneratedCAndNoData() {
    Path dir = tmp.resolve("acc");
    assertEquals(0, run("export-hls", "--accelerator", "--arch", "edge-fpga", "--out", dir.toString()), err.toString());
    for (String f : new String[] {"fetch.c", "load.c", "compute.c", "store.c", "accel_util.c", "accel_util.h",
        "accel_modules.h", "accel_sim.c", "accel.h", "accel_config.h", "accel_isa_tables.h", "tritium_isa.h",
        "driver.c", "compare.c", "Makefile", "run_hls.tcl", "README.md"}) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    assertFalse(Files.exists(dir.resolve("data")));
    assertTrue(out.toString().contains("exported the accelerator of arch edge-fpga: "), out.toString());
  }

  @Test
  void layerExportCarriesProgramDramAndGoldenAndItsProgramReExports() throws Exception {
    Path dir = tmp.resolve("bl");
    assertEquals(0, run("export-hls", "--accelerator", "--layer", "bitlinear", "--scale-down", "16", "--unit", "lut",
        "--out", dir.toString()), err.toString());
    byte[] program = Files.readAllBytes(dir.resolve("data/program.bin"));
    byte[] dram = Files.readAllBytes(dir.resolve("data/dram_in.bin"));
    byte[] golden = Files.readAllBytes(dir.resolve("data/dram_golden.bin"));
    assertEquals(dram.length, golden.length);
    assertFalse(java.util.Arrays.equals(dram, golden), "the program writes its output to DRAM");
    // The same binary and image through --program / --dram give the same golden image.
    Path again = tmp.resolve("again");
    assertEquals(0, run("export-hls", "--accelerator", "--program", dir.resolve("data/program.bin").toString(),
        "--dram", dir.resolve("data/dram_in.bin").toString(), "--out", again.toString()), err.toString());
    assertArrayEquals(program, Files.readAllBytes(again.resolve("data/program.bin")));
    assertArrayEquals(golden, Files.readAllBytes(again.resolve("data/dram_golden.bin")));
  }

  @Test
  void badInputsExitTwoWithOneMessageAndWriteNothing() throws Exception {
    Path dir = tmp.resolve("bad");
    Path junk = tmp.resolve("junk.bin");
    Files.write(junk, new byte[] {1, 2, 3});
    String[][] cases = {
        {"--layer", "q_proj"},
        {"--program", junk.toString()},
        {"--program", tmp.resolve("missing.bin").toString()},
        {"--dram", junk.toString()},
        {"--csim"},
        {"--layer", "decoder", "--scale-down", "7"},
        {"--layer", "model", "--layers", "0", "--scale-down", "16"},
        {"--layer", "bitlinear", "--program", junk.toString()},
        {"--layer", "decoder", "--prefill", "0", "--scale-down", "16"},
    };
    String[] expected = {
        "--layer 'q_proj' with --accelerator: expected bitlinear, decoder or model",
        "junk.bin",
        "missing.bin",
        "--dram needs --program",
        "--csim needs a program",
        "--reduce 7 does not divide",
        "--layers 0: expected at least 1",
        "--program and --layer both name the program",
        "--prefill 0: expected at least 1 token",
    };
    for (int i = 0; i < cases.length; i++) {
      err.getBuffer().setLength(0);
      String[] args = new String[cases[i].length + 5];
      args[0] = "export-hls";
      args[1] = "--accelerator";
      System.arraycopy(cases[i], 0, args, 2, cases[i].length);
      args[cases[i].length + 2] = "--out";
      args[cases[i].length + 3] = dir.toString();
      args[cases[i].length + 4] = "--seed=1";
      assertEquals(2, run(args), String.join(" ", cases[i]) + ": " + err);
      String e = err.toString();
      assertTrue(e.startsWith("tritium: error: ") && e.contains(expected[i]) && e.strip().lines().count() == 1,
          String.join(" ", cases[i]) + ": " + e);
      assertFalse(Files.exists(dir.resolve("compute.c")), String.join(" ", cases[i]) + " wrote files");
    }
    assertEquals(2, run("export-hls", "--program", junk.toString(), "--layer", "q_proj", "--out", dir.toString()));
    assertTrue(err.toString().contains("--program needs --accelerator"), err.toString());
  }
}
