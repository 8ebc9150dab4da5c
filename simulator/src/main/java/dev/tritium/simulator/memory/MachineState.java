package dev.tritium.simulator.memory;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.IsaTarget;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the functional model reads and writes: one {@link SramImage} per named buffer, sized
 * from the {@link IsaTarget}, a sparse {@link DramImage}, and the CFG register file (all registers
 * reset to 0, as isa/README.md specifies).
 */
public final class MachineState {

  /** The ISA's DRAM address space: 36-bit addresses, 64 GiB. */
  public static final long DEFAULT_DRAM_BYTES = 1L << 36;

  private final IsaTarget target;
  private final Map<Buffer, SramImage> buffers = new EnumMap<>(Buffer.class);
  private final DramImage dram;
  private final long[] cfg = new long[CfgReg.values().length];

  public MachineState(IsaTarget target) {
    this(target, new DramImage(DEFAULT_DRAM_BYTES));
  }

  public MachineState(IsaTarget target, DramImage dram) {
    this.target = target;
    this.dram = dram;
    for (Buffer b : Buffer.values()) {
      long size = target.bytes(b);
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("IsaTarget " + b.name().toLowerCase(java.util.Locale.ROOT)
            + "_bytes = " + size + " is larger than the simulator supports (2 GiB)");
      }
      // A target without some buffer (e.g. no LUT core) has none; an access then names it.
      if (size > 0) {
        buffers.put(b, new SramImage(b.name(), (int) size));
      }
    }
  }

  public IsaTarget target() {
    return target;
  }

  /** The named buffer; throws when the target has none (size 0). */
  public SramImage buffer(Buffer b) {
    SramImage s = buffers.get(b);
    if (s == null) {
      throw new IllegalArgumentException("SRAM " + b.name() + ": target " + target.name() + " has no such buffer (0 bytes)");
    }
    return s;
  }

  public DramImage dram() {
    return dram;
  }

  /** Raw value of a CFG register. */
  public long cfg(CfgReg reg) {
    return cfg[reg.ordinal()];
  }

  /** A float CFG register's value (its low 32 bits as fp32). */
  public float cfgFloat(CfgReg reg) {
    return Float.intBitsToFloat((int) cfg[reg.ordinal()]);
  }

  public void setCfg(CfgReg reg, long value) {
    cfg[reg.ordinal()] = value;
  }
}
