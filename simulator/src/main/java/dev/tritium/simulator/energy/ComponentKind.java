package dev.tritium.simulator.energy;

import static dev.tritium.simulator.energy.Interpolation.LINEAR;
import static dev.tritium.simulator.energy.Interpolation.LOG_LOG;
import static dev.tritium.simulator.energy.Param.ACC_BITS;
import static dev.tritium.simulator.energy.Param.ACC_FORMAT;
import static dev.tritium.simulator.energy.Param.ACT_BITS;
import static dev.tritium.simulator.energy.Param.BITS;
import static dev.tritium.simulator.energy.Param.CAPACITY_BYTES;
import static dev.tritium.simulator.energy.Param.FORMAT;
import static dev.tritium.simulator.energy.Param.WEIGHT_BITS;
import static dev.tritium.simulator.energy.PriceUnit.PER_BIT;
import static dev.tritium.simulator.energy.PriceUnit.PER_OP;

import java.util.List;
import java.util.Optional;

/**
 * The component vocabulary of the area model. Processing elements and SRAM buffers are priced from a
 * table entry of the same component when a table has one, otherwise from their recipe in
 * {@link AreaModel} (e.g. a ternary PE is an accumulator-wide adder, a skip mux and its registers).
 * {@link PriceUnit#PER_OP} here means per instance.
 */
public enum ComponentKind implements CostKind {
  INT_ADDER("int_adder", PER_OP, List.of(BITS), BITS, LINEAR, 1.0, "integer adder"),
  INT_MULTIPLIER("int_multiplier", PER_OP, List.of(BITS), BITS, LOG_LOG, 2.0, "integer multiplier"),
  FP_ADDER("fp_adder", PER_OP, List.of(FORMAT), null, LINEAR, 1.0, "floating-point adder"),
  FP_MULTIPLIER("fp_multiplier", PER_OP, List.of(FORMAT), null, LINEAR, 1.0, "floating-point multiplier"),
  SKIP_MUX("skip_mux", PER_OP, List.of(ACC_BITS), ACC_BITS, LINEAR, 1.0,
      "zero-detect and accumulator hold logic of a ternary PE"),
  REGISTER("register", PER_BIT, List.of(), null, LINEAR, 1.0, "flip-flop register, per bit"),
  SRAM("sram", PER_BIT, List.of(), null, LINEAR, 1.0, "SRAM macro including periphery, per bit"),
  TERNARY_PE("ternary_pe", PER_OP, List.of(ACC_BITS), null, LINEAR, 1.0,
      "ternary processing element: add/sub/skip into an acc_bits accumulator, 2-bit weight register"),
  INT_MAC_PE("int_mac_pe", PER_OP, List.of(WEIGHT_BITS, ACT_BITS, ACC_BITS), null, LINEAR, 1.0,
      "integer MAC processing element with its weight and accumulator registers"),
  FP_MAC_PE("fp_mac_pe", PER_OP, List.of(FORMAT, ACC_FORMAT), null, LINEAR, 1.0,
      "floating-point MAC processing element with its weight and accumulator registers"),
  SRAM_BUFFER("sram_buffer", PER_OP, List.of(CAPACITY_BYTES), null, LINEAR, 1.0, "one SRAM buffer");

  private final Shape shape;

  /** Components are on-chip logic and SRAM, so every figure follows the logic node. */
  ComponentKind(String id, PriceUnit unit, List<Param> params, Param interpolated,
      Interpolation interpolation, double singlePointExponent, String description) {
    this.shape = new Shape(id, unit, params, interpolated, interpolation, singlePointExponent, true, description);
  }

  /** The component kind with this table-file name, if any. */
  public static Optional<ComponentKind> byId(String id) {
    return CostKind.byId(values(), id);
  }

  @Override
  public Shape shape() {
    return shape;
  }
}
