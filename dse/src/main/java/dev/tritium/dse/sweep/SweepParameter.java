package dev.tritium.dse.sweep;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.dram.DramConfig;
import dev.tritium.simulator.unit.dram.DramKind;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A knob a sweep may vary. Keys are the arch config's dotted keys (units included), plus
 * {@code compute_unit}, which picks the unit that runs the BitLinear layers rather than changing the arch.
 * Values arrive as canonical text ({@link #canonical}) and are applied to a base arch by {@link #apply}.
 */
public enum SweepParameter {
  CLOCK_MHZ("clock_mhz", ValueKind.DECIMAL, "accelerator clock"),
  TECHNOLOGY_NODE_NM("technology_node_nm", ValueKind.INTEGER, "process node (energy and area scaling)"),
  COMPUTE_UNIT("compute_unit", ValueKind.CHOICE, "unit that runs the BitLinear layers: mac or lut"),
  MAC_ARRAY_ROWS("mac_array.rows", ValueKind.INTEGER, "MAC array rows R"),
  MAC_ARRAY_COLS("mac_array.cols", ValueKind.INTEGER, "MAC array columns C"),
  MAC_ARRAY_DATAFLOW("mac_array.dataflow", ValueKind.CHOICE, "ws, os or is"),
  MAC_ARRAY_ZERO_SKIP("mac_array.zero_skip", ValueKind.CHOICE, "none, energy or cycles"),
  MAC_ARRAY_STATIONARY_DOUBLE_BUFFER("mac_array.stationary_double_buffer", ValueKind.CHOICE,
      "false (fold-serialised, SCALE-Sim) or true (next fold's preload overlaps this fold's stream)"),
  LUT_CORE_GROUP_SIZE("lut_core.group_size", ValueKind.INTEGER, "LUT group size g"),
  LUT_CORE_VARIANT("lut_core.variant", ValueKind.CHOICE, "ternary_base3, ternary_mirror or bit_serial"),
  LUT_CORE_LOOKUPS_PER_CYCLE("lut_core.lookups_per_cycle", ValueKind.INTEGER, "LUT lookups per cycle"),
  WEIGHT_BUFFER_BYTES("buffers.weight.size_bytes", ValueKind.INTEGER, "weight SRAM capacity"),
  ACTIVATION_BUFFER_BYTES("buffers.activation.size_bytes", ValueKind.INTEGER, "activation SRAM capacity"),
  ACCUMULATOR_BUFFER_BYTES("buffers.accumulator.size_bytes", ValueKind.INTEGER, "accumulator SRAM capacity"),
  LUT_BUFFER_BYTES("buffers.lut.size_bytes", ValueKind.INTEGER, "LUT SRAM capacity"),
  OUTPUT_BUFFER_BYTES("buffers.output.size_bytes", ValueKind.INTEGER, "output SRAM capacity"),
  DRAM_KIND("dram.kind", ValueKind.CHOICE, "lpddr4, ddr4, hbm2 or gddr6"),
  DRAM_PEAK_BANDWIDTH_GBPS("dram.peak_bandwidth_GBps", ValueKind.DECIMAL, "DRAM peak bandwidth, 10^9 B/s");

  private final String key;
  private final ValueKind kind;
  private final String meaning;

  SweepParameter(String key, ValueKind kind, String meaning) {
    this.key = key;
    this.kind = kind;
    this.meaning = meaning;
  }

  /** The key in sweep files and the CSV column name. */
  public String key() {
    return key;
  }

  public ValueKind kind() {
    return kind;
  }

  public String meaning() {
    return meaning;
  }

  public static Optional<SweepParameter> byKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }

  /** Every key, in declaration order (for error messages and the README). */
  public static List<String> keys() {
    return Arrays.stream(values()).map(SweepParameter::key).toList();
  }

  /** Allowed names of a {@link ValueKind#CHOICE} parameter; empty for numbers. */
  public List<String> choices() {
    return switch (this) {
      case COMPUTE_UNIT -> names(ComputeUnit.values());
      case MAC_ARRAY_DATAFLOW -> names(Dataflow.values());
      case MAC_ARRAY_ZERO_SKIP -> names(ZeroSkip.values());
      case MAC_ARRAY_STATIONARY_DOUBLE_BUFFER -> List.of("false", "true");
      case LUT_CORE_VARIANT -> names(LutVariant.values());
      case DRAM_KIND -> names(DramKind.values());
      default -> List.of();
    };
  }

  /**
   * The canonical text of a value: integers in plain digits, decimals without trailing zeros, choices
   * in lower case. Two spellings of one value ({@code 19.20} and {@code 19.2}) give one text.
   *
   * @throws IllegalArgumentException saying what was expected (the caller adds file and key)
   */
  public String canonical(String raw) {
    String t = raw.trim();
    switch (kind) {
      case CHOICE -> {
        String lower = t.toLowerCase(Locale.ROOT);
        if (!choices().contains(lower)) {
          throw new IllegalArgumentException("invalid value '" + raw + "' (expected one of: "
              + String.join(", ", choices()) + ")");
        }
        return lower;
      }
      case INTEGER -> {
        BigDecimal d = number(t);
        if (d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
          throw new IllegalArgumentException("invalid value '" + raw + "' (expected a whole number up to "
              + Integer.MAX_VALUE + ")");
        }
        return d.toBigInteger().toString();
      }
      default -> {
        return plain(number(t));
      }
    }
  }

  /** Applies one canonical value to an arch (the compute unit leaves the arch as it is). */
  public ArchConfig apply(ArchConfig a, String value) {
    TernaryMacArrayConfig m = a.macArray();
    LutCoreConfig l = a.lutCore();
    DramConfig d = a.dram();
    return switch (this) {
      case CLOCK_MHZ -> a.withClockMhz(Double.parseDouble(value));
      case TECHNOLOGY_NODE_NM -> new ArchConfig(a.name(), a.description(), a.clockMhz(), Integer.parseInt(value),
          a.macArray(), a.lutCore(), a.vectorUnit(), a.buffers(), a.dram(), a.dma(), a.provenance());
      case COMPUTE_UNIT -> a;
      case MAC_ARRAY_ROWS -> a.withMacArray(m.withShape(Integer.parseInt(value), m.cols()));
      case MAC_ARRAY_COLS -> a.withMacArray(m.withShape(m.rows(), Integer.parseInt(value)));
      case MAC_ARRAY_DATAFLOW -> a.withMacArray(m.withDataflow(Dataflow.valueOf(upper(value))));
      case MAC_ARRAY_ZERO_SKIP -> a.withMacArray(m.withZeroSkip(ZeroSkip.valueOf(upper(value))));
      case MAC_ARRAY_STATIONARY_DOUBLE_BUFFER ->
          a.withMacArray(m.withStationaryDoubleBuffer(Boolean.parseBoolean(value)));
      case LUT_CORE_GROUP_SIZE -> a.withLutCore(new LutCoreConfig(Integer.parseInt(value), l.tableEntryBits(),
          l.tablesBuiltPerCycle(), l.lookupsPerCycle(), l.variant(), l.tableSharingRows()));
      case LUT_CORE_VARIANT -> a.withLutCore(new LutCoreConfig(l.groupSize(), l.tableEntryBits(),
          l.tablesBuiltPerCycle(), l.lookupsPerCycle(), LutVariant.valueOf(upper(value)), l.tableSharingRows()));
      case LUT_CORE_LOOKUPS_PER_CYCLE -> a.withLutCore(new LutCoreConfig(l.groupSize(), l.tableEntryBits(),
          l.tablesBuiltPerCycle(), Integer.parseInt(value), l.variant(), l.tableSharingRows()));
      case WEIGHT_BUFFER_BYTES -> resizeBuffer(a, "weight", value);
      case ACTIVATION_BUFFER_BYTES -> resizeBuffer(a, "activation", value);
      case ACCUMULATOR_BUFFER_BYTES -> resizeBuffer(a, "accumulator", value);
      case LUT_BUFFER_BYTES -> resizeBuffer(a, "lut", value);
      case OUTPUT_BUFFER_BYTES -> resizeBuffer(a, "output", value);
      case DRAM_KIND -> a.withDram(new DramConfig(DramKind.valueOf(upper(value)), d.peakBandwidthGBps(),
          d.latencyNs(), d.burstBytes()));
      case DRAM_PEAK_BANDWIDTH_GBPS -> a.withDram(new DramConfig(d.kind(), Double.parseDouble(value), d.latencyNs(),
          d.burstBytes()));
    };
  }

  /** Plain decimal text without trailing zeros ({@code 19.2}, {@code 250}). */
  static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  private static BigDecimal number(String t) {
    BigDecimal d;
    try {
      d = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value '" + t + "' (expected a number)", e);
    }
    if (d.signum() <= 0) {
      throw new IllegalArgumentException("invalid value '" + t + "' (expected a number > 0)");
    }
    return d;
  }

  private static ArchConfig resizeBuffer(ArchConfig a, String name, String value) {
    SramBufferConfig b = a.buffers().get(name);
    if (b == null) {
      throw new IllegalArgumentException("buffers." + name + ".size_bytes: the base arch has no '" + name
          + "' buffer to resize");
    }
    return a.withBuffer(name, new SramBufferConfig(Long.parseLong(value), b.banks(), b.ports(), b.widthBits()));
  }

  private static String upper(String v) {
    return v.toUpperCase(Locale.ROOT);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
  }
}
