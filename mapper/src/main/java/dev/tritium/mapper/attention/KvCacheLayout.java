package dev.tritium.mapper.attention;

import dev.tritium.isa.KvCodes;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.simulator.config.AttentionConfig.KvQuant;
import java.util.Optional;

/**
 * One layer's KV cache in DRAM (mapper/README.md, "Attention"). Unquantized: K and V as
 * {@code [kv_head][position][head_dim]} values of {@code dtype}; for int8 also their fp32 inverse scales
 * {@code [kv_head][position]} (1/s with s = 127/absmax of that token's head vector); an fp16 cache has no scales.
 *
 * <p>Quantized ({@code quant} present, dtype fp16: what attention reads): records as VEC.KV_QUANT writes them
 * ({@link KvCodes}: packed b-bit codes, then an fp16 step and a zero-point byte per group), one per position and
 * <em>unit</em>: when the group divides head_dim (G = head_dim = 128 in LLaMA-style models) a unit is one kv head's
 * head_dim values, so attention reads one head at a time as for an fp16 cache; otherwise (a group straddles heads)
 * the unit is the token's whole kv_dim row. Records are {@code [unit][position][record]} for K, then for V; the
 * pivot positions {@code 0 .. pivots - 1} (IntactKV) are fp16 rows {@code [unit][position][unit values]}, K then V,
 * ahead of the records.
 */
public record KvCacheLayout(long base, int kvHeads, int capacity, int headDim, KvDatatype dtype,
    Optional<KvQuant> quant) {

  public KvCacheLayout {
    java.util.Objects.requireNonNull(dtype, "dtype");
    java.util.Objects.requireNonNull(quant, "quant");
    if (quant.isPresent() && dtype != KvDatatype.FP16) {
      throw new IllegalArgumentException("a quantized KV cache is read back as fp16, so its dtype must be FP16, got "
          + dtype);
    }
  }

  /** An unquantized cache. */
  public KvCacheLayout(long base, int kvHeads, int capacity, int headDim, KvDatatype dtype) {
    this(base, kvHeads, capacity, headDim, dtype, Optional.empty());
  }

  /** Bytes of one cached value (an unquantized cache, or a pivot and what attention reads of a quantized one). */
  public int valueBytes() {
    return dtype.bytes();
  }

  public boolean quantized() {
    return quant.isPresent();
  }

  /** Values of one token's K (or V) row. */
  public int kvDim() {
    return kvHeads * headDim;
  }

  /**
   * The grid of a quantized cache's records: the reference's group, capped at the row (a group at least as long as
   * the row is the whole row either way).
   *
   * @throws IllegalArgumentException when that group exceeds what VEC.KV_QUANT's imm holds
   */
  public KvCodes codes() {
    KvQuant q = quant.orElseThrow(() -> new IllegalStateException("an unquantized KV cache has no codes"));
    int group = Math.min(q.group(), kvDim());
    if (group > KvCodes.MAX_GROUP) {
      throw new IllegalArgumentException("attention.kv_group: a group of " + group + " values exceeds the "
          + KvCodes.MAX_GROUP + " VEC.KV_QUANT takes; expected a group of at most " + KvCodes.MAX_GROUP);
    }
    return new KvCodes(q.bits(), group);
  }

  /** Pivot positions kept in fp16 (0 without quantization). */
  public int pivots() {
    return quant.map(q -> Math.min(q.pivots(), capacity)).orElse(0);
  }

  /** Whether a record holds one kv head (the group divides head_dim) rather than the whole kv_dim row. */
  public boolean headRecords() {
    return quantized() && codes().group() <= headDim && headDim % codes().group() == 0;
  }

  /** Units a token's K (or V) row is stored as: kv_heads records, or one. */
  public int units() {
    return headRecords() ? kvHeads : 1;
  }

  /** Values of one unit: head_dim or kv_dim. */
  public int unitLen() {
    return headRecords() ? headDim : kvDim();
  }

  /**
   * Whether KV_DEQUANT's records fit at the tail of its fp16 output (a record no longer than the unit's fp16 row; the
   * ISA allows that overlap), so attention needs no ACT for them beyond the fp16 cache's; otherwise (groups of 1 or 2
   * values) the K slice also holds them.
   */
  public boolean recordsInPlace() {
    return recordBytes() <= 2 * unitLen();
  }

  /** Bytes of one unit's record at one position (quantized cache). */
  public int recordBytes() {
    return codes().recordBytes(unitLen());
  }

  public long kPivotAddr(int unit, int pos) {
    return base + 2L * ((long) unit * pivots() + pos) * unitLen();
  }

  public long vPivotAddr(int unit, int pos) {
    return base + 2L * ((long) (units() + unit) * pivots() + pos) * unitLen();
  }

  private long recordsBase() {
    return base + 4L * pivots() * kvDim();
  }

  public long kRecordAddr(int unit, int pos) {
    return recordsBase() + ((long) unit * capacity + pos) * recordBytes();
  }

  public long vRecordAddr(int unit, int pos) {
    return recordsBase() + ((long) (units() + unit) * capacity + pos) * recordBytes();
  }

  public long kAddr(int head, int pos) {
    requireUnquantized();
    return base + ((long) head * capacity + pos) * headDim * valueBytes();
  }

  public long vAddr(int head, int pos) {
    requireUnquantized();
    return base + ((long) (kvHeads + head) * capacity + pos) * headDim * valueBytes();
  }

  private void requireUnquantized() {
    if (quantized()) {
      throw new IllegalStateException("a quantized KV cache is addressed by position (records and pivot rows)");
    }
  }

  private long scalesBase() {
    if (dtype != KvDatatype.INT8) {
      throw new IllegalStateException("an " + dtype + " KV cache has no scales");
    }
    return base + 2L * kvHeads * capacity * headDim;
  }

  public long kInvScaleAddr(int head, int pos) {
    return scalesBase() + 4L * ((long) head * capacity + pos);
  }

  public long vInvScaleAddr(int head, int pos) {
    return scalesBase() + 4L * ((long) (kvHeads + head) * capacity + pos);
  }

  /** Row stride between kv heads of K or V (bytes). */
  public long headStrideBytes() {
    return (long) capacity * headDim * valueBytes();
  }

  public long bytes() {
    if (quantized()) {
      return 4L * pivots() * kvDim() + 2L * units() * capacity * recordBytes();
    }
    return 2L * kvHeads * capacity * headDim * valueBytes() + (dtype == KvDatatype.INT8 ? 8L * kvHeads * capacity : 0);
  }

  /** ACT bytes the KV append of {@code tokens} tokens stages (K then V): see {@link AttentionLowering}. */
  public long appendScratchBytes(int tokens) {
    return scratch(kvHeads, headDim, dtype, quant).appendBytes(tokens);
  }

  /** ACT scratch sizes of attention over a cache of this kind (the scheduler's and the phases' layouts use them). */
  public static Scratch scratch(int kvHeads, int headDim, KvDatatype dtype, Optional<KvQuant> quant) {
    return new Scratch(new KvCacheLayout(0, kvHeads, 1, headDim, dtype, quant));
  }

  /**
   * ACT scratch of a cache's append and attend. Unquantized: the append stages 2 x tokens x kv_dim values, attention
   * one kv head's K and V slice (keys x head_dim values each). Quantized: the append stages, for K then V, the
   * tokens' fp16 pivot rows or records (the larger of 2 kv_dim and a token's records); attention holds one unit's K
   * and V as fp16 {@code [keys][unit values]} (a whole-row unit: GEMM.F16 reads one head's columns at a row stride),
   * the records KV_DEQUANT reads loaded at the tail of their own output ({@link #recordsInPlace}), or for records
   * longer than the fp16 row after the K slice (K's, then V's).
   */
  public record Scratch(KvCacheLayout kind) {

    private long perTokenAppend() {
      return kind.quantized() ? Math.max(2L * kind.kvDim(), (long) kind.units() * kind.recordBytes())
          : (long) kind.kvDim() * kind.valueBytes();
    }

    public long appendBytes(int tokens) {
      return 2L * tokens * perTokenAppend();
    }

    /** Where V's staging starts in the append scratch of {@code tokens} tokens. */
    public long appendVOffset(int tokens) {
      return tokens * perTokenAppend();
    }

    public long kSliceBytes(int keys) {
      return kind.quantized() ? (long) keys * (2L * kind.unitLen() + (kind.recordsInPlace() ? 0 : kind.recordBytes()))
          : (long) keys * kind.headDim() * kind.valueBytes();
    }

    public long vSliceBytes(int keys) {
      return kind.quantized() ? 2L * keys * kind.unitLen() : (long) keys * kind.headDim() * kind.valueBytes();
    }
  }
}
