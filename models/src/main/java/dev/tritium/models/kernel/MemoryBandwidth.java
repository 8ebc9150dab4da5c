package dev.tritium.models.kernel;

import java.util.Arrays;

/**
 * Measures this machine's sustainable read bandwidth: a streaming sum over a long[] far larger than
 * any cache, split across the loop's threads; the median of several runs after one warm-up. The sum keeps
 * four independent accumulators, so that, like a STREAM-style C loop compiled with {@code gcc -O3}, it is
 * bound by memory and not by the add latency ({@code tritium bench reference} prints both probes side by
 * side).
 */
public final class MemoryBandwidth {

  private MemoryBandwidth() {}

  /** Median read bandwidth in GB/s (1e9 bytes per second) over {@code runs} passes of a {@code bytes} buffer. */
  public static double measureGBps(long bytes, int runs, ParallelLoop loop) {
    if (runs < 1) {
      throw new IllegalArgumentException("need at least one run, got " + runs);
    }
    Probe probe = new Probe(bytes, loop);
    double[] gbps = new double[runs];
    for (int run = 0; run < runs; run++) {
      gbps[run] = probe.runGBps();
    }
    return median(gbps);
  }

  /**
   * A filled buffer that can be streamed one pass at a time, so that passes can be interleaved with another probe's
   * (the C probe's): both then see the same machine state, rather than one the first minute and the other the next.
   */
  public static final class Probe {
    private final long[] data;
    private final ParallelLoop loop;
    private final int chunks;
    private final long[] sums;

    /** Fills the buffer and streams it once (the warm-up pass). */
    public Probe(long bytes, ParallelLoop loop) {
      if (bytes < 8 * 1024) {
        throw new IllegalArgumentException("need at least 8 KiB, got " + bytes + " bytes");
      }
      this.loop = loop;
      this.data = new long[(int) Math.min(Integer.MAX_VALUE - 8, bytes / 8)];
      loop.forRange(data.length, (from, to) -> {
        for (int i = from; i < to; i++) {
          data[i] = i;
        }
      });
      this.chunks = loop.threads() * 64;
      this.sums = new long[chunks];
      runGBps();
    }

    /** One timed pass: GB/s (1e9 bytes per second) of the streaming sum; its result is checked. */
    public double runGBps() {
      long t0 = System.nanoTime();
      loop.forRange(chunks, (from, to) -> {
        for (int c = from; c < to; c++) {
          int lo = (int) ((long) data.length * c / chunks);
          int hi = (int) ((long) data.length * (c + 1) / chunks);
          sums[c] = sum(data, lo, hi);
        }
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      long check = 0;
      for (long s : sums) {
        check += s;
      }
      if (check != (long) data.length * (data.length - 1) / 2) {
        throw new IllegalStateException("bandwidth probe summed " + check + ", expected the triangular number");
      }
      return 8.0 * data.length / seconds / 1e9;
    }
  }

  /**
   * Sum of data[lo, hi) with four independent accumulators: the adds of one accumulator wait on each other,
   * so a single chain is bound by the add latency (about a third of this machine's bandwidth was measured
   * that way); four chains let the core issue loads as fast as memory delivers them.
   */
  static long sum(long[] data, int lo, int hi) {
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = lo;
    for (; i + 3 < hi; i += 4) {
      s0 += data[i];
      s1 += data[i + 1];
      s2 += data[i + 2];
      s3 += data[i + 3];
    }
    for (; i < hi; i++) {
      s0 += data[i];
    }
    return s0 + s1 + s2 + s3;
  }

  /** Median of the values (mean of the middle two for an even count). */
  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
