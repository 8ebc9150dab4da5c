package dev.tritium.simulator.unit.dma;

import dev.tritium.isa.IsaTarget;
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
    checkKvStore(state.target(), l.dramAddr(), l.rows(), l.rowBytes(), l.dramStrideBytes(), "LOAD");
    for (int r = 0; r < l.rows(); r++) {
      state.dram().read(l.dramAddr() + r * l.dramStrideBytes(), buf.bytes(), (int) l.sramAddr() + r * l.rowBytes(),
          l.rowBytes());
    }
    chargeLoad(l, state.target(), counters, bytes);
  }

  public void store(Store s, MachineState state, ActionCounters counters) {
    SramImage buf = state.buffer(s.buffer());
    long bytes = check(s.rows(), s.rowBytes(), s.sramAddr(), s.dramAddr(), s.dramStrideBytes(), buf, state.dram(), "STORE");
    checkKvStore(state.target(), s.dramAddr(), s.rows(), s.rowBytes(), s.dramStrideBytes(), "STORE");
    for (int r = 0; r < s.rows(); r++) {
      state.dram().write(s.dramAddr() + r * s.dramStrideBytes(), buf.bytes(), (int) s.sramAddr() + r * s.rowBytes(),
          s.rowBytes());
    }
    chargeStore(s, state.target(), counters, bytes);
  }

  public void count(Load l, IsaTarget target, ActionCounters counters) {
    chargeLoad(l, target, counters, (long) l.rows() * l.rowBytes());
  }

  public void count(Store s, IsaTarget target, ActionCounters counters) {
    chargeStore(s, target, counters, (long) s.rows() * s.rowBytes());
  }

  /** The far side is DRAM, or the on-chip KV store when the address lies in its window. */
  private static void chargeLoad(Load l, IsaTarget target, ActionCounters counters, long bytes) {
    if (target.inKvStore(l.dramAddr())) {
      counters.kvStoreRead(bytes);
    } else {
      counters.dramRead(bytes);
    }
    counters.sramWritten(l.buffer(), bytes);
  }

  private static void chargeStore(Store s, IsaTarget target, ActionCounters counters, long bytes) {
    counters.sramRead(s.buffer(), bytes);
    if (target.inKvStore(s.dramAddr())) {
      counters.kvStoreWritten(bytes);
    } else {
      counters.dramWritten(bytes);
    }
  }

  /** A transfer in the on-chip KV store's window must stay inside the store (the validator's rule too). */
  private static void checkKvStore(IsaTarget target, long dramAddr, int rows, int rowBytes, long stride, String what) {
    long end = dramAddr + (rows - 1) * stride + rowBytes;
    if (target.inKvStore(end - 1) && (!target.inKvStore(dramAddr)
        || end > IsaTarget.KV_STORE_BASE + target.kvStoreBytes())) {
      throw new IllegalArgumentException(String.format("%s: range [0x%x, 0x%x) is not inside the on-chip KV store"
          + " [0x%x, 0x%x)", what, dramAddr, end, IsaTarget.KV_STORE_BASE, IsaTarget.KV_STORE_BASE
          + target.kvStoreBytes()));
    }
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
