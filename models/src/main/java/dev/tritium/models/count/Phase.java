package dev.tritium.models.count;

/**
 * A forward call: {@code tokens} new tokens at positions {@code start .. start+tokens-1} (the cache
 * holds {@code start} positions before), logits computed for the last {@code logitTokens}.
 */
public record Phase(int start, int tokens, int logitTokens) {

  public Phase {
    if (start < 0 || tokens <= 0 || logitTokens < 0 || logitTokens > tokens) {
      throw new IllegalArgumentException("phase needs start >= 0, tokens > 0 and 0 <= logitTokens <= tokens, got start "
          + start + ", tokens " + tokens + ", logitTokens " + logitTokens);
    }
  }

  /** Prefill of M tokens from an empty cache, logits for the last token. */
  public static Phase prefill(int tokens) {
    return new Phase(0, tokens, 1);
  }

  /** Decode of one token with {@code context} tokens already cached. */
  public static Phase decode(int context) {
    return new Phase(context, 1, 1);
  }

  /** Sum over the call's query tokens of the keys each attends to: sum_{t=1..M} (start + t). */
  public long attendedKeys() {
    return (long) tokens * start + (long) tokens * (tokens + 1) / 2;
  }
}
