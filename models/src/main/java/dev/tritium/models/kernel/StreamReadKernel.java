package dev.tritium.models.kernel;

/**
 * The inner loop of {@link MemoryBandwidth.Probe}: reads a range of a long[] once, front to back, and returns the sum
 * of its elements modulo 2^64. Integer addition modulo 2^64 is associative and commutative, so every implementation
 * returns the same value whatever its lane count and order; the probe checks it against the closed form, which
 * proves every element was read.
 *
 * <p>The plain-Java kernel lives here ({@link StreamReadKernels#plain()}); a faster one may come from another module
 * as a {@link java.util.ServiceLoader} provider of this interface (public no-argument constructor, listed in
 * {@code META-INF/services}). {@link StreamReadKernels} picks it by {@link VectorProviders}' rule.
 */
public interface StreamReadKernel {

  /** What runs, for reports: e.g. {@code "scalar, 4 accumulators"}. */
  String description();

  /** The sum of {@code a[from..to)} modulo 2^64. Called concurrently for disjoint ranges. */
  long sum(long[] a, int from, int to);
}
