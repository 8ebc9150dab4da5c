package dev.tritium.models.config;

/** The gated FFN's activation: {@code f = act(gate(x)) * up(x)}. A config field, never hard-coded. */
public enum Activation {
  /** relu(x)^2, as in bitnet-b1.58-2B-4T ({@code hidden_act: "relu2"}). */
  RELU2,
  /** x * sigmoid(x), as in the LLaMA-style 1bitLLM / HF1BitLLM checkpoints ({@code hidden_act: "silu"}). */
  SILU;

  /** Maps a Hugging Face {@code hidden_act} string; returns null when unknown so callers can name the file. */
  public static Activation fromHfName(String name) {
    if (name == null) {
      return null;
    }
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "relu2":
      case "relu_squared":
      case "squared_relu":
        return RELU2;
      case "silu":
      case "swish":
        return SILU;
      default:
        return null;
    }
  }
}
