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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttentionConfig(@JsonProperty("kv_datatype") KvDatatype kvDatatype,
    @JsonProperty("kv_placement") KvPlacement kvPlacement) {

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
      @JsonProperty("kv_placement") KvPlacement kvPlacement) {
    return new AttentionConfig(kvDatatype, kvPlacement);
  }

  /** The cache in the on-chip KV store. */
  public boolean onChip() {
    return kvPlacement == KvPlacement.ON_CHIP;
  }
}
