package dev.tritium.simulator.fit;

import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.sram.SramFpgaCost;

/** How one on-chip buffer maps to block RAM or UltraRAM (the primitive counts: {@link SramFpgaCost#primitives}). */
public record BufferMapping(String buffer, Memory memory, long primitives, long bramIfBlockRam, long uramIfUltraRam) {

  /** Memory primitive kinds. */
  public enum Memory { BRAM36, URAM }

  /** Primitives one buffer needs if built from the given memory ({@link SramFpgaCost#primitives}). */
  public static long primitives(SramBufferConfig b, Memory m) {
    return SramFpgaCost.primitives(b, m == Memory.URAM);
  }

  /** The resources this mapping takes. */
  public FpgaResources resources() {
    return memory == Memory.BRAM36 ? new FpgaResources(0, 0, 0, primitives, 0) : new FpgaResources(0, 0, 0, 0, primitives);
  }
}
