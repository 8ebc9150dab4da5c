package dev.tritium.simulator.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tritium.simulator.unit.dma.DmaConfig;
import dev.tritium.simulator.unit.dram.DramConfig;
import dev.tritium.simulator.unit.host.HostConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.sparse.SparseUnitConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.vector.VectorUnitConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One accelerator instance of the Tritium template: clock, technology, compute units, on-chip
 * buffers, DRAM and DMA. Read and validated by {@link ArchConfigs}; the YAML keys carry units
 * ({@code clock_mhz}, {@code size_bytes}, {@code peak_bandwidth_GBps}...). See simulator/README.md.
 *
 * @param host the host CPU and the operators placed on it; null when the accelerator runs everything
 * @param attention the KV cache's datatype and the attention datapath it picks; null means {@link AttentionConfig#DEFAULT}
 * @param sparseUnit the sparse outlier unit that runs GEMM.SP; null: GEMM.SP runs on the vector unit's lanes
 * @param provenance where a parameter comes from, keyed by its dotted path (e.g. {@code dram.latency_ns});
 *     timing parameters not listed are {@link Provenance#USER_KNOB}
 * @param sources the citation (paper section or table, released file) or the reason of an assumption, per
 *     dotted path; a published design's preset has one for every parameter it sets
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArchConfig(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("clock_mhz") double clockMhz,
    @JsonProperty("technology_node_nm") int technologyNodeNm,
    @JsonProperty("mac_array") TernaryMacArrayConfig macArray,
    @JsonProperty("lut_core") LutCoreConfig lutCore,
    @JsonProperty("vector_unit") VectorUnitConfig vectorUnit,
    @JsonProperty("buffers") Map<String, SramBufferConfig> buffers,
    @JsonProperty("dram") DramConfig dram,
    @JsonProperty("dma") DmaConfig dma,
    @JsonProperty("host") HostConfig host,
    @JsonProperty("attention") AttentionConfig attention,
    @JsonProperty("sparse_unit") SparseUnitConfig sparseUnit,
    @JsonProperty("provenance") Map<String, Provenance> provenance,
    @JsonProperty("sources") Map<String, String> sources) {

  /** Buffers every config must define. */
  public static final List<String> REQUIRED_BUFFERS = List.of("weight", "activation", "accumulator", "lut");
  /** Buffers a config may define in addition. */
  public static final List<String> OPTIONAL_BUFFERS = List.of("output", "kv");

  public ArchConfig {
    description = description == null ? "" : description;
    buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers == null ? Map.of() : buffers));
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance == null ? Map.of() : provenance));
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources == null ? Map.of() : sources));
  }

  /** An arch without a host CPU and without cited sources. */
  public ArchConfig(String name, String description, double clockMhz, int technologyNodeNm,
      TernaryMacArrayConfig macArray, LutCoreConfig lutCore, VectorUnitConfig vectorUnit,
      Map<String, SramBufferConfig> buffers, DramConfig dram, DmaConfig dma, Map<String, Provenance> provenance) {
    this(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers, dram, dma, null,
        null, null, provenance, Map.of());
  }

  @JsonCreator
  static ArchConfig fromYaml(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty("description") String description,
      @JsonProperty(value = "clock_mhz", required = true) double clockMhz,
      @JsonProperty(value = "technology_node_nm", required = true) int technologyNodeNm,
      @JsonProperty(value = "mac_array", required = true) TernaryMacArrayConfig macArray,
      @JsonProperty(value = "lut_core", required = true) LutCoreConfig lutCore,
      @JsonProperty(value = "vector_unit", required = true) VectorUnitConfig vectorUnit,
      @JsonProperty(value = "buffers", required = true) Map<String, SramBufferConfig> buffers,
      @JsonProperty(value = "dram", required = true) DramConfig dram,
      @JsonProperty(value = "dma", required = true) DmaConfig dma,
      @JsonProperty("host") HostConfig host,
      @JsonProperty("attention") AttentionConfig attention,
      @JsonProperty("sparse_unit") SparseUnitConfig sparseUnit,
      @JsonProperty("provenance") Map<String, Provenance> provenance,
      @JsonProperty("sources") Map<String, String> sources) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit,
        buffers, dram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another name (e.g. for a point of a design-space sweep). Not validated: see {@link ArchConfigs#validate}. */
  public ArchConfig withName(String newName) {
    return new ArchConfig(newName, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        dram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another clock. */
  public ArchConfig withClockMhz(double newClockMhz) {
    return new ArchConfig(name, description, newClockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        dram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another MAC array. */
  public ArchConfig withMacArray(TernaryMacArrayConfig newMacArray) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, newMacArray, lutCore, vectorUnit, buffers,
        dram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another LUT core. */
  public ArchConfig withLutCore(LutCoreConfig newLutCore) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, newLutCore, vectorUnit, buffers,
        dram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with one buffer added or replaced. */
  public ArchConfig withBuffer(String bufferName, SramBufferConfig buffer) {
    Map<String, SramBufferConfig> copy = new LinkedHashMap<>(buffers);
    copy.put(bufferName, buffer);
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, copy,
        dram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another DRAM. */
  public ArchConfig withDram(DramConfig newDram) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        newDram, dma, host, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another host (null: none). */
  public ArchConfig withHost(HostConfig newHost) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        dram, dma, newHost, attention, sparseUnit, provenance, sources);
  }

  /** A copy with another attention datapath and KV cache datatype. */
  public ArchConfig withAttention(AttentionConfig newAttention) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        dram, dma, host, newAttention, sparseUnit, provenance, sources);
  }

  /** A copy with another sparse unit (null: GEMM.SP on the vector lanes). */
  public ArchConfig withSparseUnit(SparseUnitConfig newSparseUnit) {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        dram, dma, host, attention, newSparseUnit, provenance, sources);
  }

  /** The attention settings, {@link AttentionConfig#DEFAULT} when the arch names none. */
  public AttentionConfig attentionOrDefault() {
    return attention == null ? AttentionConfig.DEFAULT : attention;
  }

  /** A copy without provenance and sources (a variant built from a cited preset no longer is that preset). */
  public ArchConfig uncited() {
    return new ArchConfig(name, description, clockMhz, technologyNodeNm, macArray, lutCore, vectorUnit, buffers,
        dram, dma, host, attention, sparseUnit, Map.of(), Map.of());
  }

  /** The named buffer. */
  public SramBufferConfig buffer(String bufferName) {
    SramBufferConfig b = buffers.get(bufferName);
    if (b == null) {
      throw new IllegalArgumentException(
          "arch config '" + name + "': no buffer '" + bufferName + "' (has: " + buffers.keySet() + ")");
    }
    return b;
  }

  /** Where a timing parameter's value comes from; unlisted parameters are user knobs. */
  public Provenance provenanceOf(String timingKey) {
    if (!timingKeys().contains(timingKey)) {
      throw new IllegalArgumentException("'" + timingKey + "' is not a timing parameter (known: " + timingKeys() + ")");
    }
    return provenance.getOrDefault(timingKey, Provenance.USER_KNOB);
  }

  /** Dotted paths of every timing parameter of this config (those a provenance tag applies to). */
  public List<String> timingKeys() {
    List<String> keys = new ArrayList<>(List.of(
        "clock_mhz", "mac_array.stationary_double_buffer",
        "lut_core.tables_built_per_cycle", "lut_core.lookups_per_cycle",
        "vector_unit.lanes", "vector_unit.op_latency_cycles", "vector_unit.op_initiation_interval_cycles",
        "dram.peak_bandwidth_GBps", "dram.latency_ns", "dram.burst_bytes",
        "dma.load_channels", "dma.store_channels", "dma.max_outstanding", "dma.descriptor_overhead_cycles"));
    if (sparseUnit != null) {
      keys.add("sparse_unit.lanes");
      keys.add("sparse_unit.op_latency_cycles");
    }
    for (String b : buffers.keySet()) {
      keys.add("buffers." + b + ".banks");
      keys.add("buffers." + b + ".ports");
      keys.add("buffers." + b + ".width_bits");
    }
    return keys;
  }
}
