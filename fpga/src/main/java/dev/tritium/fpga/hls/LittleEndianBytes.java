package dev.tritium.fpga.hls;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Golden and input arrays as the little-endian bytes the testbench reads with fread. */
final class LittleEndianBytes {

  private LittleEndianBytes() {}

  static byte[] of(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static byte[] of(int[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(v);
    return b.array();
  }

  static byte[] of(float v) {
    return of(new float[] {v});
  }
}
