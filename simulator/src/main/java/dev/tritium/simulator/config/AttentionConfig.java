package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How attention runs and what the KV cache holds (arch key {@code attention}; absent means {@link #DEFAULT}).
 *
 * @param kvDatatype the cache's datatype, which also picks the attention datapath (see {@link KvDatatype})
 * @param kvPlacement where the cache lives (see {@link KvPlacement}); null means DRAM, so that an arch that names no
 *     placement writes none back
 * @param kvBits null: the cache holds {@code kvDatatype} values; 2 to 8: it holds b-bit asymmetric codes per group
 *     (VEC.KV_QUANT on append, VEC.KV_DEQUANT to fp16 on attend, then the fp16 datapath; needs kv_datatype fp16)
 * @param kvGroup values per group of a token's K or V row (null: {@link #DEFAULT_KV_GROUP}); only with kv_bits
 * @param kvPivots the first positions kept in fp16, IntactKV's pivot tokens (null: 0); only with kv_bits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttentionConfig(@JsonProperty("kv_datatype") KvDatatype kvDatatype,
    @JsonProperty("kv_placement") KvPlacement kvPlacement, @JsonProperty("kv_bits") Integer kvBits,
    @JsonProperty("kv_group") Integer kvGroup, @JsonProperty("kv_pivots") Integer kvPivots) {

  /** The group of a quantized cache that names none: one LLaMA head (the reference's default too). */
  public static final int DEFAULT_KV_GROUP = 128;

  /**
   * A quantized cache's grid (arch keys kv_bits, kv_group, kv_pivots).
   *
   * @param bits code width b
   * @param group values per group of a token's row (the last group may be shorter)
   * @param pivots positions 0 .. pivots - 1 kept in fp16 (IntactKV)
   */
  public record KvQuant(int bits, int group, int pivots) {}

  /** The cache's grid when it holds codes (kv_bits set). */
  public java.util.Optional<KvQuant> kvQuant() {
    return kvBits == null ? java.util.Optional.empty() : java.util.Optional.of(new KvQuant(kvBits,
        kvGroup == null ? DEFAULT_KV_GROUP : kvGroup, kvPivots == null ? 0 : kvPivots));
  }

  /** The cache in {@code kvPlacement}, in the given datatype, not quantized. */
  public AttentionConfig(KvDatatype kvDatatype, KvPlacement kvPlacement) {
    this(kvDatatype, kvPlacement, null, null, null);
  }

  /** A quantized cache in {@code kvPlacement}: codes dequantized to fp16 for the fp16 datapath. */
  public static AttentionConfig quantized(KvQuant q, KvPlacement kvPlacement) {
    return new AttentionConfig(KvDatatype.FP16, kvPlacement, q.bits(), q.group(), q.pivots());
  }

  /** int8 K/V with per-token scales in DRAM, GEMM.I8 on the MAC array: what an arch without this section gets. */
  public static final AttentionConfig DEFAULT = new AttentionConfig(KvDatatype.INT8);

  /** The cache in DRAM, in the given datatype. */
  public AttentionConfig(KvDatatype kvDatatype) {
    this(kvDatatype, null);
  }

  /** Where the KV cache lives. */
  public enum KvPlacement {
    /** In DRAM: attention loads each kv head's keys and values per token, appends store to DRAM. */
    @JsonProperty("dram") DRAM,
    /**
     * In an on-chip KV store, the arch's {@code buffers.kv}: the DMA reaches it at SRAM speed through the address
     * window the ISA reserves for it (isa/README.md, "On-chip KV store"), so the cache costs no DRAM traffic. The
     * whole model's cache at the context must fit it.
     */
    @JsonProperty("on_chip") ON_CHIP
  }

  /** The KV cache's datatype in DRAM. */
  public enum KvDatatype {
    /**
     * int8 keys and values with one fp32 inverse scale per token and KV head; QK^T and PV run as GEMM.I8 (int8 x
     * int8) on the MAC array, softmax in fp32 on the vector unit. The attention output is within an int8 error
     * bound of the fp32 reference.
     */
    @JsonProperty("int8") INT8,
    /**
     * IEEE binary16 keys and values (2 bytes each, no scales); q and the probabilities are rounded to fp16 too and
     * QK^T and PV run as GEMM.F16 on the vector unit's fp32 lanes (DSP-style fp16 attention, as in TeLLMe). The
     * reference computes the same datatypes in the same order, so the output is bit-exact.
     */
    @JsonProperty("fp16") FP16;

    /** Bytes of one cached value. */
    public int bytes() {
      return this == INT8 ? 1 : 2;
    }
  }

  public AttentionConfig {
    kvDatatype = kvDatatype == null ? KvDatatype.INT8 : kvDatatype;
  }

  @JsonCreator
  static AttentionConfig fromYaml(@JsonProperty("kv_datatype") KvDatatype kvDatatype,
      @JsonProperty("kv_placement") KvPlacement kvPlacement, @JsonProperty("kv_bits") Integer kvBits,
      @JsonProperty("kv_group") Integer kvGroup, @JsonProperty("kv_pivots") Integer kvPivots) {
    return new AttentionConfig(kvDatatype, kvPlacement, kvBits, kvGroup, kvPivots);
  }

  /** The cache in the on-chip KV store. */
  public boolean onChip() {
    return kvPlacement == KvPlacement.ON_CHIP;
  }
}
