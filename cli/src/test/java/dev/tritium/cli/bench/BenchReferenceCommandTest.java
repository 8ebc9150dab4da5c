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
  void namesTheLmHeadKernelAndWhy() {
    // The test JVM has no jdk.incubator.vector (its start-up warning would show in the build), so the scalar kernel
    // runs and the line says why; ./tritium bench adds the module and gets the vector kernel (LauncherScriptTest,
    // and simd's VectorKernelsInTheirJvmTest for the provider).
    String line = BenchReferenceCommand.lmHeadKernelLine();
    assertTrue(line.startsWith("LM head kernel: scalar ("), line);
    assertTrue(line.contains("jdk.incubator.vector"), line);
  }

  @Test
  void namesTheTernaryKernelAndItsLayout() {
    // Without the incubator module the engine packs 2-bit sign masks for the popcount kernel, and says why.
    String line = BenchReferenceCommand.ternaryKernelLine();
    assertTrue(line.startsWith("ternary GEMV kernel: popcount on 2-bit sign masks; "), line);
    assertTrue(line.contains("jdk.incubator.vector"), line);
  }

  @Test
  void namesTheAttentionKernelAndWhy() {
    String line = BenchReferenceCommand.attentionKernelLine();
    assertTrue(line.startsWith("attention value-sum kernel: scalar ("), line);
    assertTrue(line.contains("jdk.incubator.vector"), line);
  }
}
