package dev.tritium.models.generate;

import dev.tritium.models.count.CountBreakdown;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.count.PackingSize;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.nn.KvCache;
import dev.tritium.models.nn.KvStore;
import java.util.List;
import java.util.SplittableRandom;

/** Prefill a prompt, then greedy-decode: the {@code tritium reference generate} job. */
public final class GreedyGeneration {

  /**
   * What a run produced and measured.
   *
   * @param prompt prompt token ids
   * @param generated greedy token ids, in order
   * @param prefillMs wall time of the prefill (all prompt tokens, logits of the last)
   * @param decodeMs wall time of each decode step
   * @param prefillCounts counts of the prefill
   * @param lastDecodeCounts counts of the last decode step (context = prompt + generated - 1)
   */
  public record Result(int[] prompt, int[] generated, double prefillMs, double[] decodeMs, CountBreakdown prefillCounts,
      CountBreakdown lastDecodeCounts) {

    /** Median decode step time; 0 when nothing was decoded. */
    public double medianDecodeMs() {
      if (decodeMs.length == 0) {
        return 0;
      }
      double[] s = decodeMs.clone();
      java.util.Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * Mean decode step time (all steps' time over their count); 0 when nothing was decoded. This is what
     * {@code llama-bench -n N} reports as tokens per second (N over the time of the N tokens), so it is the figure to
     * set beside bitnet.cpp's; a step the machine delayed counts in full here and not in the median.
     */
    public double meanDecodeMs() {
      double sum = 0;
      for (double ms : decodeMs) {
        sum += ms;
      }
      return decodeMs.length == 0 ? 0 : sum / decodeMs.length;
    }
  }

  private GreedyGeneration() {}

  /** A seeded prompt of uniformly drawn token ids. */
  public static int[] seededPrompt(int length, int vocab, long seed) {
    if (length <= 0) {
      throw new IllegalArgumentException("--prompt-tokens must be positive, got " + length);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] p = new int[length];
    for (int i = 0; i < length; i++) {
      p[i] = rnd.nextInt(vocab);
    }
    return p;
  }

  /** Index of the largest logit; the lowest index wins ties. */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Prefills the prompt, then decodes {@code newTokens} tokens greedily (the first comes from the prefill's logits). */
  public static Result run(BitNetModel model, int[] prompt, int newTokens, ParallelLoop loop, List<PackingSize> packings) {
    return run(model, prompt, newTokens, loop, packings, KvStore.FP32);
  }

  /** The same, with the KV cache kept as {@code kvStore} gives it back (a low-bit KV-cache format). */
  public static Result run(BitNetModel model, int[] prompt, int newTokens, ParallelLoop loop, List<PackingSize> packings,
      KvStore kvStore) {
    if (newTokens < 0) {
      throw new IllegalArgumentException("--tokens must be non-negative, got " + newTokens);
    }
    KvCache cache = model.newCache(prompt.length + Math.max(newTokens, 1), kvStore);
    OpCounter counter = new OpCounter(packings);
    long t0 = System.nanoTime();
    float[][] logits = model.forward(prompt, cache, 1, loop, counter);
    double prefillMs = (System.nanoTime() - t0) / 1e6;
    CountBreakdown prefillCounts = counter.snapshot();
    int[] generated = new int[newTokens];
    double[] decodeMs = new double[Math.max(0, newTokens - 1)];
    CountBreakdown last = null;
    for (int i = 0; i < newTokens; i++) {
      generated[i] = argmax(logits[0]);
      if (i + 1 < newTokens) {
        counter.reset();
        long t = System.nanoTime();
        logits = model.forward(new int[] {generated[i]}, cache, 1, loop, counter);
        decodeMs[i] = (System.nanoTime() - t) / 1e6;
        last = counter.snapshot();
      }
    }
    return new Result(prompt.clone(), generated, prefillMs, decodeMs, prefillCounts, last);
  }
}
