package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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

  /** The image's golden first output (the Java simulator's fp32 y) equals {@code expected} bit for bit. */
  static void assertGoldenOutput(ProgramImages images, float[] expected, String label) {
    DramRange y = images.outputs().get(0);
    ByteBuffer g = ByteBuffer.wrap(images.dramGolden(), (int) y.addr(), (int) y.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(g.getFloat()), label + " y[" + i + "]");
    }
  }

  /**
   * Flips {@code mask} in the byte at {@code addr} of the exported DRAM input image, runs csim again and restores the
   * image: the run a fault test expects to fail.
   */
  static Run withFlippedInput(Path dir, long addr, int mask) throws IOException, InterruptedException {
    Path in = dir.resolve("data").resolve("dram_in.bin");
    byte[] original = Files.readAllBytes(in);
    byte[] bytes = original.clone();
    bytes[Math.toIntExact(addr)] ^= (byte) mask;
    Files.write(in, bytes);
    try {
      return make(dir);
    } finally {
      Files.write(in, original);
    }
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
