package dev.tritium.models.format;

import dev.tritium.models.nn.KvStore;

/**
 * How the attention KV cache is stored, independent of the weight format (any weight format composes with
 * any KV format). {@link KvCacheFormats#parse} reads the {@code --kv-format} spec.
 *
 * <p>Numerics of {@link #store}, per token (one row of {@code dim} values, e.g. kv_heads x head_dim of one
 * layer's keys or values): fp16 rounds each value to fp16 (ties to even); an integer format puts every group
 * of G consecutive values on the asymmetric b-bit grid of {@link IntGrid} (fp16 step, b-bit zero-point; the
 * last group may be shorter) and reads back {@code (float) (q - z) * step}. Pivot tokens (positions
 * {@code < pivots}) are stored fp16 whatever the format.
 */
public sealed interface KvCacheFormat extends KvStore {

  /** The canonical spec: parsing it gives an equal format. */
  String name();

  /** Tokens at positions 0 .. pivots - 1 kept in fp16. */
  int pivots();

  /** Stored bits per cached value of an ordinary (non-pivot) token of {@code dim} values, scales included. */
  double bitsPerValue(int dim);

  /** Stored bits per cached value averaged over a context of {@code tokens} positions (pivots at 16 bits). */
  default double averageBitsPerValue(int dim, long tokens) {
    if (dim <= 0 || tokens <= 0) {
      throw new IllegalArgumentException("KV cache: dim and tokens must be positive, got " + dim + ", " + tokens);
    }
    long p = Math.min(pivots(), tokens);
    return (p * 16.0 + (tokens - p) * bitsPerValue(dim)) / tokens;
  }

  /**
   * The values the cache returns for {@code kv [tokens][dim]} written at positions {@code firstPosition ..
   * firstPosition + tokens - 1} (class comment).
   */
  @Override
  default float[] store(float[] kv, int tokens, int dim, long firstPosition) {
    FormatMath.checkActivations(kv, tokens, dim);
    if (firstPosition < 0) {
      throw new IllegalArgumentException("KV cache: first position must be >= 0, got " + firstPosition);
    }
    float[] out = new float[kv.length];
    for (int t = 0; t < tokens; t++) {
      int o = t * dim;
      java.util.Optional<Int> g = grid();
      if (firstPosition + t < pivots() || g.isEmpty()) {
        for (int i = 0; i < dim; i++) {
          out[o + i] = ScaleType.FP16.round(kv[o + i]);
        }
      } else {
        float[] row = java.util.Arrays.copyOfRange(kv, o, o + dim);
        IntGrid.Codes c = IntGrid.quantize(row, 1, dim, g.get().group(), g.get().bits(), false);
        System.arraycopy(c.dequantize(), 0, out, o, dim);
      }
    }
    return out;
  }

  /**
   * Bytes of one token's row of {@code dim} values at {@code position}: 2 per value for a pivot or an fp16 cache;
   * otherwise ceil((dim * b + groups * (16 + b)) / 8), the codes plus an fp16 step and a b-bit zero-point per group.
   */
  @Override
  default long storedBytes(int dim, long position) {
    java.util.Optional<Int> g = grid();
    if (position < pivots() || g.isEmpty()) {
      return 2L * dim;
    }
    int b = g.get().bits();
    long groups = (dim + g.get().group() - 1) / g.get().group();
    return ((long) dim * b + groups * (16 + b) + 7) / 8;
  }

  /** The integer grid of ordinary tokens; empty for fp16. */
  java.util.Optional<Int> grid();

  /** fp16 cache: 16 bits per value. */
  record Fp16() implements KvCacheFormat {
    @Override
    public String name() {
      return "fp16";
    }

    @Override
    public int pivots() {
      return 0;
    }

    @Override
    public double bitsPerValue(int dim) {
      return 16;
    }

    @Override
    public java.util.Optional<Int> grid() {
      return java.util.Optional.empty();
    }
  }

  /**
   * b-bit asymmetric integers per token and group of G values: {@code b + ceil(dim / G) (16 + b) / dim} bits
   * per value (an fp16 step and a b-bit zero-point per group).
   */
  record Int(int bits, int group) implements KvCacheFormat {
    public Int {
      IntGrid.checkBits(bits, "KV cache bits");
      if (group <= 0) {
        throw new IllegalArgumentException("KV cache group must be positive, got " + group);
      }
    }

    @Override
    public String name() {
      return "int" + bits + ":group=" + group;
    }

    @Override
    public int pivots() {
      return 0;
    }

    @Override
    public double bitsPerValue(int dim) {
      return bits + (double) ((dim + group - 1) / group) * (16 + bits) / dim;
    }

    @Override
    public java.util.Optional<Int> grid() {
      return java.util.Optional.of(this);
    }
  }

  /**
   * IntactKV (Liu et al. 2024, arXiv 2403.01241): the KV of the first {@code pivots} tokens (the attention
   * sinks: [BOS] and what follows) is kept lossless in fp16, the rest is {@link Int}(bits, group).
   */
  record IntactKv(int bits, int group, int pivots) implements KvCacheFormat {
    public IntactKv {
      IntGrid.checkBits(bits, "intactkv: bits");
      if (group <= 0 || pivots < 0) {
        throw new IllegalArgumentException("intactkv: group must be positive and pivots >= 0, got group " + group
            + ", pivots " + pivots);
      }
    }

    @Override
    public String name() {
      return "intactkv:bits=" + bits + ",pivots=" + pivots + ",group=" + group;
    }

    @Override
    public double bitsPerValue(int dim) {
      return new Int(bits, group).bitsPerValue(dim);
    }

    @Override
    public java.util.Optional<Int> grid() {
      return java.util.Optional.of(new Int(bits, group));
    }
  }
}
