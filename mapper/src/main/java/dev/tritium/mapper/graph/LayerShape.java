package dev.tritium.mapper.graph;

/**
 * Which tokens one decoder-layer graph processes: {@code tokens} new tokens at positions
 * {@code start .. start + tokens - 1}, causal, so token t attends to {@code start + t + 1} keys.
 * Decode is {@code (context, 1)}: one token with {@code context} positions already cached;
 * prefill is {@code (0, M)}.
 */
public record LayerShape(int start, int tokens) {

  public LayerShape {
    if (start < 0 || tokens < 1) {
      throw new IllegalArgumentException("layer shape needs start >= 0 and tokens >= 1, got start " + start
          + ", tokens " + tokens);
    }
  }

  public static LayerShape decode(int context) {
    return new LayerShape(context, 1);
  }

  public static LayerShape prefill(int tokens) {
    return new LayerShape(0, tokens);
  }

  /** Keys the last token attends to (its own included). */
  public int maxKeys() {
    return start + tokens;
  }

  /** Keys summed over the tokens: sum_{t=1..M} (start + t), as models' {@code Phase.attendedKeys()}. */
  public long attendedKeys() {
    return (long) tokens * start + (long) tokens * (tokens + 1) / 2;
  }
}
