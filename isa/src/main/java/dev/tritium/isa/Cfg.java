package dev.tritium.isa;

/** CFG: writes one configuration register (compute queue; affects later compute instructions). */
public record Cfg(Deps deps, CfgReg reg, long value) implements Instruction {

  @Override
  public <R> R accept(InstructionVisitor<R> visitor) {
    return visitor.visitCfg(this);
  }

  public Cfg {
    java.util.Objects.requireNonNull(deps, "deps");
    java.util.Objects.requireNonNull(reg, "reg");
  }

  /** A CFG of a float register holding {@code v}'s fp32 bits. */
  public static Cfg ofFloat(Deps deps, CfgReg reg, float v) {
    return new Cfg(deps, reg, Integer.toUnsignedLong(Float.floatToRawIntBits(v)));
  }

  /** The value read as fp32 bits. */
  public float floatValue() {
    return Float.intBitsToFloat((int) value);
  }

  @Override
  public Opcode opcode() {
    return Opcode.CFG;
  }

  @Override
  public Cfg withDeps(Deps d) {
    return new Cfg(d, reg, value);
  }
}
