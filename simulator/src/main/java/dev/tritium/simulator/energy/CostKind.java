package dev.tritium.simulator.energy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of priced thing: an action (energy, {@link ActionKind}) or a hardware component (area,
 * {@link ComponentKind}). It fixes the conditions an entry must state and how figures for conditions
 * no entry states are derived.
 */
public sealed interface CostKind permits ActionKind, ComponentKind {

  /**
   * What every kind states: its table-file name, price unit, conditions, and how figures for conditions no
   * entry states are derived.
   *
   * @param id the name used in table files ({@code int_add}, {@code sram_read}...)
   * @param unit whether a figure counts one operation/instance or one bit
   * @param params the conditions every entry and every query of this kind states
   * @param interpolated the parameter figures are interpolated over (a width or capacity), or null when
   *     only exact entries exist
   * @param interpolation how figures between (and beyond) the entries' values are derived
   * @param singlePointExponent exponent of the power law used when a family has a single point
   * @param scalesWithNode false for off-chip figures (DRAM), which do not follow the logic node
   * @param description one line for documentation
   */
  record Shape(String id, PriceUnit unit, List<Param> params, Param interpolated, Interpolation interpolation,
      double singlePointExponent, boolean scalesWithNode, String description) {}

  Shape shape();

  /** The kind among {@code kinds} with this table-file name, if any. */
  static <K extends CostKind> Optional<K> byId(K[] kinds, String id) {
    return Arrays.stream(kinds).filter(k -> k.id().equals(id)).findFirst();
  }

  default String id() {
    return shape().id();
  }

  default PriceUnit unit() {
    return shape().unit();
  }

  default List<Param> params() {
    return shape().params();
  }

  default Param interpolated() {
    return shape().interpolated();
  }

  default Interpolation interpolation() {
    return shape().interpolation();
  }

  default double singlePointExponent() {
    return shape().singlePointExponent();
  }

  default boolean scalesWithNode() {
    return shape().scalesWithNode();
  }

  /**
   * Parameters stated by entries but ignored when gathering interpolation points (SRAM per-bit energy
   * is taken as independent of the port width).
   */
  default Set<Param> ignoredForInterpolation() {
    return params().contains(Param.WIDTH_BITS) ? Set.of(Param.WIDTH_BITS) : Set.of();
  }

  default String description() {
    return shape().description();
  }
}
