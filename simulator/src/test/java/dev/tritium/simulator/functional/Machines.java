package dev.tritium.simulator.functional;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.memory.MachineState;
import java.util.EnumSet;
import java.util.Optional;

/** Small machines and helpers shared by the functional tests. */
final class Machines {

  static final Deps NO_DEPS = Deps.NONE;

  private Machines() {}

  /** 64 KiB in every buffer: room for the property tests' tiles. */
  static MachineState small() {
    return small(new LutUnit(3, LutVariant.TERNARY_BASE3));
  }

  /** As {@link #small()} with the given LUT core (BIT_PLANES reads tables of its g). */
  static MachineState small(LutUnit lut) {
    IsaTarget t = new IsaTarget("test", 1 << 16, 1 << 16, 1 << 16, 1 << 16, 1 << 16, 4, 4,
        Optional.of(lut), 4, EnumSet.allOf(Packing.class));
    return new MachineState(t);
  }

  static void putBytes(MachineState s, Buffer b, int addr, byte[] bytes) {
    s.buffer(b).write(addr, bytes, 0, bytes.length);
  }

  /** The int16 entries of a LUT table at {@code addr} (2 bytes each, little-endian). */
  static short[] lutTable(MachineState s, int addr, int entries) {
    short[] out = new short[entries];
    for (int e = 0; e < entries; e++) {
      out[e] = (short) (s.buffer(Buffer.LUT).getInt32(addr + 2 * e) & 0xffff);
    }
    return out;
  }

  static int[] acc(MachineState s, int addr, int count) {
    return s.buffer(Buffer.ACC).readInt32s(addr, count);
  }
}
