package dev.tritium.dse.sweep;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchKeys;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A knob a sweep may vary: any leaf of the arch config by its dotted key (units included, e.g.
 * {@code mac_array.rows}, {@code buffers.weight.size_bytes}, {@code dram.peak_bandwidth_GBps}), plus
 * {@code compute_unit}, which picks the unit that runs the BitLinear layers, and {@code format}, the projections'
 * weight format ({@link SweepFormats}); neither changes the arch.
 * The kind and the choices of an arch key come from the arch config records ({@link ArchKeys}), so a key
 * added there is sweepable with no code here. Values arrive as canonical text ({@link #canonical}) and are
 * applied to a base arch by {@link #apply}.
 *
 * @param key the key in sweep files and the CSV column name
 * @param kind numbers, or a choice among {@link #choices}
 * @param choices allowed names of a {@link ValueKind#CHOICE} parameter; empty for numbers
 */
public record SweepParameter(String key, ValueKind kind, List<String> choices) implements Serializable {

  private static final long serialVersionUID = 2L;

  /** The unit that runs the BitLinear layers ({@code mac} or {@code lut}); it leaves the arch as it is. */
  public static final SweepParameter COMPUTE_UNIT = new SweepParameter("compute_unit", ValueKind.CHOICE,
      Arrays.stream(ComputeUnit.values()).map(ComputeUnit::key).toList());

  /** The projections' weight format (a preset spec such as {@code bitnet-w1}); it leaves the arch as it is. */
  public static final SweepParameter FORMAT = new SweepParameter("format", ValueKind.FORMAT, List.of());

  public SweepParameter {
    choices = List.copyOf(choices);
  }

  /**
   * The parameter of a sweep-file key.
   *
   * @throws IllegalArgumentException saying which segment of the key is unknown and what was expected
   */
  public static SweepParameter of(String key) {
    if (key.equals(COMPUTE_UNIT.key)) {
      return COMPUTE_UNIT;
    }
    if (key.equals(FORMAT.key)) {
      return FORMAT;
    }
    ArchKeys.Key k = ArchKeys.resolve(key);
    return switch (k.kind()) {
      case INTEGER -> new SweepParameter(key, ValueKind.INTEGER, List.of());
      case DECIMAL -> new SweepParameter(key, ValueKind.DECIMAL, List.of());
      case BOOLEAN, CHOICE -> new SweepParameter(key, ValueKind.CHOICE, k.choices());
    };
  }

  /** Whether this is {@link #COMPUTE_UNIT}. */
  public boolean isComputeUnit() {
    return equals(COMPUTE_UNIT);
  }

  /** Whether this is {@link #FORMAT}. */
  public boolean isFormat() {
    return equals(FORMAT);
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
        if (!choices.contains(lower)) {
          throw new IllegalArgumentException("invalid value '" + raw + "' (expected one of: "
              + String.join(", ", choices) + ")");
        }
        return lower;
      }
      case FORMAT -> {
        return SweepFormats.canonical(t);
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

  /** Applies one canonical value to an arch (the compute unit and the format leave the arch as it is). */
  public ArchConfig apply(ArchConfig a, String value) {
    return isComputeUnit() || isFormat() ? a : ArchKeys.with(a, key, value);
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
}
