package dev.tritium.models.kernel;

import java.util.Objects;

/**
 * Which {@link AttentionValueKernel} attention runs, chosen once per JVM by {@link VectorProviders}' rule: a provider
 * (module {@code simd}'s Vector API sum) when the JVM has {@code jdk.incubator.vector}, else {@link #plain()}.
 *
 * <p>Why a provider: C2 (JDK 17) does not vectorize the plain loop {@code out[o + i] += p * values[v + i]}, because it
 * cannot prove that the store into one float[] at one unknown offset and the load from another at a different
 * unknown offset never overlap. The loop then runs one element at a time: at context 65 it took two thirds of
 * attention's time (100 of 150 us per layer on one Zen 4 core; models/README.md has the figures).
 */
public final class AttentionValueKernels {

  private static final VectorProviders.Choice<AttentionValueKernel> SELECTION = VectorProviders.choose(
      AttentionValueKernel.class, plain(), System.getProperty(VectorProviders.PROPERTY),
      VectorProviders.vectorModulePresent());

  private AttentionValueKernels() {
  }

  /** The kernel attention runs ({@code kernel()}) and why it is that one ({@code reason()}, for reports). */
  public static VectorProviders.Choice<AttentionValueKernel> selection() {
    return SELECTION;
  }

  /** The plain-Java kernel (always available): the definition, one key row at a time. */
  public static AttentionValueKernel plain() {
    return Plain.INSTANCE;
  }

  /**
   * Checks every range {@code weightedSum} touches, so that an implementation that runs without per-access bounds
   * checks (the launcher turns the Vector API's off) never reads or writes outside its arrays.
   */
  public static void checkRanges(float[] p, int context, float[] values, int valuesOffset, int stride, int width,
      float[] out, int outOffset) {
    if (context < 0 || width < 0 || stride < width) {
      throw new IllegalArgumentException("context " + context + ", width " + width + " and stride " + stride
          + ": context and width must be non-negative and the stride at least the width");
    }
    Objects.checkFromIndexSize(0, context, p.length);
    Objects.checkFromIndexSize(outOffset, width, out.length);
    if (context > 0) {
      long last = valuesOffset + (long) (context - 1) * stride;
      Objects.checkFromIndexSize(valuesOffset, 0, values.length);
      if (last + width > values.length) {
        throw new IndexOutOfBoundsException("value rows up to index " + (last + width) + " of " + values.length);
      }
    }
  }

  private enum Plain implements AttentionValueKernel {
    INSTANCE;

    @Override
    public String description() {
      return "scalar";
    }

    @Override
    public void weightedSum(float[] p, int context, float[] values, int valuesOffset, int stride, int width,
        float[] out, int outOffset) {
      checkRanges(p, context, values, valuesOffset, stride, width, out, outOffset);
      java.util.Arrays.fill(out, outOffset, outOffset + width, 0f);
      for (int j = 0; j < context; j++) {
        int vb = valuesOffset + j * stride;
        float pj = p[j];
        for (int i = 0; i < width; i++) {
          out[outOffset + i] += pj * values[vb + i];
        }
      }
    }
  }
}
