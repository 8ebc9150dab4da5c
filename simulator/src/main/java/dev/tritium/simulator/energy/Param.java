package dev.tritium.simulator.energy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A condition an energy or area figure holds for: operand widths, number formats, SRAM capacity,
 * DRAM kind. Integer parameters carry their unit in the name ({@code _bits}, {@code _bytes}); named
 * parameters are lower-case identifiers ({@code fp16}, {@code lpddr4}).
 */
public enum Param {
  /** Operand width of an integer adder or multiplier. */
  BITS("bits", true),
  /** Weight operand width of an integer MAC. */
  WEIGHT_BITS("weight_bits", true),
  /** Activation operand width of an integer MAC. */
  ACT_BITS("act_bits", true),
  /** Accumulator width of a ternary or integer MAC. */
  ACC_BITS("acc_bits", true),
  /** Width of one LUT entry. */
  ENTRY_BITS("entry_bits", true),
  /** SRAM capacity. */
  CAPACITY_BYTES("capacity_bytes", true),
  /** SRAM port width. */
  WIDTH_BITS("width_bits", true),
  /** Floating-point format of the operands ({@code fp16}, {@code fp32}). */
  FORMAT("format", false),
  /** Floating-point format of the accumulator of an fp MAC. */
  ACC_FORMAT("acc_format", false),
  /** DRAM technology ({@code lpddr4}, {@code ddr4}, {@code hbm2}...). */
  KIND("kind", false),
  /** Floating-point function of the vector unit ({@code exp}, {@code div}, {@code sqrt}...). */
  OP("op", false);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final String key;
  private final boolean integer;

  Param(String key, boolean integer) {
    this.key = key;
    this.integer = integer;
  }

  /** The key in table files and in {@link Action#toString()}. */
  public String key() {
    return key;
  }

  /** True for positive integer parameters, false for named ones. */
  public boolean isInteger() {
    return integer;
  }

  /** The parameter with this table-file key, if any. */
  public static Optional<Param> byKey(String key) {
    return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
  }

  /**
   * The canonical text of a value, or an exception saying what was expected.
   *
   * @throws IllegalArgumentException if the value does not fit the parameter
   */
  String canonical(String raw) {
    String text = raw.trim();
    if (integer) {
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a positive integer, got '" + raw + "'");
      }
      if (value <= 0) {
        throw new IllegalArgumentException(key + " must be a positive integer, got " + value);
      }
      return Long.toString(value);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(lower).matches()) {
      throw new IllegalArgumentException(key + " must be a name such as fp16 or lpddr4, got '" + raw + "'");
    }
    return lower;
  }
}
