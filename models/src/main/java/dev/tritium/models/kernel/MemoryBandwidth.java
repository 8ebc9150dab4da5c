package dev.tritium.models.kernel;

import java.util.Arrays;

/**
 * Measures this machine's sustainable read bandwidth: two equal long[] arrays (half the bytes each), far larger
 * than any cache, compared chunk by chunk with {@link Arrays#mismatch(long[], int, int, long[], int, int)} across the
 * loop's threads, one timed pass at a time after a warm-up pass ({@link Probe}; the caller takes the median). The
 * JDK compiles {@code mismatch} to a vectorized intrinsic (AVX2 here), so a pass is bound by memory, as a
 * STREAM-style C loop compiled with {@code gcc -O3 -march=native} is ({@code tritium bench reference} runs the two
 * interleaved and prints both). A scalar Java sum, even with four independent accumulators, retires about one
 * 8-byte element per cycle per core and measured about half of the C probe's figure on an idle 2-core machine
 * (26-34 against 60 GB/s): it was bound by the core, not by memory.
 */
public final class MemoryBandwidth {

  private MemoryBandwidth() {}

  /**
   * A filled buffer that can be streamed one pass at a time, so that passes can be interleaved with another probe's
   * (the C probe's): both then see the same machine state, rather than one the first minute and the other the next.
   */
  public static final class Probe {
    private final long[] a;
    private final long[] b;
    private final ParallelLoop loop;
    private final int chunks;
    private final long[] mismatches;

    /** Fills the two halves of the buffer with equal values and streams them once (the warm-up pass). */
    public Probe(long bytes, ParallelLoop loop) {
      if (bytes < 8 * 1024) {
        throw new IllegalArgumentException("need at least 8 KiB, got " + bytes + " bytes");
      }
      this.loop = loop;
      int n = (int) Math.min(Integer.MAX_VALUE - 8, bytes / 16);
      this.a = new long[n];
      this.b = new long[n];
      loop.forRange(n, (from, to) -> {
        for (int i = from; i < to; i++) {
          a[i] = i;
          b[i] = i;
        }
      });
      this.chunks = loop.threads() * 64;
      this.mismatches = new long[chunks];
      runGBps();
    }

    /** One timed pass: GB/s (1e9 bytes per second) of both arrays read; the arrays must compare equal. */
    public double runGBps() {
      int n = a.length;
      long t0 = System.nanoTime();
      loop.forRange(chunks, (from, to) -> {
        for (int c = from; c < to; c++) {
          int lo = (int) ((long) n * c / chunks);
          int hi = (int) ((long) n * (c + 1) / chunks);
          mismatches[c] = Arrays.mismatch(a, lo, hi, b, lo, hi);
        }
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      for (long m : mismatches) {
        if (m != -1) {
          throw new IllegalStateException("bandwidth probe found the equal arrays different at offset " + m);
        }
      }
      return 16.0 * n / seconds / 1e9;
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
