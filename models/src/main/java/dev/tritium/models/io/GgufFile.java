package dev.tritium.models.io;

import dev.tritium.common.HalfFloats;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file, versions 2 and 3, little-endian: magic {@code GGUF}, uint32 version, uint64 tensor
 * count, uint64 metadata count, the metadata key/values (all 13 value types, arrays included), the
 * tensor infos (name, dims innermost first, GGML type, offset), then the data section, which starts at
 * the next multiple of {@code general.alignment} (default 32); tensor offsets are relative to it and
 * multiples of the alignment.
 *
 * <p>Tensor data can be read for F32, F16 and bitnet.cpp's I2_S ({@link GgufI2S}); other types are
 * listed but not decoded. Opening validates the header; truncation and impossible sizes get errors
 * naming the file and the offset.
 */
public final class GgufFile {

  /** GGML tensor types we decode. */
  public static final int TYPE_F32 = 0;
  public static final int TYPE_F16 = 1;
  public static final int TYPE_I2_S = 36;

  /** Metadata value types. */
  static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7,
      STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

  private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
  private static final int MAX_DIMS = 4;

  /**
   * One tensor info.
   *
   * @param dims GGML order, innermost (row length) first: a weight W [N][K] has dims {K, N}
   */
  public record TensorInfo(String name, long[] dims, int type, long offset) {
    /** Number of elements. */
    public long elementCount() {
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      return n;
    }
  }

  private final Path file;
  private final int version;
  private final Map<String, Object> metadata;
  private final Map<String, TensorInfo> tensors;
  private final long alignment;
  private final long dataStart;

  private GgufFile(Path file, int version, Map<String, Object> metadata, Map<String, TensorInfo> tensors, long alignment,
      long dataStart) {
    this.file = file;
    this.version = version;
    this.metadata = metadata;
    this.tensors = tensors;
    this.alignment = alignment;
    this.dataStart = dataStart;
  }

  /** Opens and validates the header, metadata and tensor infos. */
  public static GgufFile open(Path file) throws IOException {
    try (BoundedReader in = new BoundedReader(file)) {
      int magic = in.i32("the GGUF magic");
      if (magic != MAGIC) {
        throw in.error("not a GGUF file (magic 0x" + Integer.toHexString(magic) + ", expected \"GGUF\")");
      }
      long version = in.u32("the version");
      if (version != 2 && version != 3) {
        String hint = (version & 0xffff) == 0 && version != 0 ? " (a big-endian GGUF? only little-endian is supported)" : "";
        throw in.error("unsupported GGUF version " + version + hint + ", expected 2 or 3");
      }
      long tensorCount = in.i64("the tensor count");
      long kvCount = in.i64("the metadata count");
      // every tensor info needs at least 8 + 4 + 8 + 4 + 8 bytes, every key/value at least 8 + 4 bytes
      if (tensorCount < 0 || tensorCount > in.remaining() / 32) {
        throw in.error("tensor count " + tensorCount + " is impossible for a file of " + in.size() + " bytes");
      }
      if (kvCount < 0 || kvCount > in.remaining() / 12) {
        throw in.error("metadata count " + kvCount + " is impossible for a file of " + in.size() + " bytes");
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      for (long i = 0; i < kvCount; i++) {
        String key = string(in, "metadata key " + i);
        int type = (int) in.u32("the type of metadata '" + key + "'");
        Object value = value(in, type, "metadata '" + key + "'");
        if (metadata.put(key, value) != null) {
          throw in.error("duplicate metadata key '" + key + "'");
        }
      }
      long alignment = 32;
      Object a = metadata.get("general.alignment");
      if (a != null) {
        if (!(a instanceof Long) || (Long) a <= 0 || Long.bitCount((Long) a) != 1) {
          throw in.error("general.alignment must be a uint32 power of two, got " + a);
        }
        alignment = (Long) a;
      }
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      for (long i = 0; i < tensorCount; i++) {
        String name = string(in, "the name of tensor " + i);
        String where = "tensor '" + name + "'";
        long nDims = in.u32(where + " dimension count");
        if (nDims < 1 || nDims > MAX_DIMS) {
          throw in.error(where + " has " + nDims + " dimensions, expected 1.." + MAX_DIMS);
        }
        long[] dims = new long[(int) nDims];
        for (int d = 0; d < nDims; d++) {
          dims[d] = in.i64(where + " dimension " + d);
          if (dims[d] <= 0 || dims[d] > Integer.MAX_VALUE) {
            throw in.error(where + " dimension " + d + " is " + dims[d] + ", expected 1.." + Integer.MAX_VALUE);
          }
        }
        int type = (int) in.u32(where + " type");
        long offset = in.i64(where + " offset");
        if (offset < 0 || offset % alignment != 0) {
          throw in.error(where + " offset " + offset + " is not a multiple of the alignment " + alignment);
        }
        if (tensors.put(name, new TensorInfo(name, dims, type, offset)) != null) {
          throw in.error("duplicate tensor name '" + name + "'");
        }
      }
      long dataStart = (in.position() + alignment - 1) / alignment * alignment;
      if (dataStart > in.size()) {
        throw in.error("truncated: the data section would start at byte " + dataStart + ", past the end");
      }
      GgufFile g = new GgufFile(file, (int) version, Collections.unmodifiableMap(metadata),
          Collections.unmodifiableMap(tensors), alignment, dataStart);
      for (TensorInfo t : tensors.values()) {
        long bytes = g.storedBytes(t);
        if (bytes >= 0 && dataStart + t.offset() + bytes > in.size()) {
          throw in.error("tensor '" + t.name() + "' needs bytes [" + (dataStart + t.offset()) + ", "
              + (dataStart + t.offset() + bytes) + ") but the file has " + in.size() + " (truncated?)");
        }
      }
      return g;
    }
  }

  private static String string(BoundedReader in, String what) throws IOException {
    long len = in.i64(what + " length");
    if (len < 0 || len > in.remaining()) {
      throw in.error("truncated at byte " + in.position() + " while reading " + what + ": string length " + len
          + " runs past the end of the file");
    }
    return in.utf8(len, what);
  }

  /**
   * Arrays nest at most this deep. GGUF files in use nest one level (token lists); the cap turns a crafted
   * file with millions of nested arrays into a clear error instead of a stack overflow.
   */
  static final int MAX_ARRAY_DEPTH = 16;

  /** Reads one value: unsigned 8/16-bit as Integer, uint32 and all 64-bit integers as Long, arrays as List. */
  private static Object value(BoundedReader in, int type, String what) throws IOException {
    return value(in, type, what, 0);
  }

  private static Object value(BoundedReader in, int type, String what, int depth) throws IOException {
    switch (type) {
      case UINT8: return in.u8(what);
      case INT8: return (int) (byte) in.u8(what);
      case UINT16: return in.u16(what);
      case INT16: return (int) (short) in.u16(what);
      case UINT32: return in.u32(what);
      case INT32: return in.i32(what);
      case FLOAT32: return in.f32(what);
      case BOOL: {
        int b = in.u8(what);
        if (b > 1) {
          throw in.error(what + ": bool byte is " + b + ", expected 0 or 1");
        }
        return b == 1;
      }
      case STRING: return string(in, what);
      case UINT64:
      case INT64: return in.i64(what);
      case FLOAT64: return in.f64(what);
      case ARRAY: {
        if (depth >= MAX_ARRAY_DEPTH) {
          throw in.error(what + ": arrays nested more than " + MAX_ARRAY_DEPTH + " deep (expected at most "
              + MAX_ARRAY_DEPTH + " levels)");
        }
        int elementType = (int) in.u32(what + " element type");
        long count = in.i64(what + " element count");
        if (count < 0 || count > in.remaining()) {
          throw in.error(what + ": array of " + count + " elements runs past the end of the file");
        }
        List<Object> list = new ArrayList<>((int) Math.min(count, 1 << 16));
        for (long i = 0; i < count; i++) {
          list.add(value(in, elementType, what + "[" + i + "]", depth + 1));
        }
        return Collections.unmodifiableList(list);
      }
      default:
        throw in.error(what + ": unknown value type " + type + ", expected 0..12");
    }
  }

  /** Stored bytes of a tensor, or -1 for a type we cannot size. */
  long storedBytes(TensorInfo t) {
    switch (t.type()) {
      case TYPE_F32: return t.elementCount() * 4;
      case TYPE_F16: return t.elementCount() * 2;
      case TYPE_I2_S: return GgufI2S.storedBytes(t.elementCount());
      default: return -1;
    }
  }

  public Path file() {
    return file;
  }

  public int version() {
    return version;
  }

  /** Metadata by key, in file order. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** Tensor infos by name, in file order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  public long alignment() {
    return alignment;
  }

  /** Absolute byte offset of the data section. */
  public long dataStart() {
    return dataStart;
  }

  /** A tensor's info; unknown names get an error naming the file. */
  public TensorInfo info(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(file + ": no tensor named '" + name + "' (the file holds " + tensors.size() + ")");
    }
    return t;
  }

  private byte[] readStored(TensorInfo t) throws IOException {
    long bytes = storedBytes(t);
    if (bytes < 0) {
      throw new IllegalArgumentException(file + ": tensor '" + t.name() + "' has GGML type " + t.type()
          + ", this reader decodes F32 (0), F16 (1) and I2_S (36)");
    }
    try (BoundedReader in = new BoundedReader(file)) {
      return in.bytesAt(dataStart + t.offset(), bytes, "tensor '" + t.name() + "'");
    }
  }

  /** An F32 or F16 tensor as float32, in GGML element order (row-major over the reversed dims). */
  public float[] readFloats(String name) throws IOException {
    TensorInfo t = info(name);
    if (t.type() != TYPE_F32 && t.type() != TYPE_F16) {
      throw new IllegalArgumentException(file + ": tensor '" + name + "' has GGML type " + t.type() + ", expected F32 (0) or F16 (1)");
    }
    ByteBuffer b = ByteBuffer.wrap(readStored(t)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[Math.toIntExact(t.elementCount())];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.type() == TYPE_F32 ? b.getFloat() : HalfFloats.f16ToFloat(b.getShort() & 0xffff);
    }
    return out;
  }

  /**
   * A 2-D weight (dims {K, N}) as ternary weights [N][K]: I2_S is decoded with s_w = 1 / i2_scale; F32
   * and F16 weights are quantized with the reference absmean quantizer.
   */
  public TernaryWeights readTernary(String name) throws IOException {
    TensorInfo t = info(name);
    String what = file + ": tensor '" + name + "'";
    if (t.dims().length != 2) {
      throw new IllegalArgumentException(what + " has dims " + Arrays.toString(t.dims()) + ", expected 2 (K, N)");
    }
    int cols = (int) t.dims()[0];
    int rows = (int) t.dims()[1];
    if (t.type() == TYPE_I2_S) {
      int n = Math.toIntExact(t.elementCount());
      byte[] data = readStored(t);
      byte[] values = GgufI2S.decodeValues(data, n, what);
      float i2Scale = GgufI2S.scale(data, n, what);
      if (i2Scale == 0f) {
        for (byte v : values) {
          if (v != 0) {
            throw new IllegalArgumentException(what + ": I2_S scale is 0 but the tensor has non-zero weights");
          }
        }
      }
      return new TernaryWeights(values, rows, cols, GgufI2S.weightScale(i2Scale));
    }
    return Quantizers.quantizeWeights(readFloats(name), rows, cols);
  }
}
