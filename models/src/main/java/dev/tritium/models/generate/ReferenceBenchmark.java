package dev.tritium.models.generate;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.kernel.PackedActivations;
import dev.tritium.models.kernel.PackedTernary;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.MemoryBandwidth;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.nn.KvCache;
import dev.tritium.models.nn.LayerWeights;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/** The measurements behind {@code tritium bench reference}: GEMV per shape, memory bandwidth, decode token. */
public final class ReferenceBenchmark {

  /** The four ternary GEMV shapes of bitnet-b1.58-2B-4T, rows x cols (N x K). */
  public static final int[][] SHAPES_2B4T = {{2560, 2560}, {640, 2560}, {6912, 2560}, {2560, 6912}};

  /**
   * One GEMV shape's medians.
   *
   * @param streamedMs median time of one GEMV whose weights come from DRAM (a rotating set larger than the caches)
   * @param cachedMs median time of one GEMV repeated on the same (cache-resident) weights
   */
  public record GemvResult(int rows, int cols, long weightBytes, double streamedMs, double cachedMs) {

    /** Ternary multiply-accumulates per second, in units of 1e9, streamed from DRAM. */
    public double streamedGmacPerS() {
      return (double) rows * cols / (streamedMs * 1e6);
    }

    /** Packed-weight bytes per second, in units of 1e9, streamed from DRAM. */
    public double streamedWeightGBps() {
      return weightBytes / (streamedMs * 1e6);
    }

    /** Same, cache-resident. */
    public double cachedGmacPerS() {
      return (double) rows * cols / (cachedMs * 1e6);
    }
  }

  /**
   * Where a decode token's time goes (medians, ms): the 7 x layers ternary GEMVs alone, the LM head
   * mat-vec alone, and the rest (norms, quantization, RoPE, attention, dequantization, residuals); and the machine's
   * read bandwidth measured around the timed blocks ({@code bandwidthGBps}, median of three), so that the ratios to
   * it come from the same minutes as the times.
   */
  public record DecodeBreakdown(double tokenMs, double ternaryGemvMs, double lmHeadMs, long ternaryWeightBytes,
      long lmHeadBytes, double bandwidthGBps) {

    public double otherMs() {
      return tokenMs - ternaryGemvMs - lmHeadMs;
    }

    /** Packed ternary weight bytes read per second by the token's GEMVs, in units of 1e9. */
    public double ternaryGemvGBps() {
      return ternaryWeightBytes / (ternaryGemvMs * 1e6);
    }

    /** LM head (bf16) bytes read per second, in units of 1e9. */
    public double lmHeadGBps() {
      return lmHeadBytes / (lmHeadMs * 1e6);
    }

    /**
     * The whole token's weight bytes (ternary and LM head) per second of the token, in units of 1e9: divided by the
     * machine's read bandwidth, the fraction of that bandwidth the token runs at.
     */
    public double tokenWeightGBps() {
      return (ternaryWeightBytes + lmHeadBytes) / (tokenMs * 1e6);
    }

    /** The token's time if both weight streams ran at {@code bandwidthGBps}: the memory floor of these two parts. */
    public double weightStreamFloorMs(double bandwidthGBps) {
      return (ternaryWeightBytes + lmHeadBytes) / (bandwidthGBps * 1e6);
    }
  }

  private ReferenceBenchmark() {}

  /**
   * Times decode tokens, all of a token's ternary GEMVs alone and its LM head alone. After the warm-ups (token, GEMV
   * pass and LM head in turn, untimed) come three blocks in the same second or two: {@code bandwidthGBps} once, two
   * untimed tokens (whatever the probe leaves behind, a C process releasing its gigabyte, must not land in a timed
   * token), {@code reps} timed tokens back to back as a decode runs them; the probe again, one untimed pass of each
   * part, {@code reps} timed GEMV passes each followed by a timed LM head; the probe a third time. The bandwidth is
   * the median of the three probes. Timing a probe before every token (the earlier form) made the token 5-15 %
   * slower than the same token in a run of tokens, which is what a decode and bitnet.cpp's llama-bench measure.
   */
  public static DecodeBreakdown decodeBreakdown(BitNetModel model, int context, int warmups, int reps,
      ParallelLoop loop, DoubleSupplier bandwidthGBps) {
    ModelConfig c = model.config();
    SplittableRandom rnd = new SplittableRandom(3);
    Map<Integer, PackedActivations> inputByK = new HashMap<>();
    for (int k : new int[] {c.hiddenSize(), c.qDim(), c.intermediateSize()}) {
      float[] x = new float[k];
      for (int i = 0; i < k; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      QuantizedActivations q = Quantizers.quantizeActivations(x, 1, k);
      inputByK.put(k, new PackedActivations(q));
    }
    int[] acc = new int[Math.max(c.intermediateSize(), Math.max(c.hiddenSize(), c.qDim()))];
    float[] x = new float[c.hiddenSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] scratchLogits = new float[c.vocabSize()];
    KvCache cache = model.newCache(context + warmups + SETTLE_TOKENS + reps + 1);
    OpCounter counter = new OpCounter(List.of());
    float[][] logits = model.forward(GreedyGeneration.seededPrompt(context, c.vocabSize(), 7), cache, 1, loop, counter);
    double[] token = new double[reps];
    double[] gemv = new double[reps];
    double[] head = new double[reps];
    double[] bandwidth = new double[3];
    for (int rep = 0; rep < warmups; rep++) {
      logits = model.forward(new int[] {GreedyGeneration.argmax(logits[0])}, cache, 1, loop, counter);
      gemvPass(model, inputByK, acc, loop);
      model.weights().lmHead().matVec(x, scratchLogits, loop);
      counter.reset();
    }
    bandwidth[0] = bandwidthGBps.getAsDouble();
    for (int settle = 0; settle < SETTLE_TOKENS; settle++) {
      logits = model.forward(new int[] {GreedyGeneration.argmax(logits[0])}, cache, 1, loop, counter);
    }
    for (int rep = 0; rep < reps; rep++) {
      int next = GreedyGeneration.argmax(logits[0]);
      long t0 = System.nanoTime();
      logits = model.forward(new int[] {next}, cache, 1, loop, counter);
      token[rep] = (System.nanoTime() - t0) / 1e6;
      counter.reset();
    }
    bandwidth[1] = bandwidthGBps.getAsDouble();
    gemvPass(model, inputByK, acc, loop);
    model.weights().lmHead().matVec(x, scratchLogits, loop);
    for (int rep = 0; rep < reps; rep++) {
      long t1 = System.nanoTime();
      gemvPass(model, inputByK, acc, loop);
      long t2 = System.nanoTime();
      model.weights().lmHead().matVec(x, scratchLogits, loop);
      long t3 = System.nanoTime();
      gemv[rep] = (t2 - t1) / 1e6;
      head[rep] = (t3 - t2) / 1e6;
    }
    bandwidth[2] = bandwidthGBps.getAsDouble();
    long ternaryBytes = 0;
    for (LayerWeights l : model.weights().layers()) {
      for (LayerKind kind : LayerKind.projections()) {
        ternaryBytes += l.projection(kind).storageBytes();
      }
    }
    return new DecodeBreakdown(MemoryBandwidth.median(token), MemoryBandwidth.median(gemv), MemoryBandwidth.median(head),
        ternaryBytes, model.weights().lmHead().storageBytes(), MemoryBandwidth.median(bandwidth));
  }

  /**
   * Decode runs timed as {@code llama-bench -n N} times them: each run starts from an empty cache, prefills one
   * seeded token (untimed), then decodes {@code tokens} tokens in a row (contexts 2 .. tokens + 1) and records their
   * mean, since llama-bench's tokens per second is N over the time of the N tokens. One untimed run first, as
   * llama-bench warms up before its repetitions: a JVM also compiles during it.
   *
   * @param meanMs each timed run's mean ms per token
   */
  public record DecodeRuns(int tokens, double[] meanMs) {

    /** The median of the runs' means. */
    public double medianMs() {
      return MemoryBandwidth.median(meanMs);
    }
  }

  /** {@link DecodeRuns} of {@code runs} timed runs of {@code tokens} tokens (after one untimed run). */
  public static DecodeRuns decodeRuns(BitNetModel model, int tokens, int runs, ParallelLoop loop) {
    if (tokens < 1 || runs < 1) {
      throw new IllegalArgumentException("decode runs need at least one token and one run, got " + tokens + " and "
          + runs);
    }
    int[] prompt = GreedyGeneration.seededPrompt(1, model.config().vocabSize(), 7);
    OpCounter counter = new OpCounter(List.of());
    double[] means = new double[runs];
    for (int run = -1; run < runs; run++) {
      KvCache cache = model.newCache(tokens + 1);
      float[][] logits = model.forward(prompt, cache, 1, loop, counter);
      counter.reset();
      long t0 = System.nanoTime();
      for (int i = 0; i < tokens; i++) {
        logits = model.forward(new int[] {GreedyGeneration.argmax(logits[0])}, cache, 1, loop, counter);
        counter.reset();
      }
      if (run >= 0) {
        means[run] = (System.nanoTime() - t0) / 1e6 / tokens;
      }
    }
    return new DecodeRuns(tokens, means);
  }

  /** Untimed tokens between the first probe and the timed tokens. */
  private static final int SETTLE_TOKENS = 2;

  /** Every ternary GEMV of a token, each on a prepared input of its K. */
  private static void gemvPass(BitNetModel model, Map<Integer, PackedActivations> inputByK, int[] acc,
      ParallelLoop loop) {
    for (LayerWeights l : model.weights().layers()) {
      for (LayerKind kind : LayerKind.projections()) {
        PackedTernary w = l.projection(kind);
        w.accumulate(inputByK.get(w.cols()), acc, loop);
      }
    }
  }

  /** A seeded random matrix in the layout the selected kernel reads. */
  private static PackedTernary synthetic(int rows, int cols, long tensorId, ParallelLoop loop) {
    return TernaryKernels.adopt(
        SyntheticWeights.ternary(rows, cols, SyntheticWeights.DEFAULT_ZERO_FRACTION, 42, tensorId, loop), loop);
  }

  /**
   * Times one GEMV shape: {@code streamBytes} worth of distinct matrices are cycled so weights stream
   * from memory; {@code reps} timed passes after {@code warmups}.
   */
  public static GemvResult gemv(int rows, int cols, long streamBytes, int warmups, int reps, ParallelLoop loop) {
    List<PackedTernary> ws = new ArrayList<>();
    ws.add(synthetic(rows, cols, 0, loop));
    long bytes = ws.get(0).storageBytes();
    int copies = (int) Math.max(1, Math.min(100_000, (streamBytes + bytes - 1) / bytes));
    for (int c = 1; c < copies; c++) {
      ws.add(synthetic(rows, cols, c, loop));
    }
    SplittableRandom rnd = new SplittableRandom(1);
    float[] x = new float[cols];
    for (int i = 0; i < cols; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    QuantizedActivations q = Quantizers.quantizeActivations(x, 1, cols);
    PackedActivations input = new PackedActivations(q);
    int[] acc = new int[rows];
    double[] streamed = new double[reps];
    for (int rep = -warmups; rep < reps; rep++) {
      long t0 = System.nanoTime();
      for (PackedTernary w : ws) {
        w.accumulate(input, acc, loop);
      }
      if (rep >= 0) {
        streamed[rep] = (System.nanoTime() - t0) / 1e6 / copies;
      }
    }
    PackedTernary hot = ws.get(0);
    ws.clear();
    int inner = (int) Math.max(1, Math.min(2000, (64L << 20) / bytes));
    double[] cached = new double[reps];
    for (int rep = -warmups; rep < reps; rep++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < inner; i++) {
        hot.accumulate(input, acc, loop);
      }
      if (rep >= 0) {
        cached[rep] = (System.nanoTime() - t0) / 1e6 / inner;
      }
    }
    return new GemvResult(rows, cols, bytes, MemoryBandwidth.median(streamed), MemoryBandwidth.median(cached));
  }

  /** Median decode-token time in ms on synthetic weights: prefill {@code context} tokens, then time {@code steps} decodes. */
  public static double decodeTokenMs(BitNetModel model, int context, int warmups, int steps, ParallelLoop loop) {
    ModelConfig c = model.config();
    KvCache cache = model.newCache(context + warmups + steps);
    OpCounter counter = new OpCounter(List.of());
    int[] prompt = GreedyGeneration.seededPrompt(context, c.vocabSize(), 7);
    float[][] logits = model.forward(prompt, cache, 1, loop, counter);
    double[] ms = new double[steps];
    for (int i = -warmups; i < steps; i++) {
      int next = GreedyGeneration.argmax(logits[0]);
      long t0 = System.nanoTime();
      logits = model.forward(new int[] {next}, cache, 1, loop, counter);
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      counter.reset();
    }
    return MemoryBandwidth.median(ms);
  }
}
