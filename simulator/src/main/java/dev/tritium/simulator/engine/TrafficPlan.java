package dev.tritium.simulator.engine;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.unit.sram.SramAccess;
import dev.tritium.simulator.unit.sram.SramBuffer;

/**
 * The SRAM traffic of one compute instruction, summed per buffer: bytes read and written, port cycles
 * and bank-conflict cycles. Reused across instructions (reset between them) to avoid garbage.
 */
final class TrafficPlan {

  final long[] bytesRead = new long[Buffer.values().length];
  final long[] bytesWritten = new long[Buffer.values().length];
  final long[] portCycles = new long[Buffer.values().length];
  final long[] bankConflictCycles = new long[Buffer.values().length];

  void reset() {
    java.util.Arrays.fill(bytesRead, 0);
    java.util.Arrays.fill(bytesWritten, 0);
    java.util.Arrays.fill(portCycles, 0);
    java.util.Arrays.fill(bankConflictCycles, 0);
  }

  /**
   * {@code times} accesses of rows x rowBytes, row r at addr + r * stride (stride 0: dense rows).
   */
  void access(SramBuffer sram, Buffer b, boolean write, long addr, long rows, long rowBytes, long stride,
      long times) {
    if (times <= 0 || rows <= 0 || rowBytes <= 0) {
      return;
    }
    SramAccess a = sram.access(addr, rows, rowBytes, stride == 0 ? rowBytes : stride);
    int i = b.ordinal();
    if (write) {
      bytesWritten[i] += a.bytes() * times;
    } else {
      bytesRead[i] += a.bytes() * times;
    }
    portCycles[i] += a.cycles() * times;
    bankConflictCycles[i] += a.bankConflictCycles() * times;
  }

  /** A contiguous access of {@code bytes}. */
  void contiguous(SramBuffer sram, Buffer b, boolean write, long addr, long bytes) {
    access(sram, b, write, addr, 1, bytes, bytes, 1);
  }
}
