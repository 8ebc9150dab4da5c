package dev.tritium.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels' checks ({@link VectorBf16KernelChecks}: bit for bit against the scalar kernel, adversarial
 * values, the fused-multiply-add mutant; {@link VectorKernelSelectionChecks}: the providers are picked;
 * {@link VectorStreamReadChecks}: the bandwidth probe's vector sum equals the plain one; {@link VectorTritGemvChecks}:
 * the table-lookup GEMV equals BitLinear's accumulators; {@link VectorAttentionValuesChecks}: attention's value sum
 * equals the plain one bit for bit) run in a JVM
 * started with {@code --add-modules jdk.incubator.vector}, as {@code ./tritium bench} and {@code reference} start
 * theirs. This test JVM does not load the module: the JVM prints an incubator warning on start, which would show in
 * every Maven build. The child must pass every check, and print nothing on stderr but that one notice.
 */
class VectorKernelsInTheirJvmTest {

  @Test
  void everyVectorKernelCheckPassesInAJvmWithTheIncubatorModule() throws IOException, InterruptedException {
    assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "this JVM must not load the incubator module (its start-up warning would show in the build)");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = Files.createTempFile("simd-checks", ".out");
    Path err = Files.createTempFile("simd-checks", ".err");
    try {
      Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx2g", "--add-modules", "jdk.incubator.vector", "-cp",
          System.getProperty("java.class.path"), ChildJvmJUnit.class.getName(), VectorBf16KernelChecks.class.getName(),
          VectorKernelSelectionChecks.class.getName(), VectorStreamReadChecks.class.getName(),
          VectorTritGemvChecks.class.getName(), VectorAttentionValuesChecks.class.getName()))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the child JVM did not finish in 10 minutes");
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), () -> stdout + stderr);
      assertTrue(stdout.matches("(?s).*tests found (\\d+), succeeded \\1, failed 0.*"), stdout);
      // 6 bf16 kernel checks, 4 selection checks, 3 stream-read checks, 5 table-lookup GEMV checks and 4 attention
      // value-sum checks: a check class that stopped being found would show here
      assertTrue(stdout.contains("tests found 22,"), stdout);
      assertEquals("WARNING: Using incubator modules: jdk.incubator.vector", stderr.strip(), stderr);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
