package dev.tritium.simulator.energy;

import static dev.tritium.simulator.energy.Interpolation.LINEAR;
import static dev.tritium.simulator.energy.Interpolation.LOG_LOG;
import static dev.tritium.simulator.energy.Param.ACC_BITS;
import static dev.tritium.simulator.energy.Param.ACC_FORMAT;
import static dev.tritium.simulator.energy.Param.ACT_BITS;
import static dev.tritium.simulator.energy.Param.BITS;
import static dev.tritium.simulator.energy.Param.CAPACITY_BYTES;
import static dev.tritium.simulator.energy.Param.ENTRY_BITS;
import static dev.tritium.simulator.energy.Param.FORMAT;
import static dev.tritium.simulator.energy.Param.KIND;
import static dev.tritium.simulator.energy.Param.OP;
import static dev.tritium.simulator.energy.Param.WEIGHT_BITS;
import static dev.tritium.simulator.energy.Param.WIDTH_BITS;
import static dev.tritium.simulator.energy.PriceUnit.PER_BIT;
import static dev.tritium.simulator.energy.PriceUnit.PER_OP;

import java.util.List;
import java.util.Optional;

/**
 * The action vocabulary of the energy model: every action of every unit that costs dynamic energy.
 * Datapath actions (ternary add, int MAC, LUT lookup...) are priced from a table entry of the same
 * action when a table has one, and otherwise from their recipe in {@link EnergyModel} (e.g. a ternary
 * add is an integer add of the accumulator width).
 */
public enum ActionKind implements CostKind {
  INT_ADD("int_add", PER_OP, List.of(BITS), BITS, LINEAR, 1.0, true,
      "integer add of two bits-wide operands"),
  INT_MULT("int_mult", PER_OP, List.of(BITS), BITS, LOG_LOG, 2.0, true,
      "integer multiply of two bits-wide operands (array multiplier: about quadratic in width)"),
  FP_ADD("fp_add", PER_OP, List.of(FORMAT), null, LINEAR, 1.0, true, "floating-point add"),
  FP_MULT("fp_mult", PER_OP, List.of(FORMAT), null, LINEAR, 1.0, true, "floating-point multiply"),
  FP_FUNC("fp_func", PER_OP, List.of(OP, FORMAT), null, LINEAR, 1.0, true,
      "vector-unit function (div, sqrt, exp, sin, cos, pow, max, round, cvt) of one element"),
  TERNARY_ADD("ternary_add", PER_OP, List.of(ACC_BITS), ACC_BITS, LINEAR, 1.0, true,
      "weight +1: add the int8 activation into an acc_bits accumulator"),
  TERNARY_SUB("ternary_sub", PER_OP, List.of(ACC_BITS), ACC_BITS, LINEAR, 1.0, true,
      "weight -1: subtract the int8 activation from an acc_bits accumulator"),
  TERNARY_SKIP("ternary_skip", PER_OP, List.of(ACC_BITS), ACC_BITS, LINEAR, 1.0, true,
      "weight 0: zero-detect and hold the accumulator"),
  INT_MAC("int_mac", PER_OP, List.of(WEIGHT_BITS, ACT_BITS, ACC_BITS), null, LINEAR, 1.0, true,
      "integer multiply-accumulate (baseline datapaths)"),
  FP_MAC("fp_mac", PER_OP, List.of(FORMAT, ACC_FORMAT), null, LINEAR, 1.0, true,
      "floating-point multiply-accumulate (baseline datapaths)"),
  LUT_BUILD_ADD("lut_build_add", PER_OP, List.of(BITS), BITS, LINEAR, 1.0, true,
      "one add while precomputing a LUT of activation-group partial sums"),
  LUT_LOOKUP("lut_lookup", PER_OP, List.of(ENTRY_BITS), null, LINEAR, 1.0, true,
      "read one entry_bits-wide LUT entry from a register-file LUT"),
  REGFILE_READ("regfile_read", PER_BIT, List.of(), null, LINEAR, 1.0, true, "register-file read, per bit"),
  REGFILE_WRITE("regfile_write", PER_BIT, List.of(), null, LINEAR, 1.0, true, "register-file write, per bit"),
  SRAM_READ("sram_read", PER_BIT, List.of(CAPACITY_BYTES, WIDTH_BITS), CAPACITY_BYTES, LOG_LOG, 0.5, true,
      "SRAM read, per bit, of a capacity_bytes array accessed width_bits at a time"),
  SRAM_WRITE("sram_write", PER_BIT, List.of(CAPACITY_BYTES, WIDTH_BITS), CAPACITY_BYTES, LOG_LOG, 0.5, true,
      "SRAM write, per bit"),
  DRAM_READ("dram_read", PER_BIT, List.of(KIND), null, LINEAR, 1.0, false,
      "DRAM read, per bit, including the interface (kind: lpddr4, ddr4, hbm2...)"),
  DRAM_WRITE("dram_write", PER_BIT, List.of(KIND), null, LINEAR, 1.0, false, "DRAM write, per bit");

  private final Shape shape;

  ActionKind(String id, PriceUnit unit, List<Param> params, Param interpolated, Interpolation interpolation,
      double singlePointExponent, boolean scalesWithNode, String description) {
    this.shape = new Shape(id, unit, params, interpolated, interpolation, singlePointExponent, scalesWithNode,
        description);
  }

  /** The action kind with this table-file name, if any. */
  public static Optional<ActionKind> byId(String id) {
    return CostKind.byId(values(), id);
  }

  @Override
  public Shape shape() {
    return shape;
  }
}
