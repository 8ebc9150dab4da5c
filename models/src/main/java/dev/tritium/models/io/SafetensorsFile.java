package dev.tritium.models.io;

import dev.tritium.common.HalfFloats;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .safetensors} file: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}),
 * then the data; offsets are relative to the data start. Opening validates the whole header (dtypes,
 * shapes, byte counts, offsets inside the file, no overlaps); tensors are read on demand.
 */
public final class SafetensorsFile {

  /** One tensor's header entry. */
  public record TensorInfo(String name, SafetensorsDtype dtype, int[] shape, long begin, long end) {
    /** Number of elements. */
    public long elementCount() {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** The format's own limit on header size. */
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private final Path file;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(Path file, long dataStart, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    this.file = file;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** Opens and validates the header. */
  public static SafetensorsFile open(Path file) throws IOException {
    try (BoundedReader in = new BoundedReader(file)) {
      long headerLen = in.i64("the 8-byte header length");
      if (headerLen < 2 || headerLen > in.remaining() || headerLen > MAX_HEADER_BYTES) {
        throw in.error("header length " + headerLen + " is impossible: the file has " + in.remaining()
            + " bytes after the length field (and the format allows at most 100 MiB of header)");
      }
      String json = in.utf8(headerLen, "the JSON header");
      long dataStart = 8 + headerLen;
      long dataSize = in.size() - dataStart;
      JsonNode root;
      try {
        root = MAPPER.readTree(json);
      } catch (JacksonException e) {
        throw in.error("header is not valid JSON: " + e.getOriginalMessage());
      }
      if (root == null || !root.isObject()) {
        throw in.error("header must be a JSON object");
      }
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          readMetadata(in, e.getValue(), metadata);
        } else {
          tensors.put(e.getKey(), tensorInfo(in, e.getKey(), e.getValue(), dataSize));
        }
      }
      checkNoOverlap(in, tensors);
      return new SafetensorsFile(file, dataStart, Collections.unmodifiableMap(tensors),
          Collections.unmodifiableMap(metadata));
    }
  }

  private static void readMetadata(BoundedReader in, JsonNode node, Map<String, String> out) {
    if (!node.isObject()) {
      throw in.error("__metadata__ must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw in.error("__metadata__ value of '" + e.getKey() + "' must be a string, got " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
  }

  private static TensorInfo tensorInfo(BoundedReader in, String name, JsonNode node, long dataSize) {
    String where = "tensor '" + name + "': ";
    if (!node.isObject()) {
      throw in.error(where + "expected an object with dtype, shape and data_offsets");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!List.of("dtype", "shape", "data_offsets").contains(key)) {
        throw in.error(where + "unknown field '" + key + "'");
      }
    }
    JsonNode dtypeNode = node.get("dtype");
    SafetensorsDtype dtype = null;
    if (dtypeNode != null && dtypeNode.isTextual()) {
      for (SafetensorsDtype d : SafetensorsDtype.values()) {
        if (d.name().equals(dtypeNode.asText())) {
          dtype = d;
        }
      }
    }
    if (dtype == null) {
      throw in.error(where + "dtype " + dtypeNode + " is not supported, expected one of " + Arrays.toString(SafetensorsDtype.values()));
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw in.error(where + "shape must be a list of non-negative integers, got " + shapeNode);
    }
    int[] shape = new int[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
        throw in.error(where + "shape must be a list of non-negative integers, got " + shapeNode);
      }
      shape[i] = d.asInt();
    }
    JsonNode off = node.get("data_offsets");
    if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()
        || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
      throw in.error(where + "data_offsets must be [begin, end], got " + off);
    }
    long begin = off.get(0).asLong();
    long end = off.get(1).asLong();
    if (begin < 0 || end < begin || end > dataSize) {
      throw in.error(where + "data_offsets [" + begin + ", " + end + "] are outside the data section of " + dataSize
          + " bytes (file truncated?)");
    }
    TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
    long expected = info.elementCount() * dtype.itemBytes();
    if (end - begin != expected) {
      throw in.error(where + "shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
          + " bytes, data_offsets span " + (end - begin));
    }
    return info;
  }

  private static void checkNoOverlap(BoundedReader in, Map<String, TensorInfo> tensors) {
    List<TensorInfo> sorted = new ArrayList<>(tensors.values());
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    for (int i = 1; i < sorted.size(); i++) {
      TensorInfo a = sorted.get(i - 1);
      TensorInfo b = sorted.get(i);
      if (b.begin() < a.end()) {
        throw in.error("tensors '" + a.name() + "' and '" + b.name() + "' overlap in the data section");
      }
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Tensors by name, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The {@code __metadata__} strings. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** A tensor's header entry; unknown names get an error naming the file. */
  public TensorInfo info(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(file + ": no tensor named '" + name + "' (the file holds " + tensors.size()
          + " tensors)");
    }
    return t;
  }

  /** A tensor's raw little-endian bytes. */
  public byte[] readRaw(String name) throws IOException {
    TensorInfo t = info(name);
    try (BoundedReader in = new BoundedReader(file)) {
      return in.bytesAt(dataStart + t.begin(), t.end() - t.begin(), "tensor '" + name + "'");
    }
  }

  /** A floating-point tensor (F32, F16 or BF16) as float32, row-major. */
  public float[] readFloats(String name) throws IOException {
    TensorInfo t = info(name);
    if (!t.dtype().isFloat()) {
      throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + t.dtype() + ", expected F32, F16 or BF16");
    }
    ByteBuffer b = ByteBuffer.wrap(readRaw(name)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[Math.toIntExact(t.elementCount())];
    for (int i = 0; i < out.length; i++) {
      switch (t.dtype()) {
        case F32:
          out[i] = b.getFloat();
          break;
        case F16:
          out[i] = HalfFloats.f16ToFloat(b.getShort() & 0xffff);
          break;
        default:
          out[i] = HalfFloats.bf16ToFloat(b.getShort() & 0xffff);
          break;
      }
    }
    return out;
  }

  /**
   * The ternary weights of a BitLinear weight tensor {@code NAME} (usually ending in {@code .weight}):
   * <ul>
   *   <li>U8 [N/4, K] with a one-element {@code NAME_scale} tensor: the packed layout of
   *       microsoft/bitnet-b1.58-2B-4T ({@link HfBitNetPacking}); the scale is s_w;
   *   <li>F32 / F16 / BF16 [N, K] (latent or master weights): quantized with the reference absmean
   *       quantizer.
   * </ul>
   */
  public TernaryWeights readBitLinear(String name) throws IOException {
    TensorInfo t = info(name);
    String what = file + ": tensor '" + name + "'";
    if (t.shape().length != 2) {
      throw new IllegalArgumentException(what + " has shape " + Arrays.toString(t.shape()) + ", expected 2-D");
    }
    if (t.dtype().isFloat()) {
      return Quantizers.quantizeWeights(readFloats(name), t.shape()[0], t.shape()[1]);
    }
    if (t.dtype() != SafetensorsDtype.U8) {
      throw new IllegalArgumentException(what + " is " + t.dtype() + ", expected packed U8 or F32/F16/BF16");
    }
    String scaleName = name + "_scale";
    TensorInfo s = tensors.get(scaleName);
    if (s == null) {
      throw new IllegalArgumentException(what + " is packed U8 but there is no '" + scaleName + "' tensor");
    }
    if (s.elementCount() != 1 || !s.dtype().isFloat()) {
      throw new IllegalArgumentException(file + ": tensor '" + scaleName + "' must hold one float, got " + s.dtype() + " "
          + Arrays.toString(s.shape()));
    }
    float scale = readFloats(scaleName)[0];
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException(file + ": tensor '" + scaleName + "' is " + scale + ", expected a positive finite s_w");
    }
    int packedRows = t.shape()[0];
    int cols = t.shape()[1];
    byte[] values = HfBitNetPacking.unpack(readRaw(name), packedRows, cols, what);
    return new TernaryWeights(values, packedRows * HfBitNetPacking.VALUES_PER_ITEM, cols, scale);
  }
}
