package dev.tritium.simulator.unit.mac;

import dev.tritium.isa.IntWidth;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.Component;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.energy.PricedAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Arithmetic energy of a MAC array for each weight datatype, so the same counts can be priced for the
 * ternary design and for an int4, int8 or fp16 baseline of the same array size.
 *
 * <ul>
 *   <li>ternary: each weight is an add (+1), a subtract (-1) or a skip (0) into an acc_bits
 *       accumulator;
 *   <li>int4 / int8: {@code int_mac{weight_bits=4|8, act_bits=8, acc_bits}} per weight (W4A8 / W8A8);
 *   <li>fp16: {@code fp_mac{format=fp16, acc_format}} per weight; {@code acc_format} fp16 follows the
 *       BitNet papers' energy accounting (an FP16 multiply plus an FP16 add per MAC), fp32 gives fp32
 *       accumulation.
 * </ul>
 *
 * A baseline performs one MAC per weight position, zeros included: {@code macs = adds + subs + skips}.
 */
public final class MacDatapaths {

  /** Activation width of the integer baselines (BitNet's int8 activations). */
  public static final int BASELINE_ACT_BITS = 8;

  private MacDatapaths() {}

  /** One priced line: an action, how often, and its energy. */
  public record Line(PricedAction price, long count, double totalPj) {}

  /** Arithmetic energy with its itemised lines. */
  public record ArithmeticEnergy(double totalPj, List<Line> lines) {
    public ArithmeticEnergy {
      lines = List.copyOf(lines);
    }
  }

  /** Energy of a ternary array's adds, subtracts and skips. */
  public static ArithmeticEnergy ternary(EnergyModel model, int accBits, long adds, long subs, long skips) {
    return of(model, List.of(Action.ternaryAdd(accBits), Action.ternarySub(accBits), Action.ternarySkip(accBits)),
        List.of(adds, subs, skips));
  }

  /** Energy of a baseline array performing {@code macs} MACs. */
  public static ArithmeticEnergy baseline(EnergyModel model, WeightDatatype weights, int accBits,
      String fpAccFormat, long macs) {
    return of(model, List.of(macAction(weights, accBits, fpAccFormat)), List.of(macs));
  }

  /**
   * The one-MAC action of a baseline datatype.
   *
   * @throws IllegalArgumentException for {@link WeightDatatype#TERNARY}, which has three actions
   */
  public static Action macAction(WeightDatatype weights, int accBits, String fpAccFormat) {
    return switch (weights) {
      case INT4, INT8 -> Action.intMac(weights.storageBits(), BASELINE_ACT_BITS, accBits);
      case FP16 -> Action.fpMac("fp16", fpAccFormat);
      case TERNARY -> throw new IllegalArgumentException(
          "ternary arrays add, subtract or skip; price them with MacDatapaths.ternary");
    };
  }

  /**
   * One GEMM.BP AND + popcount of a weight plane byte and an activation plane byte, priced as {@code int_add{8}}:
   * ASSUMED. An 8-input popcount is a carry-save tree of about seven full-adder cells, the cell count of an 8-bit
   * ripple-carry adder (Horowitz ISSCC 2014: 8-bit add 0.03 pJ at 45 nm); the eight 2-input ANDs in front of it and
   * the PE's running count of the pass (a few bits) are not priced apart, so this is a lower bound.
   */
  public static Action bitPlanePopcount() {
    return Action.intAdd(8);
  }

  /**
   * One GEMM.BP pass's count shifted by {@code p + q} (wiring) and added into an output's int32 sum at the array's
   * edge: {@code int_add{32}} (Horowitz ISSCC 2014: 32-bit add 0.1 pJ at 45 nm).
   */
  public static Action bitPlanePassAdd() {
    return Action.intAdd(INT_ARRAY_ACC_BITS);
  }

  /**
   * One GEMM.BP zero-point term at the edge, three per output (an 8-bit zero-point times a 32-bit sum, added into the
   * int32 sum): {@code int_mac{8, 32, 32}}, the energy tables' int_mac recipe (an int multiply plus an int32 add).
   */
  public static Action bitPlaneZeroPointMac() {
    return Action.intMac(8, INT_ARRAY_ACC_BITS, INT_ARRAY_ACC_BITS);
  }

  /** Width of GEMM.IW's accumulator: the ISA's int32 ACC, whatever the PEs' ternary accumulator_bits. */
  public static final int INT_ARRAY_ACC_BITS = 32;

  /**
   * One GEMM.IW multiply-accumulate of these operand widths: {@code int_mac{weight_bits, act_bits, 32}}, priced by the
   * energy tables' int_mac recipe (an int multiply plus an int32 add; Horowitz ISSCC 2014 gives the 8-bit and 32-bit
   * multiplies and the 32-bit add; a 4-bit multiply is ASSUMED to follow the log-log line through the 8- and 32-bit
   * entries, extrapolated down to 4 bits (0.051 pJ at 45 nm), which the price's derivation states).
   */
  public static Action intArrayMac(IntWidth weights, IntWidth activations) {
    return Action.intMac(weights.bits(), activations.bits(), INT_ARRAY_ACC_BITS);
  }

  /**
   * The integer multiply-accumulate added to every PE by {@code int_multipliers}, for the area model:
   * {@code int_mac_pe{bits, bits, 32}} (the multiplier of that width, the int32 adder and its registers).
   */
  public static Component intArrayPe(IntMultipliers multipliers) {
    if (multipliers == IntMultipliers.NONE) {
      throw new IllegalArgumentException("int_multipliers none adds no PE datapath; expected int4 or int8");
    }
    return Component.intMacPe(multipliers.bits(), multipliers.bits(), INT_ARRAY_ACC_BITS);
  }

  /** The processing element of an array of this datatype, for the area model. */
  public static Component processingElement(WeightDatatype weights, int accBits, String fpAccFormat) {
    return switch (weights) {
      case TERNARY -> Component.ternaryPe(accBits);
      case INT4, INT8 -> Component.intMacPe(weights.storageBits(), BASELINE_ACT_BITS, accBits);
      case FP16 -> Component.fpMacPe("fp16", fpAccFormat);
    };
  }

  private static ArithmeticEnergy of(EnergyModel model, List<Action> actions, List<Long> counts) {
    List<Line> lines = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < actions.size(); i++) {
      long n = counts.get(i);
      if (n < 0) {
        throw new IllegalArgumentException("negative count " + n + " for " + actions.get(i));
      }
      if (n == 0) {
        continue; // an action never performed needs no price
      }
      PricedAction p = model.price(actions.get(i));
      lines.add(new Line(p, n, p.totalPj(n)));
      total += p.totalPj(n);
    }
    return new ArithmeticEnergy(total, lines);
  }
}
