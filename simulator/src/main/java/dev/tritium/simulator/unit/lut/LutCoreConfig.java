package dev.tritium.simulator.unit.lut;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.mac.FloatAdders;

/**
 * The LUT tensor core: builds tables of partial sums over groups of g activations, then each weight
 * group is one lookup.
 *
 * @param groupSize g, weights per table index (2, 3 or 4)
 * @param tableEntryBits width of one table entry (partial sum of g int8 values needs 8 + ceil(log2 g) bits)
 * @param tablesBuiltPerCycle tables the builder completes every {@code tableBuildCycles} cycles
 * @param lookupsPerCycle table lookups (and accumulations) per cycle
 * @param variant ternary_base3, ternary_mirror, bit_serial, binary or binary_mirror (the binary ones: g = 2 or 4)
 * @param tableSharingRows output rows that share one table build
 * @param tableBuildCycles the build rate's denominator: the builder completes {@code tablesBuiltPerCycle}
 *     tables per {@code tableBuildCycles} cycles (default 1), so a rate such as 28 tables per 84 cycles is
 *     {@code tables_built_per_cycle: 28, table_build_cycles: 84}
 * @param activationBlock activations per table block (default 0: none). When set, the core works on whole
 *     blocks: K is padded up to a multiple of it (zeros) before it is cut into groups of g, so builds and
 *     lookups are charged for the padded K. Must be a multiple of g.
 * @param floatAdders {@code fp32}: the table builder and the lookup accumulators also have fp32 adders, so the core
 *     runs LUT.BUILD.F16 / LUT.GEMM.F16 (fp16 tables of fp32 activation sums, fp32 accumulation) for the weight
 *     formats with fp16 activations; {@code none} (the default): those instructions are refused
 * @param bitPlane {@code true}: the core also builds 2^g subset-sum tables of unsigned activation codes and looks up
 *     integer weight bit planes in them (LUT.BUILD.BP, LUT.GEMM.BP: T-MAC's lookups, abq-wpaq on the LUT core), next
 *     to its own variant; {@code false} (the default): those instructions are refused
 */
public record LutCoreConfig(
    @JsonProperty("group_size") int groupSize,
    @JsonProperty("table_entry_bits") int tableEntryBits,
    @JsonProperty("tables_built_per_cycle") int tablesBuiltPerCycle,
    @JsonProperty("lookups_per_cycle") int lookupsPerCycle,
    @JsonProperty("variant")
    @JsonSerialize(using = LutVariantKeys.Serializer.class)
    @JsonDeserialize(using = LutVariantKeys.Deserializer.class) LutVariant variant,
    @JsonProperty("table_sharing_rows") int tableSharingRows,
    @JsonProperty("table_build_cycles") int tableBuildCycles,
    @JsonProperty("activation_block") int activationBlock,
    @JsonProperty("float_adders") FloatAdders floatAdders,
    @JsonProperty("bit_plane") boolean bitPlane) {

  public LutCoreConfig {
    java.util.Objects.requireNonNull(floatAdders, "lut_core.float_adders");
  }

  /** A core without bit-plane tables. */
  public LutCoreConfig(int groupSize, int tableEntryBits, int tablesBuiltPerCycle, int lookupsPerCycle,
      LutVariant variant, int tableSharingRows, int tableBuildCycles, int activationBlock, FloatAdders floatAdders) {
    this(groupSize, tableEntryBits, tablesBuiltPerCycle, lookupsPerCycle, variant, tableSharingRows, tableBuildCycles,
        activationBlock, floatAdders, false);
  }

  /** A core with integer adders only. */
  public LutCoreConfig(int groupSize, int tableEntryBits, int tablesBuiltPerCycle, int lookupsPerCycle,
      LutVariant variant, int tableSharingRows, int tableBuildCycles, int activationBlock) {
    this(groupSize, tableEntryBits, tablesBuiltPerCycle, lookupsPerCycle, variant, tableSharingRows, tableBuildCycles,
        activationBlock, FloatAdders.NONE);
  }

  /** A core that builds {@code tablesBuiltPerCycle} tables every cycle and has no activation block. */
  public LutCoreConfig(int groupSize, int tableEntryBits, int tablesBuiltPerCycle, int lookupsPerCycle,
      LutVariant variant, int tableSharingRows) {
    this(groupSize, tableEntryBits, tablesBuiltPerCycle, lookupsPerCycle, variant, tableSharingRows, 1, 0);
  }

  /**
   * Reads a config entry; {@code table_build_cycles} (default 1), {@code activation_block} (default 0) and
   * {@code float_adders} (default none) and {@code bit_plane} (default false) are optional.
   */
  @JsonCreator
  static LutCoreConfig fromYaml(
      @JsonProperty(value = "group_size", required = true) int groupSize,
      @JsonProperty(value = "table_entry_bits", required = true) int tableEntryBits,
      @JsonProperty(value = "tables_built_per_cycle", required = true) int tablesBuiltPerCycle,
      @JsonProperty(value = "lookups_per_cycle", required = true) int lookupsPerCycle,
      @JsonProperty(value = "variant", required = true)
      @JsonDeserialize(using = LutVariantKeys.Deserializer.class) LutVariant variant,
      @JsonProperty(value = "table_sharing_rows", required = true) int tableSharingRows,
      @JsonProperty("table_build_cycles") Integer tableBuildCycles,
      @JsonProperty("activation_block") Integer activationBlock,
      @JsonProperty("float_adders") FloatAdders floatAdders,
      @JsonProperty("bit_plane") Boolean bitPlane) {
    return new LutCoreConfig(groupSize, tableEntryBits, tablesBuiltPerCycle, lookupsPerCycle, variant,
        tableSharingRows, tableBuildCycles == null ? 1 : tableBuildCycles, activationBlock == null ? 0 : activationBlock,
        floatAdders == null ? FloatAdders.NONE : floatAdders, bitPlane != null && bitPlane);
  }

  /** True when the core has fp32 adders (LUT.BUILD.F16, LUT.GEMM.F16 run). */
  public boolean hasFloatAdders() {
    return floatAdders == FloatAdders.FP32;
  }

  /** Entries of one table for this group size and variant. */
  public int tableEntries() {
    return variant.entriesPerTable(groupSize);
  }

  /** Adds the builder spends on one table (see {@link LutCoreUnit#buildAddsPerTable}). */
  public long buildAddsPerTable() {
    return LutCoreUnit.buildAddsPerTable(variant, groupSize, tableEntries());
  }

  /** fp32 adds the builder spends on one fp16 table ({@link LutFloatTables#buildAddsPerTable}). */
  public long floatBuildAddsPerTable() {
    return LutFloatTables.buildAddsPerTable(variant, groupSize);
  }

  /** Bytes one table occupies. */
  public long tableBytes() {
    return ((long) tableEntries() * tableEntryBits + 7) / 8;
  }
}
