package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds and runs an accelerator export with the toolchain the tests require (gcc, make). */
final class AccelSim {

  /** Exit status and combined output of one process. */
  record Run(int exitCode, String output) {}

  private AccelSim() {}

  /** {@code make -s -C dir OPT=-O1 targets...}: -O1 compiles faster than -O2, same flags otherwise. */
  static Run make(Path dir, String... targets) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("make", "-s", "-C", dir.toString(), "OPT=-O1"));
    cmd.addAll(List.of(targets.length == 0 ? new String[] {"csim"} : targets));
    return run(dir, cmd);
  }

  /** Runs a command in dir; a process that outlives the generous limit fails the test instead of hanging it. */
  static Run run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      fail(cmd.get(0) + " cannot run (" + e.getMessage() + "): the accelerator tests need gcc and make");
      throw e;
    }
    byte[] out = p.getInputStream().readAllBytes();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, String.join(" ", cmd) + " did not finish");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
