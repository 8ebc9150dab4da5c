package dev.tritium.simulator.fit;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.simulator.unit.sram.SramBufferConfig;

/**
 * How one on-chip buffer maps to block RAM or UltraRAM. Each bank is built from primitives placed
 * side by side for width and stacked for depth; a bank with up to 2 ports uses each primitive as one
 * write and one read port (the template's use: DMA fills while a unit reads), a bank with p > 2 ports
 * is replicated p - 1 times (one copy per read port, the write port broadcast).
 */
public record BufferMapping(String buffer, Memory memory, long primitives, long bramIfBlockRam, long uramIfUltraRam) {

  /** Memory primitive kinds. */
  public enum Memory { BRAM36, URAM }

  /** Primitives one buffer needs if built from the given memory. */
  public static long primitives(SramBufferConfig b, Memory m) {
    int width = m == Memory.BRAM36 ? UnitCosts.BRAM36_WIDTH_BITS : UnitCosts.URAM_WIDTH_BITS;
    int depth = m == Memory.BRAM36 ? UnitCosts.BRAM36_DEPTH : UnitCosts.URAM_DEPTH;
    long bankBits = b.sizeBytes() * 8 / b.banks();
    long words = ceilDiv(bankBits, b.widthBits());
    long perBank = ceilDiv(b.widthBits(), width) * ceilDiv(words, depth);
    long copies = b.ports() <= 2 ? 1 : b.ports() - 1;
    return perBank * b.banks() * copies;
  }

  /** The resources this mapping takes. */
  public FpgaResources resources() {
    return memory == Memory.BRAM36 ? new FpgaResources(0, 0, 0, primitives, 0) : new FpgaResources(0, 0, 0, 0, primitives);
  }
}
