package dev.tritium.simd;

import dev.tritium.models.kernel.AttentionValueKernel;
import dev.tritium.models.kernel.AttentionValueKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Attention's value sum with the output elements as lanes: each lane is one element's sequential sum over the keys,
 * {@code acc = acc + p[j] * v[j]} with a separate multiply and add (each rounded, never fused), so every lane gets the
 * plain kernel's bits. Four vectors of accumulators stay in registers over all keys (a 128-wide head is two passes
 * of 64 lanes on 512-bit vectors); elements past the last full vector take the same operations in scalar code.
 */
public final class VectorAttentionValues implements AttentionValueKernel {

  static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  /** Loaded by {@link java.util.ServiceLoader}. */
  public VectorAttentionValues() {
  }

  @Override
  public String description() {
    return "vector (" + FLOATS.length() + " fp32 lanes, " + FLOATS.vectorBitSize() + "-bit)";
  }

  @Override
  public void weightedSum(float[] p, int context, float[] values, int valuesOffset, int stride, int width,
      float[] out, int outOffset) {
    // Every range checked once here: the launcher runs the Vector API without its per-access bounds checks.
    AttentionValueKernels.checkRanges(p, context, values, valuesOffset, stride, width, out, outOffset);
    int lanes = FLOATS.length();
    int i = 0;
    for (; i + 4 * lanes <= width; i += 4 * lanes) {
      FloatVector a0 = FloatVector.zero(FLOATS);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int j = 0, vb = valuesOffset + i; j < context; j++, vb += stride) {
        float pj = p[j];
        a0 = a0.add(FloatVector.fromArray(FLOATS, values, vb).mul(pj));
        a1 = a1.add(FloatVector.fromArray(FLOATS, values, vb + lanes).mul(pj));
        a2 = a2.add(FloatVector.fromArray(FLOATS, values, vb + 2 * lanes).mul(pj));
        a3 = a3.add(FloatVector.fromArray(FLOATS, values, vb + 3 * lanes).mul(pj));
      }
      a0.intoArray(out, outOffset + i);
      a1.intoArray(out, outOffset + i + lanes);
      a2.intoArray(out, outOffset + i + 2 * lanes);
      a3.intoArray(out, outOffset + i + 3 * lanes);
    }
    for (; i + lanes <= width; i += lanes) {
      FloatVector a = FloatVector.zero(FLOATS);
      for (int j = 0, vb = valuesOffset + i; j < context; j++, vb += stride) {
        a = a.add(FloatVector.fromArray(FLOATS, values, vb).mul(p[j]));
      }
      a.intoArray(out, outOffset + i);
    }
    for (; i < width; i++) {
      float s = 0f;
      for (int j = 0, vb = valuesOffset + i; j < context; j++, vb += stride) {
        s += p[j] * values[vb];
      }
      out[outOffset + i] = s;
    }
  }
}
