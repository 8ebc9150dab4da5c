package dev.tritium.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.TritiumCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchReferenceCommandTest {

  @Test
  void badRepsIsAUserError() {
    StringWriter err = new StringWriter();
    CommandLine cl = TritiumCommand.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, cl.execute("bench", "reference", "--reps", "0"));
    assertTrue(err.toString().contains("--reps must be >= 1"), err.toString());
  }

  @Test
  void namesTheVectorLmHeadKernel() {
    // cli's surefire adds jdk.incubator.vector and cli depends on module simd, as ./tritium bench does.
    String line = BenchReferenceCommand.lmHeadKernelLine();
    assertTrue(line.startsWith("LM head kernel: vector ("), line);
    assertTrue(line.contains("provider dev.tritium.simd.VectorBf16Kernel"), line);
  }
}
