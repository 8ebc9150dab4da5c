package dev.tritium.fpga.hls;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the exported Makefile's csim target; a missing gcc or make fails the test with what to install. */
final class Csim {

  /** Exit status and combined output of one run. */
  record Run(int exitCode, String output) {
    boolean passed() {
      return exitCode == 0 && output.contains("PASS:");
    }
  }

  private Csim() {}

  static void requireToolchain() {
    for (String tool : List.of("gcc", "make")) {
      try {
        Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
          fail(tool + " --version failed: install the C toolchain (apt-get install gcc make)");
        }
      } catch (IOException e) {
        fail(tool + " is not installed: the HLS export tests need it (apt-get install gcc make)");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** {@code make csim} with -O1 (faster to compile than -O2 on these small kernels; same flags otherwise). */
  static Run make(Path dir, String... targets) throws IOException, InterruptedException {
    requireToolchain();
    List<String> cmd = new java.util.ArrayList<>(List.of("make", "-s", "-C", dir.toString(), "OPT=-O1"));
    cmd.addAll(List.of(targets.length == 0 ? new String[] {"csim"} : targets));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("make csim timed out in " + dir);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
