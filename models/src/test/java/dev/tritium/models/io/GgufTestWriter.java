package dev.tritium.models.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small little-endian GGUF files for tests. */
final class GgufTestWriter {

  private record Tensor(String name, long[] dims, int type, byte[] data) {}

  private final int version;
  private final long alignment;
  private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
  private int kvCount;
  private final List<Tensor> tensors = new ArrayList<>();

  GgufTestWriter(int version, long alignment) {
    this.version = version;
    this.alignment = alignment;
  }

  private static byte[] le(int bytes, long v) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
    byte[] out = new byte[bytes];
    System.arraycopy(b.array(), 0, out, 0, bytes);
    return out;
  }

  static byte[] string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(le(8, utf8.length));
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  /** Encodes a value of a scalar type (numbers as long/double bits as appropriate). */
  static byte[] scalar(int type, Object v) {
    switch (type) {
      case GgufFile.UINT8: case GgufFile.INT8: case GgufFile.BOOL:
        return le(1, v instanceof Boolean bo ? (bo ? 1 : 0) : ((Number) v).longValue());
      case GgufFile.UINT16: case GgufFile.INT16: return le(2, ((Number) v).longValue());
      case GgufFile.UINT32: case GgufFile.INT32: return le(4, ((Number) v).longValue());
      case GgufFile.FLOAT32: return le(4, Float.floatToIntBits(((Number) v).floatValue()));
      case GgufFile.UINT64: case GgufFile.INT64: return le(8, ((Number) v).longValue());
      case GgufFile.FLOAT64: return le(8, Double.doubleToLongBits(((Number) v).doubleValue()));
      case GgufFile.STRING: return string((String) v);
      default: return le(4, 0); // an invalid type id, for corrupt-file tests
    }
  }

  /** A key with a hand-encoded value payload (for corrupt-file tests). */
  GgufTestWriter kvRaw(String key, int type, byte[] payload) {
    kv.writeBytes(string(key));
    kv.writeBytes(le(4, type));
    kv.writeBytes(payload);
    kvCount++;
    return this;
  }

  static byte[] le4(long v) {
    return le(4, v);
  }

  static byte[] le8(long v) {
    return le(8, v);
  }

  GgufTestWriter kv(String key, int type, Object value) {
    kv.writeBytes(string(key));
    kv.writeBytes(le(4, type));
    kv.writeBytes(scalar(type, value));
    kvCount++;
    return this;
  }

  GgufTestWriter kvArray(String key, int elementType, List<?> values) {
    kv.writeBytes(string(key));
    kv.writeBytes(le(4, GgufFile.ARRAY));
    kv.writeBytes(le(4, elementType));
    kv.writeBytes(le(8, values.size()));
    for (Object v : values) {
      kv.writeBytes(scalar(elementType, v));
    }
    kvCount++;
    return this;
  }

  GgufTestWriter tensor(String name, long[] dims, int type, byte[] data) {
    tensors.add(new Tensor(name, dims, type, data));
    return this;
  }

  static byte[] f32(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(4, version));
    out.writeBytes(le(8, tensors.size()));
    out.writeBytes(le(8, kvCount));
    out.writeBytes(kv.toByteArray());
    long offset = 0;
    List<Long> offsets = new ArrayList<>();
    for (Tensor t : tensors) {
      offsets.add(offset);
      out.writeBytes(string(t.name()));
      out.writeBytes(le(4, t.dims().length));
      for (long d : t.dims()) {
        out.writeBytes(le(8, d));
      }
      out.writeBytes(le(4, t.type()));
      out.writeBytes(le(8, offset));
      offset += (t.data().length + alignment - 1) / alignment * alignment;
    }
    pad(out);
    for (int i = 0; i < tensors.size(); i++) {
      out.writeBytes(tensors.get(i).data());
      pad(out);
    }
    return out.toByteArray();
  }

  private void pad(ByteArrayOutputStream out) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
  }
}
