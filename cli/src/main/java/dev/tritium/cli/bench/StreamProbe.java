package dev.tritium.cli.bench;

import dev.tritium.models.kernel.MemoryBandwidth;
import dev.tritium.models.kernel.ParallelLoop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The C reference for the machine's read bandwidth: a STREAM-style OpenMP sum ({@code stream_probe.c}, shipped
 * as a resource) built with gcc and run with the same size and thread count as the Java probe, so that every
 * "fraction of bandwidth" the bench prints is measured against a limit a C program confirms. The two probes run
 * interleaved in blocks (Java, C, Java, C), so that both medians come from the same minutes of the machine's life:
 * run one after the other, a background job that starts or stops between them shows up as a disagreement. Blocks
 * rather than single passes, because the Java pass right after a C process exits measured 25-35 % low here (the
 * exiting process releases its gigabyte meanwhile); each Java block starts with an untimed pass.
 */
final class StreamProbe implements AutoCloseable {

  static final String HOW = "gcc -O3 -march=native -fopenmp";

  private final Path dir;
  private final Path exe;
  private final int threads;
  private String failure;

  private StreamProbe(Path dir, Path exe, int threads, String failure) {
    this.dir = dir;
    this.exe = exe;
    this.threads = threads;
    this.failure = failure;
  }

  /** The C probe built with gcc in a temporary directory; {@link #failure} says why when it could not be. */
  static StreamProbe build(int threads) {
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
      return new StreamProbe(dir, exe, threads, build.exit == 0 ? null
          : "gcc could not build the C probe: " + build.output.strip());
    } catch (IOException e) {
      return new StreamProbe(dir, null, threads, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new StreamProbe(dir, null, threads, "interrupted");
    }
  }

  /** Why the probe cannot run, if it cannot. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** {@code runs} timed passes of one C probe process over a {@code bytes} array (after its fill and warm-up), GB/s. */
  Optional<double[]> runGBps(long bytes, int runs) {
    if (failure != null) {
      return Optional.empty();
    }
    try {
      Run probe = run(List.of(exe.toString(), Long.toString(bytes), Integer.toString(runs)), dir, threads, 600);
      if (probe.exit != 0) {
        failure = "the C probe failed: " + probe.output.strip();
        return Optional.empty();
      }
      double[] gbps = new double[runs];
      int got = 0;
      for (String line : probe.output.split("\n")) {
        String[] f = line.trim().split(" ");
        if (f.length == 3 && f[0].equals("run") && got < runs) {
          gbps[got++] = Double.parseDouble(f[2]);
        }
      }
      if (got != runs) {
        failure = "the C probe printed " + got + " of " + runs + " runs";
        return Optional.empty();
      }
      return Optional.of(gbps);
    } catch (IOException e) {
      failure = e.getMessage();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
      return Optional.empty();
    }
  }

  /**
   * Both probes interleaved in two blocks each (Java, C, Java, C) of ceil(runs / 2) timed passes over the same byte
   * count; the Java median always, the C median when gcc built and ran it (else the reason).
   */
  static Pair measureInterleaved(long bytes, int runs, ParallelLoop loop) {
    MemoryBandwidth.Probe java = new MemoryBandwidth.Probe(bytes, loop);
    int block = (runs + 1) / 2;
    double[] javaGbps = new double[2 * block];
    double[] cGbps = new double[2 * block];
    try (StreamProbe c = build(loop.threads())) {
      for (int round = 0; round < 2; round++) {
        java.runGBps(); // untimed: the first pass after the other probe's process
        for (int i = 0; i < block; i++) {
          javaGbps[round * block + i] = java.runGBps();
        }
        Optional<double[]> cRuns = c.runGBps(bytes, block);
        if (cRuns.isPresent()) {
          System.arraycopy(cRuns.get(), 0, cGbps, round * block, block);
        }
      }
      double javaMedian = MemoryBandwidth.median(javaGbps);
      if (c.failure().isPresent()) {
        return new Pair(javaMedian, Result.unavailable(c.failure().get()));
      }
      return new Pair(javaMedian, new Result(Optional.of(MemoryBandwidth.median(cGbps)), HOW
          + ", interleaved in blocks"));
    }
  }

  /**
   * One bandwidth figure per call, for a measurement that takes its limit from the same minutes as its times (the
   * decode block): one C probe run (a timed pass after its fill and warm-up pass) when gcc built the probe, else one
   * pass of the Java probe, whose gigabyte is then allocated on first use.
   */
  static OnePass onePass(long bytes, ParallelLoop loop) {
    return new OnePass(build(loop.threads()), bytes, loop);
  }

  /** See {@link #onePass}. */
  static final class OnePass implements AutoCloseable, DoubleSupplier {
    private final StreamProbe c;
    private final long bytes;
    private final ParallelLoop loop;
    private MemoryBandwidth.Probe java;

    private OnePass(StreamProbe c, long bytes, ParallelLoop loop) {
      this.c = c;
      this.bytes = bytes;
      this.loop = loop;
    }

    @Override
    public double getAsDouble() {
      Optional<double[]> run = c.runGBps(bytes, 1);
      if (run.isPresent()) {
        return run.get()[0];
      }
      if (java == null) {
        java = new MemoryBandwidth.Probe(bytes, loop);
      }
      return java.runGBps();
    }

    /** Which probe gave the figures (the Java probe's, with the reason, once the C probe could not run). */
    String how() {
      return c.failure().map(why -> "Java probe, one pass (C probe unavailable: " + why + ")")
          .orElse("C probe, one run");
    }

    @Override
    public void close() {
      c.close();
    }
  }

  /** The Java probe's median and the C probe's result, measured interleaved. */
  record Pair(double javaGBps, Result c) {}

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

  @Override
  public void close() {
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
