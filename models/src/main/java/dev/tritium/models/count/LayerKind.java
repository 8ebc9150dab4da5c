package dev.tritium.models.count;

import java.util.Locale;

/** Where counted work happens; the breakdown of {@link CountBreakdown}. */
public enum LayerKind {
  Q_PROJ, K_PROJ, V_PROJ, O_PROJ, GATE_PROJ, UP_PROJ, DOWN_PROJ,
  /** Per-token absmax int8 quantization of each BitLinear input (q/k/v share one, gate/up share one). */
  ACT_QUANT,
  /** QK^T, scaling, softmax and PV. */
  ATTENTION,
  ROPE,
  /** Every RMSNorm: input, post-attention, sub-layer and final norms. */
  NORMS,
  /** The FFN gating act(gate) * up. */
  FFN_ACT,
  RESIDUAL,
  EMBEDDING,
  LM_HEAD;

  /** Report label, e.g. {@code q_proj}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** N (output features) of a projection kind in a model. */
  public int outFeatures(dev.tritium.models.config.ModelConfig c) {
    switch (this) {
      case Q_PROJ:
        return c.qDim();
      case K_PROJ:
      case V_PROJ:
        return c.kvDim();
      case O_PROJ:
      case DOWN_PROJ:
        return c.hiddenSize();
      case GATE_PROJ:
      case UP_PROJ:
        return c.intermediateSize();
      default:
        throw new IllegalArgumentException(label() + " is not a ternary projection");
    }
  }

  /** K (input features) of a projection kind in a model. */
  public int inFeatures(dev.tritium.models.config.ModelConfig c) {
    switch (this) {
      case O_PROJ:
        return c.qDim();
      case DOWN_PROJ:
        return c.intermediateSize();
      default:
        if (!isProjection()) {
          throw new IllegalArgumentException(label() + " is not a ternary projection");
        }
        return c.hiddenSize();
    }
  }

  /** The seven projections in layer order. */
  public static java.util.List<LayerKind> projections() {
    return java.util.List.of(Q_PROJ, K_PROJ, V_PROJ, O_PROJ, GATE_PROJ, UP_PROJ, DOWN_PROJ);
  }

  /** True for the seven ternary projections. */
  public boolean isProjection() {
    return ordinal() <= DOWN_PROJ.ordinal();
  }
}
