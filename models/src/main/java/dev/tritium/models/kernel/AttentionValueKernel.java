package dev.tritium.models.kernel;

/**
 * Attention's value sum for one head ({@link dev.tritium.models.nn.Attention}, step 5):
 * {@code out[outOffset + i] = sum over j = 0 .. context-1 of p[j] * values[valuesOffset + j * stride + i]} for every
 * {@code i < width}, each sum a sequential fp32 sum from {@code 0f} in ascending j, each product rounded to fp32
 * and then each sum rounded (never fused). Sums for different i are independent, so an implementation may compute
 * many i side by side; with that order fixed, every implementation gives the same bits.
 *
 * <p>The plain-Java kernel lives here ({@link AttentionValueKernels#plain()}); a faster one may come from another
 * module as a {@link java.util.ServiceLoader} provider of this interface (public no-argument constructor, listed in
 * {@code META-INF/services}). {@link AttentionValueKernels} picks it by {@link VectorProviders}' rule.
 */
public interface AttentionValueKernel {

  /** What runs, for reports. */
  String description();

  /**
   * Writes {@code out[outOffset, outOffset + width)}; reads {@code p[0, context)} and the {@code context} rows of
   * {@code width} values that start {@code stride} apart at {@code valuesOffset}. Called concurrently for disjoint
   * outputs.
   */
  void weightedSum(float[] p, int context, float[] values, int valuesOffset, int stride, int width, float[] out,
      int outOffset);
}
