package dev.tritium.models.kernel;

/**
 * Which {@link StreamReadKernel} the bandwidth probe runs, chosen once per JVM by {@link VectorProviders}' rule: a
 * provider (module {@code simd}'s Vector API sum) when the JVM has {@code jdk.incubator.vector}, else {@link #plain()}.
 *
 * <p>Why the choice matters: a probe that the core limits measures the core, not the memory. The plain sum (four
 * independent accumulators, about one 8-byte element per cycle per core) kept up with a 2-core Zen 4 host's 26-48
 * GB/s, but read 26-34 GB/s on a Zen 5 host whose memory gave a C probe 59-62. The vector sum loads 64 bytes per
 * instruction and is bound by memory on both.
 */
public final class StreamReadKernels {

  private static final VectorProviders.Choice<StreamReadKernel> SELECTION = VectorProviders.choose(
      StreamReadKernel.class, plain(), System.getProperty(VectorProviders.PROPERTY),
      VectorProviders.vectorModulePresent());

  private StreamReadKernels() {
  }

  /** The kernel the probe runs ({@code kernel()}) and why it is that one ({@code reason()}, for reports). */
  public static VectorProviders.Choice<StreamReadKernel> selection() {
    return SELECTION;
  }

  /** The plain-Java kernel (always available). */
  public static StreamReadKernel plain() {
    return Plain.INSTANCE;
  }

  /** Four independent accumulators, so the adds do not wait on each other. */
  private enum Plain implements StreamReadKernel {
    INSTANCE;

    @Override
    public String description() {
      return "scalar, 4 accumulators";
    }

    @Override
    public long sum(long[] a, int from, int to) {
      long s0 = 0;
      long s1 = 0;
      long s2 = 0;
      long s3 = 0;
      int i = from;
      for (; i + 4 <= to; i += 4) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
      }
      for (; i < to; i++) {
        s0 += a[i];
      }
      return s0 + s1 + s2 + s3;
    }
  }
}
