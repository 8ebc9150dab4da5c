package dev.tritium.simulator.memory;

import java.util.Objects;

/**
 * One on-chip SRAM buffer's contents: a flat byte array addressed by byte. Every access is bounds
 * checked and a bad access names the buffer, the byte range and the buffer size, because an address
 * past the end is a mapper or program bug the user must be able to find.
 */
public final class SramImage {

  private final String name;
  private final byte[] bytes;

  public SramImage(String name, int sizeBytes) {
    this.name = Objects.requireNonNull(name, "name");
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("SRAM buffer " + name + " needs a positive size_bytes, got " + sizeBytes);
    }
    this.bytes = new byte[sizeBytes];
  }

  public String name() {
    return name;
  }

  public int sizeBytes() {
    return bytes.length;
  }

  /**
   * The backing array, for the unit models' inner loops, which check their whole tile once with
   * {@link #checkRange} instead of per element.
   */
  public byte[] bytes() {
    return bytes;
  }

  /** Throws unless [addr, addr + lengthBytes) lies inside the buffer. */
  public void checkRange(long addr, long lengthBytes) {
    if (addr < 0 || lengthBytes < 0 || addr + lengthBytes > bytes.length) {
      throw new IllegalArgumentException("SRAM " + name + ": access to bytes [" + addr + ", " + (addr + lengthBytes)
          + ") is outside the buffer of " + bytes.length + " bytes");
    }
  }

  /** Throws unless addr is a multiple of alignBytes. */
  public void checkAligned(long addr, int alignBytes) {
    if (addr % alignBytes != 0) {
      throw new IllegalArgumentException("SRAM " + name + ": address " + addr + " is not " + alignBytes + "-byte aligned");
    }
  }

  public byte getInt8(int addr) {
    checkRange(addr, 1);
    return bytes[addr];
  }

  public void setInt8(int addr, byte value) {
    checkRange(addr, 1);
    bytes[addr] = value;
  }

  public int getInt32(int addr) {
    checkRange(addr, 4);
    return LittleEndian.getInt32(bytes, addr);
  }

  public void setInt32(int addr, int value) {
    checkRange(addr, 4);
    LittleEndian.setInt32(bytes, addr, value);
  }

  public float getFp32(int addr) {
    checkRange(addr, 4);
    return LittleEndian.getFp32(bytes, addr);
  }

  public void setFp32(int addr, float value) {
    checkRange(addr, 4);
    LittleEndian.setFp32(bytes, addr, value);
  }

  /** Copies lengthBytes from this buffer at addr into dst[dstOffset...]. */
  public void read(int addr, byte[] dst, int dstOffset, int lengthBytes) {
    checkRange(addr, lengthBytes);
    System.arraycopy(bytes, addr, dst, dstOffset, lengthBytes);
  }

  /** Copies lengthBytes from src[srcOffset...] into this buffer at addr. */
  public void write(int addr, byte[] src, int srcOffset, int lengthBytes) {
    checkRange(addr, lengthBytes);
    System.arraycopy(src, srcOffset, bytes, addr, lengthBytes);
  }

  public int[] readInt32s(int addr, int count) {
    checkRange(addr, 4L * count);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = LittleEndian.getInt32(bytes, addr + 4 * i);
    }
    return out;
  }

  public void writeInt32s(int addr, int[] values) {
    checkRange(addr, 4L * values.length);
    for (int i = 0; i < values.length; i++) {
      LittleEndian.setInt32(bytes, addr + 4 * i, values[i]);
    }
  }

  public float[] readFp32s(int addr, int count) {
    checkRange(addr, 4L * count);
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = LittleEndian.getFp32(bytes, addr + 4 * i);
    }
    return out;
  }

  public void writeFp32s(int addr, float[] values) {
    checkRange(addr, 4L * values.length);
    for (int i = 0; i < values.length; i++) {
      LittleEndian.setFp32(bytes, addr + 4 * i, values[i]);
    }
  }
}
