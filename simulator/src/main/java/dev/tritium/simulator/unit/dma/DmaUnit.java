package dev.tritium.simulator.unit.dma;

import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.memory.SramImage;

/** Functional LOAD/STORE: 2-D strided copies between the DRAM image and a buffer (SRAM side dense). */
public final class DmaUnit {

  public void load(Load l, MachineState state, ActionCounters counters) {
    SramImage buf = state.buffer(l.buffer());
    long bytes = check(l.rows(), l.rowBytes(), l.sramAddr(), l.dramAddr(), l.dramStrideBytes(), buf, state.dram(), "LOAD");
    for (int r = 0; r < l.rows(); r++) {
      state.dram().read(l.dramAddr() + r * l.dramStrideBytes(), buf.bytes(), (int) l.sramAddr() + r * l.rowBytes(),
          l.rowBytes());
    }
    chargeLoad(l, counters, bytes);
  }

  public void store(Store s, MachineState state, ActionCounters counters) {
    SramImage buf = state.buffer(s.buffer());
    long bytes = check(s.rows(), s.rowBytes(), s.sramAddr(), s.dramAddr(), s.dramStrideBytes(), buf, state.dram(), "STORE");
    for (int r = 0; r < s.rows(); r++) {
      state.dram().write(s.dramAddr() + r * s.dramStrideBytes(), buf.bytes(), (int) s.sramAddr() + r * s.rowBytes(),
          s.rowBytes());
    }
    chargeStore(s, counters, bytes);
  }

  public void count(Load l, ActionCounters counters) {
    chargeLoad(l, counters, (long) l.rows() * l.rowBytes());
  }

  public void count(Store s, ActionCounters counters) {
    chargeStore(s, counters, (long) s.rows() * s.rowBytes());
  }

  private static void chargeLoad(Load l, ActionCounters counters, long bytes) {
    counters.dramRead(bytes);
    counters.sramWritten(l.buffer(), bytes);
  }

  private static void chargeStore(Store s, ActionCounters counters, long bytes) {
    counters.sramRead(s.buffer(), bytes);
    counters.dramWritten(bytes);
  }

  private static long check(int rows, int rowBytes, long sramAddr, long dramAddr, long dramStride, SramImage buf,
      DramImage dram, String what) {
    if (rows <= 0 || rowBytes <= 0 || dramStride < 0) {
      throw new IllegalArgumentException(what + " " + buf.name() + ": rows " + rows + ", row_bytes " + rowBytes
          + ", dram_stride_bytes " + dramStride + " must be positive (stride >= 0)");
    }
    long bytes = (long) rows * rowBytes;
    try {
      buf.checkRange(sramAddr, bytes);
      dram.checkRange(dramAddr, (rows - 1) * dramStride + rowBytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    return bytes;
  }
}
