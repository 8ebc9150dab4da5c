package dev.tritium.models.synth;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.kernel.Bf16Matrix;
import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.PackedTernary;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.LayerWeights;
import dev.tritium.models.nn.ModelWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic weights with realistic statistics, generated straight into the kernel layout.
 *
 * <ul>
 *   <li>Ternary weights: each weight is 0 with probability {@code round(zeroFraction * 256) / 256},
 *       otherwise +1 or -1 with equal probability, independently. The default zero fraction 0.31 is
 *       what absmean quantization gives for Gaussian latent weights (P(|w| < 0.5 E|w|) = 0.31);
 *       released b1.58 checkpoints show roughly 30-40%.</li>
 *   <li>Per-tensor scale {@code s_w = sqrt((1 - zeroFraction) * K)}, so a projection roughly keeps the
 *       RMS of its input (1 / s_w is 0.024 for K = 2560, a typical latent |w| mean).</li>
 *   <li>RMSNorm gains ~ N(1, 0.05) and embeddings ~ N(0, 0.02), both rounded to bf16. "N" here is the
 *       Irwin-Hall sum of four 16-bit uniforms (mean and variance exact, tails bounded at 3.46 sigma),
 *       which is fast and deterministic.</li>
 * </ul>
 *
 * <p>Determinism: every row tile of a tensor (and every 256-row block of the embeddings) draws from
 * its own {@link SplittableRandom} seeded by {@code mix(seed, tensor id, block)}, so the weights do not
 * depend on the thread count or on the order in which blocks are generated.
 */
public final class SyntheticWeights {

  /** Default fraction of zero ternary weights. */
  public static final double DEFAULT_ZERO_FRACTION = 0.31;

  private static final int EMBEDDING_BLOCK_ROWS = 256;
  private static final long EMBEDDING_ID = 1L << 40;
  private static final long FINAL_NORM_ID = (1L << 40) + 1;

  private SyntheticWeights() {}

  /** The zero probability actually used: zeroFraction rounded to a multiple of 1/256. */
  public static double effectiveZeroFraction(double zeroFraction) {
    return zeroThreshold(zeroFraction) / 256.0;
  }

  /** Weights for the whole model. */
  public static ModelWeights generate(ModelConfig c, long seed, double zeroFraction, ParallelLoop loop) {
    Bf16Matrix embeddings = gaussianBf16(c.vocabSize(), c.hiddenSize(), 0f, 0.02f, seed, EMBEDDING_ID, loop);
    Bf16Matrix lmHead = c.tiedEmbeddings() ? embeddings
        : gaussianBf16(c.vocabSize(), c.hiddenSize(), 0f, 0.02f, seed, EMBEDDING_ID + 2, loop);
    List<LayerWeights> layers = new ArrayList<>();
    for (int l = 0; l < c.numLayers(); l++) {
      layers.add(layer(c, l, seed, zeroFraction, loop));
    }
    float[] finalNorm = normGains(c.hiddenSize(), seed, FINAL_NORM_ID);
    return new ModelWeights(c, embeddings, layers, finalNorm, lmHead);
  }

  private static LayerWeights layer(ModelConfig c, int l, long seed, double zeroFraction, ParallelLoop loop) {
    PackedTernary[] p = new PackedTernary[7];
    List<LayerKind> kinds = LayerKind.projections();
    for (int i = 0; i < 7; i++) {
      LayerKind kind = kinds.get(i);
      p[i] = TernaryKernels.adopt(
          ternary(kind.outFeatures(c), kind.inFeatures(c), zeroFraction, seed, tensorId(l, i), loop), loop);
    }
    boolean sub = c.subLayerNorms();
    return new LayerWeights(
        normGains(c.hiddenSize(), seed, tensorId(l, 7)), p[0], p[1], p[2],
        sub ? normGains(c.qDim(), seed, tensorId(l, 8)) : null, p[3],
        normGains(c.hiddenSize(), seed, tensorId(l, 9)), p[4], p[5],
        sub ? normGains(c.intermediateSize(), seed, tensorId(l, 10)) : null, p[6]);
  }

  private static long tensorId(int layer, int slot) {
    return (long) layer * 16 + slot;
  }

  /** A seeded random ternary matrix in the kernel layout. */
  public static MaskPackedWeights ternary(int rows, int cols, double zeroFraction, long seed, long tensorId,
      ParallelLoop loop) {
    int threshold = zeroThreshold(zeroFraction);
    int tiles = MaskPackedWeights.tilesFor(rows);
    int words = MaskPackedWeights.wordsFor(cols);
    int tr = MaskPackedWeights.tileRowsFor(rows);
    int[][] plus = new int[tiles * words][];
    int[][] minus = new int[tiles * words][];
    int tailBits = cols - (words - 1) * MaskPackedWeights.WORD_WEIGHTS;
    int tailMask = tailBits == MaskPackedWeights.WORD_WEIGHTS ? -1 : (1 << tailBits) - 1;
    loop.forRange(tiles, (from, to) -> {
      for (int tile = from; tile < to; tile++) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, tensorId, tile));
        int live = Math.min(tr, rows - tile * tr);
        for (int w = 0; w < words; w++) {
          int[] p = new int[tr];
          int[] m = new int[tr];
          int colMask = w == words - 1 ? tailMask : -1;
          for (int r = 0; r < live; r++) {
            int nonzero = nonzeroMask(rnd, threshold) & colMask;
            int sign = rnd.nextInt();
            p[r] = nonzero & sign;
            m[r] = nonzero & ~sign;
          }
          plus[tile * words + w] = p;
          minus[tile * words + w] = m;
        }
      }
    });
    float scale = (float) Math.sqrt((1 - effectiveZeroFraction(zeroFraction)) * cols);
    return MaskPackedWeights.fromMasks(rows, cols, Math.max(scale, 1f), plus, minus);
  }

  /** 32 independent bits, each set with probability 1 - threshold/256 (a bit-sliced R >= threshold). */
  private static int nonzeroMask(SplittableRandom rnd, int threshold) {
    if (threshold >= 256) {
      return 0;
    }
    int gt = 0;
    int eq = -1;
    long a = 0;
    for (int bit = 7; bit >= 0; bit--) {
      int r;
      if ((bit & 1) == 1) {
        a = rnd.nextLong();
        r = (int) (a >>> 32);
      } else {
        r = (int) a;
      }
      if (((threshold >>> bit) & 1) == 0) {
        gt |= eq & r;
        eq &= ~r;
      } else {
        eq &= r;
      }
    }
    return gt | eq;
  }

  private static int zeroThreshold(double zeroFraction) {
    if (!(zeroFraction >= 0 && zeroFraction <= 1)) {
      throw new IllegalArgumentException("zero fraction must be in [0, 1], got " + zeroFraction);
    }
    return (int) Math.round(zeroFraction * 256);
  }

  /** A seeded approximately-Gaussian bf16 matrix. */
  public static Bf16Matrix gaussianBf16(int rows, int cols, float mean, float sigma, long seed, long tensorId,
      ParallelLoop loop) {
    short[] bits = new short[Math.multiplyExact(rows, cols)];
    int blocks = (rows + EMBEDDING_BLOCK_ROWS - 1) / EMBEDDING_BLOCK_ROWS;
    loop.forRange(blocks, (from, to) -> {
      for (int b = from; b < to; b++) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, tensorId, b));
        int end = Math.min(rows, (b + 1) * EMBEDDING_BLOCK_ROWS) * cols;
        for (int i = b * EMBEDDING_BLOCK_ROWS * cols; i < end; i++) {
          bits[i] = Bf16Matrix.toBf16(mean + sigma * irwinHall4(rnd.nextLong()));
        }
      }
    });
    return new Bf16Matrix(rows, cols, bits);
  }

  private static float[] normGains(int d, long seed, long tensorId) {
    SplittableRandom rnd = new SplittableRandom(mix(seed, tensorId, 0));
    float[] g = new float[d];
    for (int i = 0; i < d; i++) {
      g[i] = Bf16Matrix.toFloat(Bf16Matrix.toBf16(1f + 0.05f * irwinHall4(rnd.nextLong())));
    }
    return g;
  }

  /** Sum of four 16-bit uniforms from one long, centred and scaled to unit variance. */
  static float irwinHall4(long r) {
    long s = (r & 0xffff) + ((r >>> 16) & 0xffff) + ((r >>> 32) & 0xffff) + (r >>> 48);
    // Each uniform is (u + 0.5) / 65536 on (0, 1): mean 2 and variance 4/12 for the sum.
    double sum = (s + 2.0) / 65536.0;
    return (float) ((sum - 2.0) * Math.sqrt(3.0));
  }

  /** SplitMix64-style mixing of the seed, a tensor id and a block index. */
  static long mix(long seed, long tensorId, long block) {
    long z = seed + 0x9E3779B97F4A7C15L * (tensorId * 0x100000001B3L + block + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
