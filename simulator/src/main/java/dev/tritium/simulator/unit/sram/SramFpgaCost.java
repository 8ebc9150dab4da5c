package dev.tritium.simulator.unit.sram;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;
import java.util.Locale;

/**
 * The buffers' FPGA cost: block memory primitives for SRAM buffers (which of BRAM36 or URAM each buffer uses is the
 * whole design's choice, made by {@code fit.FpgaFit}), flip-flops or LUTRAM for fabric buffers.
 */
public final class SramFpgaCost {

  /** BRAM36 as one write and one read port (simple dual port): 512 x 72 (UG573). */
  public static final int BRAM36_WIDTH_BITS = 72;
  public static final int BRAM36_DEPTH = 512;

  /** UltraRAM: 4096 x 72, two ports (UG573). */
  public static final int URAM_WIDTH_BITS = 72;
  public static final int URAM_DEPTH = 4096;

  /** Bits one LUT6 holds as distributed RAM (a 64 x 1 RAM; UltraScale Architecture CLB User Guide UG574, SLICEM). */
  public static final int LUTRAM_BITS_PER_LUT = 64;

  /** Bits of one table entry in the ISA's LUT image (isa.LutVariant: int16 partial sums). */
  public static final int ISA_TABLE_ENTRY_BITS = 16;

  private SramFpgaCost() {}

  /**
   * Primitives one SRAM buffer needs if built from BRAM36 ({@code ultraRam} false) or URAM. Each bank is built from
   * primitives placed side by side for width and stacked for depth; a bank with up to 2 ports uses each primitive as
   * one write and one read port (the template's use: DMA fills while a unit reads), a bank with p > 2 ports is
   * replicated p - 1 times (one copy per read port, the write port broadcast).
   */
  public static long primitives(SramBufferConfig b, boolean ultraRam) {
    int width = ultraRam ? URAM_WIDTH_BITS : BRAM36_WIDTH_BITS;
    int depth = ultraRam ? URAM_DEPTH : BRAM36_DEPTH;
    long bankBits = b.sizeBytes() * 8 / b.banks();
    long words = ceilDiv(bankBits, b.widthBits());
    long perBank = ceilDiv(b.widthBits(), width) * ceilDiv(words, depth);
    return perBank * arrays(b);
  }

  /**
   * The separate memory arrays a buffer is built from, which both this estimate and the HLS prototype's
   * partitioning use, so the two instantiate the same memories: in block RAM one per bank, replicated for every
   * port beyond a true dual-port pair (ports - 1 copies: one write port shared, one read port each); in the
   * fabric one copy per read port in each bank (HLS replicates a 1-write, n-read LUTRAM per reader).
   */
  public static int arrays(SramBufferConfig b) {
    if (b.registers()) {
      return Math.multiplyExact(b.banks(), b.ports());
    }
    return Math.multiplyExact(b.banks(), b.ports() <= 2 ? 1 : b.ports() - 1);
  }

  /**
   * A buffer in the fabric: registers take one flip-flop per bit; LUTRAM takes one LUT6 per 64 bits (a 64 x 1
   * distributed RAM) for each read port, as HLS replicates a 1-write, n-read LUTRAM per reader. The LUT buffer's
   * size is in the ISA's table image (int16 entries); the fabric holds {@code entryBits} (lut_core.table_entry_bits)
   * per entry, so its bits are scaled by entryBits / 16 (other buffers pass 16: no scaling).
   */
  public static ComponentCost fabric(String name, SramBufferConfig b, int entryBits) {
    long bits = Math.multiplyExact(b.sizeBytes(), 8L) / ISA_TABLE_ENTRY_BITS * entryBits;
    if (b.storage() == BufferStorage.REGISTERS) {
      return new ComponentCost("buffer." + name, new FpgaResources(0, bits, 0, 0, 0),
          String.format(Locale.ROOT, "registers: %,d bits x 1 FF", bits));
    }
    long luts = ceilDiv(bits, LUTRAM_BITS_PER_LUT) * b.ports();
    return new ComponentCost("buffer." + name, new FpgaResources(luts, 0, 0, 0, 0),
        String.format(Locale.ROOT, "LUTRAM: %,d bits / %d per LUT6 x %d read port(s)", bits, LUTRAM_BITS_PER_LUT,
            b.ports()));
  }
}
