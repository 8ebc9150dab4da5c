package dev.tritium.models.nn;

import dev.tritium.models.config.Activation;

/**
 * The FFN gating {@code f = act(gate) * up}, fp32: relu2 {@code r = max(g, 0); f = (r * r) * u};
 * silu {@code f = (g / (1 + (float) exp(-g))) * u} (exp in double rounded once).
 */
public final class FeedForwardActivation {

  private FeedForwardActivation() {}

  /** f[i] = act(gate[i]) * up[i], written into gate. */
  public static void applyInPlace(Activation act, float[] gate, float[] up) {
    switch (act) {
      case RELU2:
        for (int i = 0; i < gate.length; i++) {
          float r = Math.max(gate[i], 0f);
          gate[i] = (r * r) * up[i];
        }
        break;
      case SILU:
        for (int i = 0; i < gate.length; i++) {
          float g = gate[i];
          gate[i] = (g / (1f + (float) Math.exp(-g))) * up[i];
        }
        break;
      default:
        throw new IllegalArgumentException("unsupported activation " + act);
    }
  }
}
