package dev.tritium.fpga.hls;

/**
 * A small C source builder: lines with two-space indentation, blocks opened by a line ending in
 * {@code {}, and the {@code HLS(...)} pragma macro of kernel.c (the pragmas are active only under
 * {@code __SYNTHESIS__}, so gcc with {@code -Wall -Werror} never sees an unknown pragma).
 */
final class CCode {

  private final StringBuilder text = new StringBuilder();
  private int depth;

  /** Appends one line at the current indentation; an empty string gives an empty line. */
  CCode line(String s) {
    if (!s.isEmpty()) {
      text.append("  ".repeat(depth)).append(s);
    }
    text.append('\n');
    return this;
  }

  /** Appends a formatted line. */
  CCode linef(String format, Object... args) {
    return line(String.format(java.util.Locale.ROOT, format, args));
  }

  /** Opens a block: {@code head {}. */
  CCode open(String head) {
    line(head + " {");
    depth++;
    return this;
  }

  /** Opens a block with a formatted head. */
  CCode openf(String format, Object... args) {
    return open(String.format(java.util.Locale.ROOT, format, args));
  }

  /** Closes the innermost block. */
  CCode close() {
    depth--;
    if (depth < 0) {
      throw new IllegalStateException("unbalanced C block");
    }
    return line("}");
  }

  /** Closes the innermost block with a suffix, e.g. {@code };} for an initializer. */
  CCode closeWith(String suffix) {
    depth--;
    if (depth < 0) {
      throw new IllegalStateException("unbalanced C block");
    }
    return line("}" + suffix);
  }

  /** A Vitis HLS pragma through the {@code HLS()} macro. */
  CCode pragma(String body) {
    return line("HLS(" + body + ")");
  }

  /** A formatted pragma. */
  CCode pragmaf(String format, Object... args) {
    return pragma(String.format(java.util.Locale.ROOT, format, args));
  }

  /** A block comment (one line). */
  CCode comment(String s) {
    return line("/* " + s + " */");
  }

  CCode append(CCode other) {
    for (String l : other.text.toString().split("\n", -1)) {
      if (!l.isEmpty()) {
        line(l);
      }
    }
    return this;
  }

  @Override
  public String toString() {
    if (depth != 0) {
      throw new IllegalStateException("C code has " + depth + " unclosed block(s)");
    }
    return text.toString();
  }

  /** A C99 hexadecimal float literal with the exact bits of v (e.g. {@code 0x1.4f8b58p-17f}). */
  static String floatLiteral(float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException("cannot emit a non-finite float constant: " + v);
    }
    if (v == 0f) {
      return (Float.floatToRawIntBits(v) < 0 ? "-" : "") + "0.0f";
    }
    return Float.toHexString(v) + "f";
  }
}
