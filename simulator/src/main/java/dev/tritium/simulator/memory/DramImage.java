package dev.tritium.simulator.memory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A sparse DRAM image with 64-bit byte addresses: 64 KiB pages are allocated on first write, and
 * unwritten bytes read as zero. A whole model's weights can be placed at realistic addresses while
 * only the bytes a test or a cross-check actually writes occupy heap.
 */
public final class DramImage {

  static final int PAGE_BITS = 16;
  static final int PAGE_BYTES = 1 << PAGE_BITS;
  private static final int PAGE_MASK = PAGE_BYTES - 1;

  private final long capacityBytes;
  private final Map<Long, byte[]> pages = new HashMap<>();

  /** @param capacityBytes addresses must stay below this (the ISA's DRAM address space) */
  public DramImage(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("DRAM capacity_bytes must be positive, got " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  /**
   * One past the last byte of the highest written page (0 when nothing was written): how many bytes from
   * address 0 a flat copy of the image needs (unwritten bytes in it read as zero, as here).
   */
  public long writtenExtentBytes() {
    long top = -1;
    for (long page : pages.keySet()) {
      top = Math.max(top, page);
    }
    return (top + 1) * PAGE_BYTES;
  }

  /** Bytes of heap held by written pages. */
  public long allocatedBytes() {
    return (long) pages.size() * PAGE_BYTES;
  }

  public void checkRange(long addr, long lengthBytes) {
    if (addr < 0 || lengthBytes < 0 || addr + lengthBytes > capacityBytes) {
      throw new IllegalArgumentException("DRAM: access to bytes [" + addr + ", " + (addr + lengthBytes)
          + ") is outside the address space of " + capacityBytes + " bytes");
    }
  }

  /** Copies lengthBytes starting at addr into dst[dstOffset...]; unwritten bytes read as zero. */
  public void read(long addr, byte[] dst, int dstOffset, int lengthBytes) {
    checkRange(addr, lengthBytes);
    int done = 0;
    while (done < lengthBytes) {
      long a = addr + done;
      int inPage = (int) (a & PAGE_MASK);
      int chunk = Math.min(lengthBytes - done, PAGE_BYTES - inPage);
      byte[] page = pages.get(a >>> PAGE_BITS);
      if (page == null) {
        Arrays.fill(dst, dstOffset + done, dstOffset + done + chunk, (byte) 0);
      } else {
        System.arraycopy(page, inPage, dst, dstOffset + done, chunk);
      }
      done += chunk;
    }
  }

  /** Copies lengthBytes from src[srcOffset...] to addr, allocating pages as needed. */
  public void write(long addr, byte[] src, int srcOffset, int lengthBytes) {
    checkRange(addr, lengthBytes);
    int done = 0;
    while (done < lengthBytes) {
      long a = addr + done;
      int inPage = (int) (a & PAGE_MASK);
      int chunk = Math.min(lengthBytes - done, PAGE_BYTES - inPage);
      byte[] page = pages.computeIfAbsent(a >>> PAGE_BITS, p -> new byte[PAGE_BYTES]);
      System.arraycopy(src, srcOffset + done, page, inPage, chunk);
      done += chunk;
    }
  }

  public byte[] read(long addr, int lengthBytes) {
    byte[] out = new byte[lengthBytes];
    read(addr, out, 0, lengthBytes);
    return out;
  }

  public void write(long addr, byte[] src) {
    write(addr, src, 0, src.length);
  }

  public byte getInt8(long addr) {
    return read(addr, 1)[0];
  }

  public void setInt8(long addr, byte value) {
    write(addr, new byte[] {value});
  }

  public int getInt32(long addr) {
    return LittleEndian.getInt32(read(addr, 4), 0);
  }

  public void setInt32(long addr, int value) {
    byte[] b = new byte[4];
    LittleEndian.setInt32(b, 0, value);
    write(addr, b);
  }

  public float getFp32(long addr) {
    return LittleEndian.getFp32(read(addr, 4), 0);
  }

  public void setFp32(long addr, float value) {
    byte[] b = new byte[4];
    LittleEndian.setFp32(b, 0, value);
    write(addr, b);
  }

  /** Writes values as consecutive int32 LE words starting at addr. */
  public void writeInt32s(long addr, int[] values) {
    byte[] b = new byte[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      LittleEndian.setInt32(b, 4 * i, values[i]);
    }
    write(addr, b);
  }

  public int[] readInt32s(long addr, int count) {
    byte[] b = read(addr, 4 * count);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = LittleEndian.getInt32(b, 4 * i);
    }
    return out;
  }

  /** Writes values as consecutive fp32 LE words starting at addr. */
  public void writeFp32s(long addr, float[] values) {
    byte[] b = new byte[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      LittleEndian.setFp32(b, 4 * i, values[i]);
    }
    write(addr, b);
  }

  public float[] readFp32s(long addr, int count) {
    byte[] b = read(addr, 4 * count);
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = LittleEndian.getFp32(b, 4 * i);
    }
    return out;
  }
}
