package dev.tritium.simulator.energy;

import java.util.EnumMap;
import java.util.Map;

/**
 * One action a unit performs, with the conditions its energy depends on: the neutral key between the
 * simulator's action counters and the energy tables. Build actions with the factories (e.g.
 * {@code Action.ternaryAdd(20)}, {@code Action.sramRead(262144, 128)}, {@code Action.dramRead("lpddr4")});
 * {@link #toString()} gives the form used in table files and error messages, e.g.
 * {@code ternary_add{acc_bits=20}}.
 */
public record Action(ActionKind kind, Conditions conditions) {

  /** An action from raw condition values, validated against the kind. */
  public static Action of(ActionKind kind, Map<Param, String> conditions) {
    return new Action(kind, Conditions.of(kind, conditions));
  }

  public static Action intAdd(int bits) {
    return of(ActionKind.INT_ADD, Map.of(Param.BITS, Integer.toString(bits)));
  }

  public static Action intMult(int bits) {
    return of(ActionKind.INT_MULT, Map.of(Param.BITS, Integer.toString(bits)));
  }

  public static Action fpAdd(String format) {
    return of(ActionKind.FP_ADD, Map.of(Param.FORMAT, format));
  }

  public static Action fpMult(String format) {
    return of(ActionKind.FP_MULT, Map.of(Param.FORMAT, format));
  }

  /** A vector-unit function ({@code exp}, {@code div}, {@code sqrt}, ...) of one element. */
  public static Action fpFunc(String op, String format) {
    return of(ActionKind.FP_FUNC, Map.of(Param.OP, op, Param.FORMAT, format));
  }

  public static Action ternaryAdd(int accBits) {
    return of(ActionKind.TERNARY_ADD, Map.of(Param.ACC_BITS, Integer.toString(accBits)));
  }

  public static Action ternarySub(int accBits) {
    return of(ActionKind.TERNARY_SUB, Map.of(Param.ACC_BITS, Integer.toString(accBits)));
  }

  public static Action ternarySkip(int accBits) {
    return of(ActionKind.TERNARY_SKIP, Map.of(Param.ACC_BITS, Integer.toString(accBits)));
  }

  public static Action intMac(int weightBits, int actBits, int accBits) {
    Map<Param, String> c = new EnumMap<>(Param.class);
    c.put(Param.WEIGHT_BITS, Integer.toString(weightBits));
    c.put(Param.ACT_BITS, Integer.toString(actBits));
    c.put(Param.ACC_BITS, Integer.toString(accBits));
    return of(ActionKind.INT_MAC, c);
  }

  public static Action fpMac(String format, String accFormat) {
    return of(ActionKind.FP_MAC, Map.of(Param.FORMAT, format, Param.ACC_FORMAT, accFormat));
  }

  public static Action lutBuildAdd(int bits) {
    return of(ActionKind.LUT_BUILD_ADD, Map.of(Param.BITS, Integer.toString(bits)));
  }

  public static Action lutLookup(int entryBits) {
    return of(ActionKind.LUT_LOOKUP, Map.of(Param.ENTRY_BITS, Integer.toString(entryBits)));
  }

  public static Action regfileRead() {
    return of(ActionKind.REGFILE_READ, Map.of());
  }

  public static Action regfileWrite() {
    return of(ActionKind.REGFILE_WRITE, Map.of());
  }

  public static Action sramRead(long capacityBytes, int widthBits) {
    return sram(ActionKind.SRAM_READ, capacityBytes, widthBits);
  }

  public static Action sramWrite(long capacityBytes, int widthBits) {
    return sram(ActionKind.SRAM_WRITE, capacityBytes, widthBits);
  }

  /** A DRAM read of the given kind ({@code lpddr4}, {@code ddr4}, {@code hbm2}, {@code gddr6}...). */
  public static Action dramRead(String kind) {
    return of(ActionKind.DRAM_READ, Map.of(Param.KIND, kind));
  }

  public static Action dramWrite(String kind) {
    return of(ActionKind.DRAM_WRITE, Map.of(Param.KIND, kind));
  }

  private static Action sram(ActionKind kind, long capacityBytes, int widthBits) {
    return of(kind, Map.of(Param.CAPACITY_BYTES, Long.toString(capacityBytes),
        Param.WIDTH_BITS, Integer.toString(widthBits)));
  }

  @Override
  public String toString() {
    return kind.id() + conditions;
  }
}
