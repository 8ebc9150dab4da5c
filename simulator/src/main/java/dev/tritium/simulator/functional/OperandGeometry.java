package dev.tritium.simulator.functional;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.memory.SramImage;

/**
 * Row strides from the CFG registers (0 means dense) and the range and alignment checks every tile
 * operand goes through once, before any inner loop runs, so that a bad program fails with the
 * instruction, operand and byte range and leaves the machine state untouched.
 */
public final class OperandGeometry {

  private OperandGeometry() {}

  /** The configured row stride in bytes, or {@code denseBytes} when the register is 0. */
  public static int stride(MachineState state, CfgReg reg, long denseBytes, String where) {
    long v = state.cfg(reg);
    long s = v == 0 ? denseBytes : v;
    if (s <= 0 || s > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + ": row stride " + s + " bytes (" + reg + ") is out of range");
    }
    return (int) s;
  }

  /**
   * Checks that {@code rows} rows of {@code rowBytes} bytes, {@code strideBytes} apart from {@code addr},
   * lie inside the buffer and are aligned as the buffer requires; returns addr as an int.
   */
  public static int tile(MachineState state, Buffer b, long addr, long rows, long rowBytes, long strideBytes,
      String where, String operand) {
    SramImage buf = state.buffer(b);
    if (rows <= 0 || rowBytes <= 0) {
      throw new IllegalArgumentException(where + ": " + operand + " tile of " + rows + " rows x " + rowBytes
          + " bytes is empty");
    }
    long end = addr + (rows - 1) * strideBytes + rowBytes;
    if (addr < 0 || end > buf.sizeBytes()) {
      throw new IllegalArgumentException(where + ": " + operand + " bytes [" + addr + ", " + end + ") are outside "
          + b + " (" + buf.sizeBytes() + " bytes)");
    }
    int align = b.alignmentBytes();
    if (addr % align != 0 || (rows > 1 && strideBytes % align != 0)) {
      throw new IllegalArgumentException(where + ": " + operand + " at " + b + " address " + addr + " with row stride "
          + strideBytes + " is not " + align + "-byte aligned");
    }
    return (int) addr;
  }

  /** Reads an int32 [rows][cols] tile with a byte row stride into a dense array. */
  public static int[] readInt32Tile(byte[] bytes, int addr, int rows, int cols, int strideBytes) {
    int[] out = new int[rows * cols];
    for (int r = 0; r < rows; r++) {
      int base = addr + r * strideBytes;
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = LittleEndian.getInt32(bytes, base + 4 * c);
      }
    }
    return out;
  }

  /** Writes a dense int32 [rows][cols] array as a tile with a byte row stride. */
  public static void writeInt32Tile(byte[] bytes, int addr, int rows, int cols, int strideBytes, int[] values) {
    for (int r = 0; r < rows; r++) {
      int base = addr + r * strideBytes;
      for (int c = 0; c < cols; c++) {
        LittleEndian.setInt32(bytes, base + 4 * c, values[r * cols + c]);
      }
    }
  }

  /** Pairs (token, output, input) whose activation is zero: n x (zeros in the m activation rows). */
  public static long zeroActivationPairs(byte[] act, int addr, int m, int k, int strideBytes, long n) {
    long zeros = 0;
    for (int t = 0; t < m; t++) {
      int base = addr + t * strideBytes;
      for (int c = 0; c < k; c++) {
        zeros += act[base + c] == 0 ? 1 : 0;
      }
    }
    return zeros * n;
  }
}
