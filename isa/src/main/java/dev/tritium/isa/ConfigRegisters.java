package dev.tritium.isa;

import java.util.Arrays;

/**
 * The values of the CFG registers at one point of the compute queue (all 0 at reset). The
 * validator, the loop expander and the simulator track them the same way: apply each CFG in program
 * order.
 */
public final class ConfigRegisters {

  private final long[] values = new long[CfgReg.values().length];

  public long get(CfgReg reg) {
    return values[reg.ordinal()];
  }

  public float getFloat(CfgReg reg) {
    return Float.intBitsToFloat((int) values[reg.ordinal()]);
  }

  public void set(CfgReg reg, long value) {
    values[reg.ordinal()] = value;
  }

  /** Applies the instruction if it is a CFG; other instructions leave the registers unchanged. */
  public void apply(Instruction insn) {
    if (insn instanceof Cfg c) {
      set(c.reg(), c.value());
    }
  }

  /** The register's stride, or {@code denseBytes} when it is 0. */
  public long strideOr(CfgReg reg, long denseBytes) {
    long v = get(reg);
    return v == 0 ? denseBytes : v;
  }

  public ConfigRegisters copy() {
    ConfigRegisters c = new ConfigRegisters();
    System.arraycopy(values, 0, c.values, 0, values.length);
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigRegisters c && Arrays.equals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }
}
