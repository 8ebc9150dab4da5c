package dev.tritium.models.nn;

import dev.tritium.models.count.LayerKind;
import dev.tritium.models.kernel.MaskPackedWeights;
import java.util.Objects;

/**
 * One decoder layer's weights: seven ternary projections and the RMSNorm gains. The sub-layer norm
 * gains are null when the model has no sub-layer norms.
 */
public record LayerWeights(
    float[] inputNorm,
    MaskPackedWeights qProj,
    MaskPackedWeights kProj,
    MaskPackedWeights vProj,
    float[] attnSubNorm,
    MaskPackedWeights oProj,
    float[] postAttentionNorm,
    MaskPackedWeights gateProj,
    MaskPackedWeights upProj,
    float[] ffnSubNorm,
    MaskPackedWeights downProj) {

  public LayerWeights {
    Objects.requireNonNull(inputNorm, "input_layernorm");
    Objects.requireNonNull(qProj, "q_proj");
    Objects.requireNonNull(kProj, "k_proj");
    Objects.requireNonNull(vProj, "v_proj");
    Objects.requireNonNull(oProj, "o_proj");
    Objects.requireNonNull(postAttentionNorm, "post_attention_layernorm");
    Objects.requireNonNull(gateProj, "gate_proj");
    Objects.requireNonNull(upProj, "up_proj");
    Objects.requireNonNull(downProj, "down_proj");
  }

  /** The projection of a kind; rejects non-projection kinds. */
  public MaskPackedWeights projection(LayerKind kind) {
    switch (kind) {
      case Q_PROJ:
        return qProj;
      case K_PROJ:
        return kProj;
      case V_PROJ:
        return vProj;
      case O_PROJ:
        return oProj;
      case GATE_PROJ:
        return gateProj;
      case UP_PROJ:
        return upProj;
      case DOWN_PROJ:
        return downProj;
      default:
        throw new IllegalArgumentException(kind.label() + " is not a ternary projection");
    }
  }
}
