package dev.tritium.simulator.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian int32 and fp32 views of byte arrays; the one place that knows the machine's byte order. */
public final class LittleEndian {

  private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FP32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  public static int getInt32(byte[] bytes, int offset) {
    return (int) INT32.get(bytes, offset);
  }

  public static void setInt32(byte[] bytes, int offset, int value) {
    INT32.set(bytes, offset, value);
  }

  public static short getInt16(byte[] bytes, int offset) {
    return (short) INT16.get(bytes, offset);
  }

  public static void setInt16(byte[] bytes, int offset, short value) {
    INT16.set(bytes, offset, value);
  }

  public static float getFp32(byte[] bytes, int offset) {
    return (float) FP32.get(bytes, offset);
  }

  public static void setFp32(byte[] bytes, int offset, float value) {
    FP32.set(bytes, offset, value);
  }
}
