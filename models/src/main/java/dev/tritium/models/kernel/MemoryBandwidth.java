package dev.tritium.models.kernel;

import java.util.Arrays;

/**
 * Measures this machine's sustainable read bandwidth: one long[] far larger than any cache, summed chunk by chunk
 * across the loop's threads by the {@link StreamReadKernels#selection() selected stream-read kernel}, one timed pass
 * at a time after a warm-up pass ({@link Probe}; the caller takes the median). Each pass checks its sum against the
 * closed form, so a kernel that skipped elements would fail rather than report a higher figure.
 *
 * <p>{@code tritium bench reference} runs this probe interleaved with a STREAM-style C loop compiled with
 * {@code gcc -O3 -march=native} and prints both. Until 2026-12-07 this probe compared two equal arrays with the JDK's
 * vectorized {@code Arrays.mismatch}: on a Zen 5 host it agreed with the C probe (Java/C 1.07-1.08), but on a Zen 4
 * host it read 17-27 GB/s while a one-array vector sum in the same process read 43-48 and the C probe 28-39
 * (Java/C 0.60-0.87). One array summed, as the C probe does, reads the same way on both.
 */
public final class MemoryBandwidth {

  private MemoryBandwidth() {}

  /**
   * A filled buffer that can be streamed one pass at a time, so that passes can be interleaved with another probe's
   * (the C probe's): both then see the same machine state, rather than one the first minute and the other the next.
   */
  public static final class Probe {

    private final long[] a;
    private final ParallelLoop loop;
    private final StreamReadKernel kernel;
    private final int chunks;
    private final long[] sums;

    /** Fills the buffer with a[i] = i and streams it once (the warm-up pass), with the selected kernel. */
    public Probe(long bytes, ParallelLoop loop) {
      this(bytes, loop, StreamReadKernels.selection().kernel());
    }

    /** As {@link #Probe(long, ParallelLoop)} with a given kernel. */
    public Probe(long bytes, ParallelLoop loop, StreamReadKernel kernel) {
      if (bytes < 8 * 1024) {
        throw new IllegalArgumentException("need at least 8 KiB, got " + bytes + " bytes");
      }
      this.loop = loop;
      this.kernel = kernel;
      int n = (int) Math.min(Integer.MAX_VALUE - 8, bytes / Long.BYTES);
      this.a = new long[n];
      loop.forRange(n, (from, to) -> {
        for (int i = from; i < to; i++) {
          a[i] = i;
        }
      });
      this.chunks = loop.threads() * 64;
      this.sums = new long[chunks];
      runGBps();
    }

    /** What reads the buffer, for reports. */
    public String kernelDescription() {
      return kernel.description();
    }

    /** One timed pass: GB/s (1e9 bytes per second) of the buffer read; the sum must match the closed form. */
    public double runGBps() {
      int n = a.length;
      long t0 = System.nanoTime();
      loop.forRange(chunks, (from, to) -> {
        for (int c = from; c < to; c++) {
          int lo = (int) ((long) n * c / chunks);
          int hi = (int) ((long) n * (c + 1) / chunks);
          sums[c] = kernel.sum(a, lo, hi);
        }
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      long total = 0;
      for (long s : sums) {
        total += s;
      }
      checkSum(total, n);
      return (double) Long.BYTES * n / seconds / 1e9;
    }
  }

  /** Throws unless {@code total} is 0 + 1 + ... + (n - 1), the sum of a filled buffer of n elements. */
  static void checkSum(long total, int n) {
    long expected = (long) n * (n - 1) / 2;
    if (total != expected) {
      throw new IllegalStateException("bandwidth probe read a sum of " + total + " over " + n + " elements, expected "
          + expected + ": the stream-read kernel skipped or repeated elements");
    }
  }

  /** Median of the values (mean of the middle two for an even count). */
  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
