package dev.tritium.simulator.unit.lut;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.tritium.isa.LutVariant;

/**
 * The LUT tensor core: builds tables of partial sums over groups of g activations, then each weight
 * group is one lookup.
 *
 * @param groupSize g, weights per table index (2, 3 or 4)
 * @param tableEntryBits width of one table entry (partial sum of g int8 values needs 8 + ceil(log2 g) bits)
 * @param tablesBuiltPerCycle tables the builder completes per cycle (throughput)
 * @param lookupsPerCycle table lookups (and accumulations) per cycle
 * @param variant ternary_base3, ternary_mirror or bit_serial
 * @param tableSharingRows output rows that share one table build
 */
public record LutCoreConfig(
    @JsonProperty(value = "group_size", required = true) int groupSize,
    @JsonProperty(value = "table_entry_bits", required = true) int tableEntryBits,
    @JsonProperty(value = "tables_built_per_cycle", required = true) int tablesBuiltPerCycle,
    @JsonProperty(value = "lookups_per_cycle", required = true) int lookupsPerCycle,
    @JsonProperty(value = "variant", required = true)
    @JsonSerialize(using = LutVariantKeys.Serializer.class)
    @JsonDeserialize(using = LutVariantKeys.Deserializer.class) LutVariant variant,
    @JsonProperty(value = "table_sharing_rows", required = true) int tableSharingRows) {

  /** Entries of one table for this group size and variant. */
  public int tableEntries() {
    return variant.entriesPerTable(groupSize);
  }

  /** Bytes one table occupies. */
  public long tableBytes() {
    return ((long) tableEntries() * tableEntryBits + 7) / 8;
  }
}
