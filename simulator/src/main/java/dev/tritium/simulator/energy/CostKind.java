package dev.tritium.simulator.energy;

import java.util.List;
import java.util.Set;

/**
 * A kind of priced thing: an action (energy, {@link ActionKind}) or a hardware component (area,
 * {@link ComponentKind}). It fixes the conditions an entry must state and how figures for conditions
 * no entry states are derived.
 */
public sealed interface CostKind permits ActionKind, ComponentKind {

  /** The name used in table files ({@code int_add}, {@code sram_read}...). */
  String id();

  /** Whether a figure counts one operation/instance or one bit. */
  PriceUnit unit();

  /** The conditions every entry and every query of this kind states. */
  List<Param> params();

  /**
   * The parameter figures are interpolated over (a width or capacity), or null when only exact
   * entries exist.
   */
  Param interpolated();

  /** How figures between (and beyond) the entries' values of {@link #interpolated()} are derived. */
  Interpolation interpolation();

  /** Exponent of the power law used when a family has a single point (see {@link Interpolation}). */
  double singlePointExponent();

  /** False for off-chip figures (DRAM), which do not follow the logic node. */
  boolean scalesWithNode();

  /**
   * Parameters stated by entries but ignored when gathering interpolation points (SRAM per-bit energy
   * is taken as independent of the port width).
   */
  Set<Param> ignoredForInterpolation();

  /** One line for documentation. */
  String description();
}
