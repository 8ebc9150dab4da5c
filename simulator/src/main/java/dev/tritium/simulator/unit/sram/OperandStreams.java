package dev.tritium.simulator.unit.sram;

import dev.tritium.isa.Buffer;
import java.util.Arrays;

/**
 * The SRAM operand streams of one compute instruction, summed per buffer: bytes read and written, port
 * cycles and bank-conflict cycles. A compute unit fills it when asked for its occupancy; the engine then
 * reserves each buffer's ports for the summed port cycles. Reused across instructions ({@link #reset()}
 * between them) because one per instruction showed up as garbage in profiles.
 */
public final class OperandStreams {

  private static final Buffer[] BUFFERS = Buffer.values();

  private final SramBuffer[] sram;
  private final long[] bytesRead = new long[BUFFERS.length];
  private final long[] bytesWritten = new long[BUFFERS.length];
  private final long[] portCycles = new long[BUFFERS.length];
  private final long[] bankConflictCycles = new long[BUFFERS.length];

  /** @param buffers the machine's buffers, indexed by {@link Buffer} ordinal */
  public OperandStreams(SramBuffer[] buffers) {
    if (buffers.length != BUFFERS.length) {
      throw new IllegalArgumentException("one buffer per Buffer kind expected, got " + buffers.length);
    }
    this.sram = buffers.clone();
  }

  public void reset() {
    Arrays.fill(bytesRead, 0);
    Arrays.fill(bytesWritten, 0);
    Arrays.fill(portCycles, 0);
    Arrays.fill(bankConflictCycles, 0);
  }

  /** {@code times} reads of rows x rowBytes, row r at addr + r * stride (stride 0: dense rows). */
  public void read(Buffer b, long addr, long rows, long rowBytes, long stride, long times) {
    access(b, false, addr, rows, rowBytes, stride, times);
  }

  /** {@code times} writes of rows x rowBytes, row r at addr + r * stride (stride 0: dense rows). */
  public void write(Buffer b, long addr, long rows, long rowBytes, long stride, long times) {
    access(b, true, addr, rows, rowBytes, stride, times);
  }

  /** One contiguous read of {@code bytes}. */
  public void readContiguous(Buffer b, long addr, long bytes) {
    read(b, addr, 1, bytes, bytes, 1);
  }

  /** One contiguous write of {@code bytes}. */
  public void writeContiguous(Buffer b, long addr, long bytes) {
    write(b, addr, 1, bytes, bytes, 1);
  }

  /**
   * {@code passes} read-modify-write sweeps over the int32 accumulator tile ACC[m][n]; the first sweep
   * reads only when the instruction accumulates onto what is there.
   */
  public void accumulatorSweeps(long addr, long m, long n, long rowStride, long passes, boolean accumulate) {
    accumulatorSweeps(Buffer.ACC, addr, m, n, rowStride, passes, accumulate);
  }

  /** As {@link #accumulatorSweeps(long, long, long, long, long, boolean)} on a 4-byte tile in buffer {@code b}. */
  public void accumulatorSweeps(Buffer b, long addr, long m, long n, long rowStride, long passes, boolean accumulate) {
    write(b, addr, m, 4 * n, rowStride, passes);
    read(b, addr, m, 4 * n, rowStride, passes - 1 + (accumulate ? 1 : 0));
  }

  private void access(Buffer b, boolean write, long addr, long rows, long rowBytes, long stride, long times) {
    if (times <= 0 || rows <= 0 || rowBytes <= 0) {
      return;
    }
    int i = b.ordinal();
    SramAccess a = sram[i].access(addr, rows, rowBytes, stride == 0 ? rowBytes : stride);
    if (write) {
      bytesWritten[i] += a.bytes() * times;
    } else {
      bytesRead[i] += a.bytes() * times;
    }
    portCycles[i] += a.cycles() * times;
    bankConflictCycles[i] += a.bankConflictCycles() * times;
  }

  public long bytesRead(Buffer b) {
    return bytesRead[b.ordinal()];
  }

  public long bytesWritten(Buffer b) {
    return bytesWritten[b.ordinal()];
  }

  public long portCycles(Buffer b) {
    return portCycles[b.ordinal()];
  }

  public long bankConflictCycles(Buffer b) {
    return bankConflictCycles[b.ordinal()];
  }
}
