package dev.tritium.cli.bench;

import dev.tritium.models.kernel.MemoryBandwidth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C reference for the machine's read bandwidth: a STREAM-style OpenMP sum ({@code stream_probe.c}, shipped
 * as a resource) built with gcc and run with the same size, thread count and number of runs as the Java probe,
 * so that every "fraction of bandwidth" the bench prints is measured against a limit a C program confirms.
 */
final class StreamProbe {

  private StreamProbe() {}

  /** The probe's median GB/s, or empty with the reason when gcc is missing or the build or run fails. */
  static Result measure(long bytes, int runs, int threads) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tritium-stream");
      Path src = dir.resolve("stream_probe.c");
      try (InputStream in = StreamProbe.class.getResourceAsStream("stream_probe.c")) {
        Files.copy(in, src);
      }
      Path exe = dir.resolve("stream_probe");
      Run build = run(List.of("gcc", "-O3", "-march=native", "-fopenmp", "-o", exe.toString(), src.toString()),
          dir, threads, 120);
      if (build.exit != 0) {
        return Result.unavailable("gcc could not build the C probe: " + build.output.strip());
      }
      Run probe = run(List.of(exe.toString(), Long.toString(bytes), Integer.toString(runs)), dir, threads, 600);
      if (probe.exit != 0) {
        return Result.unavailable("the C probe failed: " + probe.output.strip());
      }
      List<Double> gbps = new ArrayList<>();
      for (String line : probe.output.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length == 3 && f[0].equals("run")) {
          gbps.add(Double.parseDouble(f[2]));
        }
      }
      if (gbps.size() != runs) {
        return Result.unavailable("the C probe printed " + gbps.size() + " of " + runs + " runs");
      }
      return new Result(Optional.of(MemoryBandwidth.median(gbps.stream().mapToDouble(Double::doubleValue).toArray())),
          "gcc -O3 -march=native -fopenmp");
    } catch (IOException e) {
      return Result.unavailable(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.unavailable("interrupted");
    } finally {
      deleteQuietly(dir);
    }
  }

  /** The median GB/s when measured, and how (or why not). */
  record Result(Optional<Double> medianGBps, String how) {
    static Result unavailable(String why) {
      return new Result(Optional.empty(), why);
    }
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> cmd, Path dir, int threads, long timeoutS)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Run(127, cmd.get(0) + " is not installed (" + e.getMessage() + ")");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(124, cmd.get(0) + " did not finish in " + timeoutS + " s");
    }
    return new Run(p.exitValue(), out);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
