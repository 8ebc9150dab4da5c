package dev.tritium.simulator.energy;

import java.util.EnumMap;
import java.util.Map;

/**
 * One hardware component whose area is priced, with the conditions its area depends on, e.g.
 * {@code ternary_pe{acc_bits=20}} or {@code sram_buffer{capacity_bytes=262144}}.
 */
public record Component(ComponentKind kind, Conditions conditions) {

  /** A component from raw condition values, validated against the kind. */
  public static Component of(ComponentKind kind, Map<Param, String> conditions) {
    return new Component(kind, Conditions.of(kind, conditions));
  }

  public static Component intAdder(int bits) {
    return of(ComponentKind.INT_ADDER, Map.of(Param.BITS, Integer.toString(bits)));
  }

  public static Component intMultiplier(int bits) {
    return of(ComponentKind.INT_MULTIPLIER, Map.of(Param.BITS, Integer.toString(bits)));
  }

  public static Component fpAdder(String format) {
    return of(ComponentKind.FP_ADDER, Map.of(Param.FORMAT, format));
  }

  public static Component fpMultiplier(String format) {
    return of(ComponentKind.FP_MULTIPLIER, Map.of(Param.FORMAT, format));
  }

  public static Component skipMux(int accBits) {
    return of(ComponentKind.SKIP_MUX, Map.of(Param.ACC_BITS, Integer.toString(accBits)));
  }

  public static Component register() {
    return of(ComponentKind.REGISTER, Map.of());
  }

  public static Component sram() {
    return of(ComponentKind.SRAM, Map.of());
  }

  public static Component ternaryPe(int accBits) {
    return of(ComponentKind.TERNARY_PE, Map.of(Param.ACC_BITS, Integer.toString(accBits)));
  }

  public static Component intMacPe(int weightBits, int actBits, int accBits) {
    Map<Param, String> c = new EnumMap<>(Param.class);
    c.put(Param.WEIGHT_BITS, Integer.toString(weightBits));
    c.put(Param.ACT_BITS, Integer.toString(actBits));
    c.put(Param.ACC_BITS, Integer.toString(accBits));
    return of(ComponentKind.INT_MAC_PE, c);
  }

  public static Component fpMacPe(String format, String accFormat) {
    return of(ComponentKind.FP_MAC_PE, Map.of(Param.FORMAT, format, Param.ACC_FORMAT, accFormat));
  }

  public static Component sramBuffer(long capacityBytes) {
    return of(ComponentKind.SRAM_BUFFER, Map.of(Param.CAPACITY_BYTES, Long.toString(capacityBytes)));
  }

  @Override
  public String toString() {
    return kind.id() + conditions;
  }
}
