package dev.tritium.models.nn;

import dev.tritium.models.count.LayerKind;
import dev.tritium.models.kernel.PackedTernary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoder layer's weights: seven projections and the RMSNorm gains. The sub-layer norm gains are null when the
 * model has no sub-layer norms. A projection is ternary (BitLinear, int8 activations), or, for a weight format with
 * fp16 activations (OneBit, PB-LLM, BiLLM, TernaryLLM), a {@link FormatProjection} in {@code formatProjections},
 * whose ternary slot is then null.
 */
public record LayerWeights(
    float[] inputNorm,
    PackedTernary qProj,
    PackedTernary kProj,
    PackedTernary vProj,
    float[] attnSubNorm,
    PackedTernary oProj,
    float[] postAttentionNorm,
    PackedTernary gateProj,
    PackedTernary upProj,
    float[] ffnSubNorm,
    PackedTernary downProj,
    Map<LayerKind, FormatProjection> formatProjections) {

  /** Seven ternary projections. */
  public LayerWeights(float[] inputNorm, PackedTernary qProj, PackedTernary kProj, PackedTernary vProj,
      float[] attnSubNorm, PackedTernary oProj, float[] postAttentionNorm, PackedTernary gateProj,
      PackedTernary upProj, float[] ffnSubNorm, PackedTernary downProj) {
    this(inputNorm, qProj, kProj, vProj, attnSubNorm, oProj, postAttentionNorm, gateProj, upProj, ffnSubNorm, downProj,
        Map.of());
  }

  /** Seven projections in a weight format with fp16 activations, and the gains. */
  public static LayerWeights ofFormat(float[] inputNorm, float[] attnSubNorm, float[] postAttentionNorm,
      float[] ffnSubNorm, Map<LayerKind, ? extends FormatProjection> projections) {
    return new LayerWeights(inputNorm, null, null, null, attnSubNorm, null, postAttentionNorm, null, null, ffnSubNorm,
        null, Map.copyOf(projections));
  }

  public LayerWeights {
    Objects.requireNonNull(inputNorm, "input_layernorm");
    Objects.requireNonNull(postAttentionNorm, "post_attention_layernorm");
    formatProjections = Map.copyOf(formatProjections);
    PackedTernary[] ternary = {qProj, kProj, vProj, oProj, gateProj, upProj, downProj};
    List<LayerKind> kinds = LayerKind.projections();
    for (int i = 0; i < kinds.size(); i++) {
      if ((ternary[i] == null) == !formatProjections.containsKey(kinds.get(i))) {
        throw new IllegalArgumentException(kinds.get(i).label() + ": expected either a ternary projection or a"
            + " format projection");
      }
    }
  }

  /** The projection of a kind in a format with fp16 activations, or empty for a ternary one. */
  public Optional<FormatProjection> formatProjection(LayerKind kind) {
    return Optional.ofNullable(formatProjections.get(kind));
  }

  /** The ternary projection of a kind, null when the layer holds it in a format; rejects non-projection kinds. */
  public PackedTernary projection(LayerKind kind) {
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

  /** The ternary projection of a kind; rejects a kind this layer holds in a format with fp16 activations. */
  public PackedTernary ternary(LayerKind kind) {
    PackedTernary p = projection(kind);
    if (p == null) {
      throw new IllegalArgumentException(kind.label() + " is held in a weight format with fp16 activations");
    }
    return p;
  }
}
