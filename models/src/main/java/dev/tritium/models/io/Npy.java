package dev.tritium.models.io;

import dev.tritium.common.io.InputFiles;
import dev.tritium.common.io.OutputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0 read; 1.0 written): float32, int8 and
 * int32, C order, little-endian. Errors name the file and what was expected.
 *
 * <p>Layout: magic {@code \x93NUMPY}, major and minor version bytes, header length (uint16 LE in 1.0,
 * uint32 LE in 2.0/3.0), a Python dict literal {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (3, 4), }} padded with spaces and ending in a newline so that the data starts at a multiple
 * of 64 bytes, then the raw data.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /**
   * The largest .npy read: what one Java array can hold (2 GiB); larger weights belong in safetensors or
   * GGUF files, which are mapped, not read whole.
   */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 16L;

  private Npy() {}

  /** Reads a .npy file. */
  public static NpyArray read(Path file) throws IOException {
    return parse(InputFiles.bytes(file, "an npy array", MAX_BYTES), file.toString());
  }

  /** Reads a .npy file that must hold float32 data. */
  public static NpyArray.Float32 readFloat32(Path file) throws IOException {
    NpyArray a = read(file);
    if (a instanceof NpyArray.Float32 f) {
      return f;
    }
    throw new IllegalArgumentException(file + ": expected float32 ('<f4') data, got " + a.dtype().descr()
        + "; convert with a.astype(np.float32)");
  }

  /** Writes a .npy file (format 1.0). */
  public static void write(Path file, NpyArray array) throws IOException {
    OutputFiles.write(file, toBytes(array));
  }

  /** Parses .npy bytes; {@code source} names the origin in errors. */
  public static NpyArray parse(byte[] bytes, String source) {
    if (bytes.length < 10 || !startsWithMagic(bytes)) {
      throw new IllegalArgumentException(source + ": not a .npy file (missing the \\x93NUMPY magic)");
    }
    int major = bytes[6] & 0xff;
    int minor = bytes[7] & 0xff;
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen;
    int headerStart;
    if (major == 1 && minor == 0) {
      headerLen = buf.getShort(8) & 0xffff;
      headerStart = 10;
    } else if ((major == 2 || major == 3) && minor == 0) {
      if (bytes.length < 12) {
        throw new IllegalArgumentException(source + ": truncated .npy header");
      }
      headerLen = buf.getInt(8) & 0xffffffffL;
      headerStart = 12;
    } else {
      throw new IllegalArgumentException(source + ": unsupported .npy format version " + major + "." + minor
          + ", expected 1.0, 2.0 or 3.0");
    }
    if (headerStart + headerLen > bytes.length) {
      throw new IllegalArgumentException(source + ": truncated .npy header: it declares " + headerLen
          + " bytes, the file has " + (bytes.length - headerStart) + " after the preamble");
    }
    String header = new String(bytes, headerStart, (int) headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Map<String, Object> dict = new HeaderParser(header, source).parseDict();
    Header h = Header.of(dict, source);
    int dataStart = (int) (headerStart + headerLen);
    long needed = NpyArray.elementCount(h.shape) * h.dtype.itemBytes();
    long available = bytes.length - dataStart;
    if (available != needed) {
      throw new IllegalArgumentException(source + ": " + (available < needed ? "truncated data" : "trailing bytes after the data")
          + ": shape " + NpyArray.shapeString(h.shape) + " of " + h.dtype.descr() + " needs " + needed
          + " bytes, the file has " + available);
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(ByteOrder.LITTLE_ENDIAN);
    int n = (int) NpyArray.elementCount(h.shape);
    switch (h.dtype) {
      case FLOAT32: {
        float[] out = new float[n];
        data.asFloatBuffer().get(out);
        return new NpyArray.Float32(h.shape, out);
      }
      case INT32: {
        int[] out = new int[n];
        data.asIntBuffer().get(out);
        return new NpyArray.Int32(h.shape, out);
      }
      default: {
        byte[] out = new byte[n];
        data.get(out);
        return new NpyArray.Int8(h.shape, out);
      }
    }
  }

  /** Serializes to .npy format 1.0 bytes. */
  public static byte[] toBytes(NpyArray array) {
    String dict = "{'descr': '" + array.dtype().descr() + "', 'fortran_order': False, 'shape': "
        + NpyArray.shapeString(array.shape()) + ", }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    if (header.length() > 0xffff) {
      throw new IllegalArgumentException("shape " + NpyArray.shapeString(array.shape()) + " is too long for a .npy 1.0 header");
    }
    long dataBytes = array.elementCount() * array.dtype().itemBytes();
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(10 + header.length() + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.ISO_8859_1));
    if (array instanceof NpyArray.Float32 f) {
      out.asFloatBuffer().put(f.data());
    } else if (array instanceof NpyArray.Int32 i) {
      out.asIntBuffer().put(i.data());
    } else if (array instanceof NpyArray.Int8 b) {
      out.put(b.data());
    }
    return out.array();
  }

  private static boolean startsWithMagic(byte[] bytes) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The three header fields, validated. */
  private record Header(NpyDtype dtype, int[] shape) {
    static Header of(Map<String, Object> dict, String source) {
      for (String key : dict.keySet()) {
        if (!List.of("descr", "fortran_order", "shape").contains(key)) {
          throw new IllegalArgumentException(source + ": unexpected .npy header key '" + key + "'");
        }
      }
      Object descr = dict.get("descr");
      Object fortran = dict.get("fortran_order");
      Object shape = dict.get("shape");
      if (!(descr instanceof String d)) {
        throw new IllegalArgumentException(source + ": .npy header needs a string 'descr', got " + descr);
      }
      if (!(fortran instanceof Boolean)) {
        throw new IllegalArgumentException(source + ": .npy header needs 'fortran_order' True or False, got " + fortran);
      }
      if (!(shape instanceof int[] s)) {
        throw new IllegalArgumentException(source + ": .npy header needs a 'shape' tuple, got " + shape);
      }
      if ((Boolean) fortran) {
        throw new IllegalArgumentException(source + ": fortran_order True is not supported, expected C order"
            + " (save np.ascontiguousarray(a))");
      }
      NpyDtype dtype = NpyDtype.fromDescr(d);
      if (dtype == null) {
        String why = d.startsWith(">") ? "big-endian data is not supported" : "unsupported dtype";
        throw new IllegalArgumentException(source + ": " + why + " '" + d + "', expected '<f4' (float32), '|i1' (int8)"
            + " or '<i4' (int32)");
      }
      long count = NpyArray.elementCount(s);
      if (count * dtype.itemBytes() > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException(source + ": shape " + NpyArray.shapeString(s) + " is too large for one array");
      }
      return new Header(dtype, s);
    }
  }

  /** Parser for the header's Python dict literal: string keys; string, bool and int-tuple values. */
  private static final class HeaderParser {
    private final String text;
    private final String source;
    private int pos;

    HeaderParser(String text, String source) {
      this.text = text;
      this.source = source;
    }

    Map<String, Object> parseDict() {
      Map<String, Object> out = new LinkedHashMap<>();
      expect('{');
      while (true) {
        skipSpace();
        if (peek() == '}') {
          pos++;
          break;
        }
        String key = parseString();
        expect(':');
        Object value = parseValue();
        if (out.put(key, value) != null) {
          throw error("duplicate key '" + key + "'");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else if (peek() != '}') {
          throw error("expected ',' or '}'");
        }
      }
      skipSpace();
      if (pos != text.length()) {
        throw error("unexpected text after the header dict");
      }
      return out;
    }

    private Object parseValue() {
      skipSpace();
      char c = peek();
      if (c == '\'' || c == '"') {
        return parseString();
      }
      if (text.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      if (c == '(') {
        return parseTuple();
      }
      throw error("unsupported value");
    }

    private int[] parseTuple() {
      expect('(');
      List<Integer> dims = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek() == ')') {
          pos++;
          break;
        }
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw error("expected a non-negative integer dimension");
        }
        try {
          dims.add(Integer.parseInt(text.substring(start, pos)));
        } catch (NumberFormatException e) {
          throw error("dimension " + text.substring(start, pos) + " is too large");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in the shape");
        }
      }
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private String parseString() {
      skipSpace();
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string");
      }
      int end = text.indexOf(quote, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }

    private void expect(char c) {
      skipSpace();
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      if (pos >= text.length()) {
        throw error("header ends early");
      }
      return text.charAt(pos);
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(source + ": malformed .npy header at character " + pos + ": " + what
          + " (header: " + text.strip() + ")");
    }
  }
}
