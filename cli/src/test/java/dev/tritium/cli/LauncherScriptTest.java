package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tritium} launcher script: java's exit code passes through, the JVM adds no warning of its own, and
 * everything java writes to stderr is in place by the time the launcher exits (an earlier launcher piped stderr
 * through a background grep and lost messages when java exited first; a slow grep on PATH catches any such
 * filter). The launcher runs on a stand-in jar ({@link Probe}) in a copy of the repository layout, so the test
 * needs neither the real CLI jar nor a build; the probe also fails the launcher's class-data-sharing training
 * run, which must not disturb the real one.
 */
class LauncherScriptTest {

  /** The stand-in CLI: one line on stdout, one on stderr, exit 2 (as a bad-input error does). */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println("probe stdout");
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
        System.out.println("probe has jdk.incubator.vector");
      }
      if (java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xmn512m")) {
        System.out.println("probe has -Xmn512m");
      }
      String oob = System.getProperty("jdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK");
      if (oob != null) {
        System.out.println("probe has VECTOR_ACCESS_OOB_CHECK=" + oob);
      }
      System.err.println("probe error: " + String.join(" ", args));
      System.exit(2);
    }
  }

  @TempDir Path tmp;

  @Test
  void exitCodeAndStderrSurviveASlowFilter() throws Exception {
    Path root = tmp.resolve("repo");
    Path launcher = root.resolve("tritium");
    Files.createDirectories(root.resolve("cli/target"));
    Files.copy(repositoryRoot().resolve("tritium"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    writeProbeJar(root.resolve("cli/target/tritium.jar"));

    // A grep that takes a second before it starts filtering: a launcher that does not wait for its filter
    // returns before the message reaches the file.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path slowGrep = bin.resolve("grep");
    Files.writeString(slowGrep, "#!/bin/sh\nsleep 1\nexec " + realGrep() + " \"$@\"\n");
    Files.setPosixFilePermissions(slowGrep, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path stdout = tmp.resolve("out.txt");
    Path stderr = tmp.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--bad", "input")
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("TRITIUM_JAVA_OPTS", "-Xmx64m");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish in 60 s");

    // Read at once, as a shell reads a file right after the command returns.
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), "java's exit code must pass through the launcher; stderr: " + err);
    assertTrue(err.contains("probe error: --bad input"), "stderr lost when java exited first: '" + err + "'");
    assertFalse(err.contains("WARNING"), "the JVM must add no warning: " + err);
    assertEquals("probe stdout\n", out);
  }

  @Test
  void onlyReferenceAndBenchGetTheVectorModuleAndUncheckedShuffles() throws Exception {
    Path root = tmp.resolve("repo-modules");
    Path launcher = root.resolve("tritium");
    Files.createDirectories(root.resolve("cli/target"));
    Files.copy(repositoryRoot().resolve("tritium"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    writeProbeJar(root.resolve("cli/target/tritium.jar"));
    String[][] withModule = {{"bench", "reference"}, {"reference", "generate"}};
    String[][] without = {{"--version"}, {"scalesim"}, {"x", "bench"}};
    for (String[] args : withModule) {
      String out = runProbe(launcher, args);
      assertTrue(out.contains("probe has jdk.incubator.vector"), String.join(" ", args) + ": " + out);
      // The table-lookup GEMV's shuffles run unchecked only where the Vector API runs at all.
      assertTrue(out.contains("probe has VECTOR_ACCESS_OOB_CHECK=0"), String.join(" ", args) + ": " + out);
      // A fixed young generation: the decode's garbage reuses pages instead of touching new ones.
      assertTrue(out.contains("probe has -Xmn512m"), String.join(" ", args) + ": " + out);
    }
    for (String[] args : without) {
      String out = runProbe(launcher, args);
      assertFalse(out.contains("jdk.incubator.vector"), String.join(" ", args) + ": " + out);
      assertFalse(out.contains("VECTOR_ACCESS_OOB_CHECK"), String.join(" ", args) + ": " + out);
      assertFalse(out.contains("-Xmn"), String.join(" ", args) + ": " + out);
    }
  }

  /** The probe's stdout through the launcher (its exit code is the probe's 2). */
  private String runProbe(Path launcher, String... args) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run-" + String.join("_", args).replace("-", "")));
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("bash", launcher.toString()));
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("TRITIUM_JAVA_OPTS", "-Xmx64m");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish in 60 s");
    assertEquals(2, p.exitValue(), Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
  }

  private static String realGrep() {
    for (String dir : System.getenv("PATH").split(":")) {
      Path g = Path.of(dir, "grep");
      if (Files.isExecutable(g)) {
        return g.toString();
      }
    }
    throw new IllegalStateException("no grep on PATH");
  }

  /** The repository root: the directory above the cli module that holds the launcher. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("tritium"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("tritium launcher not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static void writeProbeJar(Path jar) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Probe.class.getName());
    String entry = Probe.class.getName().replace('.', '/') + ".class";
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(os, mf);
        var in = Probe.class.getClassLoader().getResourceAsStream(entry)) {
      jos.putNextEntry(new JarEntry(entry));
      in.transferTo(jos);
      jos.closeEntry();
    }
  }
}
