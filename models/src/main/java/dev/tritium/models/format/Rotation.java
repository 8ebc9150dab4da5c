package dev.tritium.models.format;

import java.util.Objects;

/**
 * An orthogonal rotation that belongs to a format: a Walsh-Hadamard matrix ({@link Hadamard}), optionally
 * randomised by a diagonal of signs, either merged into the weights offline (free at run time) or applied
 * online to a vector (a fast transform: {@code n log2 n} additions per vector for a power of two,
 * {@link #onlineAdds}).
 *
 * <p>Storage: a rotation whose random signs must be stored beside the matrix costs one bit per sign, K bits
 * on the input side and N on the output side; merged rotations and plain (unsigned) Hadamard rotations cost
 * nothing. Attention-side rotations belong to the model, not to one matrix, and cost no matrix bits.
 */
public record Rotation(String name, Where where, Mode mode, boolean storedSigns) {

  /** Which vector the rotation acts on. */
  public enum Where {
    /** The matrix input x (length K). */
    INPUT,
    /** The matrix output y (length N). */
    OUTPUT,
    /** Per attention head, on the queries and keys after RoPE (length head_dim): not part of a matrix. */
    ATTENTION_QK,
    /** Per attention head, between v_proj and o_proj (length head_dim): not part of a matrix. */
    ATTENTION_VO
  }

  /** When the rotation is paid for. */
  public enum Mode {
    /** Folded into the weights by the quantizer: no run-time cost. */
    MERGED,
    /** A fast Walsh-Hadamard transform on the vector unit at run time. */
    ONLINE
  }

  public Rotation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(mode, "mode");
    if (storedSigns && mode == Mode.MERGED) {
      throw new IllegalArgumentException("rotation " + name + ": merged rotations store no signs");
    }
  }

  /** Stored sign bits for an N x K matrix: K (input) or N (output) when signs are stored, else 0. */
  public long signBits(int n, int k) {
    if (!storedSigns) {
      return 0;
    }
    return switch (where) {
      case INPUT -> k;
      case OUTPUT -> n;
      case ATTENTION_QK, ATTENTION_VO -> 0;
    };
  }

  /**
   * Online additions per token of an N x K matrix: {@link Hadamard#adds}(K) (input) or (N) (output), i.e.
   * {@code n log2 b} with b the transform's slice size ({@code n log2 n} for powers of two); 0 when merged. Attention rotations are per head vector: {@link Hadamard#adds}(head_dim) for each query and
   * key head, priced by the attention model, so 0 here.
   */
  public long onlineAdds(int n, int k) {
    if (mode == Mode.MERGED) {
      return 0;
    }
    return switch (where) {
      case INPUT -> Hadamard.adds(k);
      case OUTPUT -> Hadamard.adds(n);
      case ATTENTION_QK, ATTENTION_VO -> 0;
    };
  }

  public String label() {
    return name + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", "
        + where.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
  }
}
