package dev.tritium.models.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes small safetensors files for tests: tensors laid out back to back in insertion order. */
final class SafetensorsTestWriter {

  private record Entry(String dtype, int[] shape, byte[] data) {}

  private final Map<String, Entry> tensors = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  SafetensorsTestWriter tensor(String name, String dtype, int[] shape, byte[] data) {
    tensors.put(name, new Entry(dtype, shape, data));
    return this;
  }

  SafetensorsTestWriter f32(String name, int[] shape, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return tensor(name, "F32", shape, b.array());
  }

  SafetensorsTestWriter half(String name, String dtype, int[] shape, int... bits) {
    ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : bits) {
      b.putShort((short) v);
    }
    return tensor(name, dtype, shape, b.array());
  }

  SafetensorsTestWriter meta(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** The JSON header this writer produces. */
  String headerJson() {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Entry> e : tensors.entrySet()) {
      ObjectNode t = root.putObject(e.getKey());
      t.put("dtype", e.getValue().dtype());
      ArrayNode shape = t.putArray("shape");
      for (int d : e.getValue().shape()) {
        shape.add(d);
      }
      t.putArray("data_offsets").add(offset).add(offset + e.getValue().data().length);
      offset += e.getValue().data().length;
    }
    return root.toString();
  }

  byte[] toBytes() {
    return assemble(headerJson(), data());
  }

  byte[] data() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tensors.values().forEach(e -> out.writeBytes(e.data()));
    return out.toByteArray();
  }

  /** Length prefix, the header padded with spaces to a multiple of 8 (as the reference writer does), data. */
  static byte[] assemble(String headerJson, byte[] data) {
    StringBuilder header = new StringBuilder(headerJson);
    while (header.length() % 8 != 0) {
      header.append(' ');
    }
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return b.array();
  }
}
