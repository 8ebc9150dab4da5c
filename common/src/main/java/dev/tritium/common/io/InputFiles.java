package dev.tritium.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a user's text input file (arch, energy, sweep and SCALE-Sim files, config.json, ISA assembly, CSV)
 * with its size capped before anything is parsed, and strict UTF-8. Every failure is an
 * {@link IllegalArgumentException} whose message names the file and says what was found and what was
 * expected: a missing file, a directory, a file over the cap (a device such as /dev/zero included), bytes
 * that are not UTF-8.
 */
public final class InputFiles {

  /** The default cap: every text input the kit reads is a few kilobytes; this leaves a wide margin. */
  public static final long DEFAULT_MAX_BYTES = 4L << 20;

  private InputFiles() {}

  /** {@link #text(Path, String, long)} with {@link #DEFAULT_MAX_BYTES}. */
  public static String text(Path file, String what) {
    return text(file, what, DEFAULT_MAX_BYTES);
  }

  /**
   * The whole file as text.
   *
   * @param what what the file should be, with its article, for messages ("an arch config YAML file")
   * @param maxBytes the largest file accepted
   */
  public static String text(Path file, String what, long maxBytes) {
    return decode(bytes(file, what, maxBytes), file.toString(), what);
  }

  /**
   * The whole file as bytes, refused before reading when it is larger than {@code maxBytes} (a device or a
   * pipe is read up to one byte past the cap, never further).
   *
   * @param what what the file should be, with its article, for messages ("an npy array")
   */
  public static byte[] bytes(Path file, String what, long maxBytes) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + ": is a directory (expected " + what + ")");
    }
    long cap = Math.min(maxBytes, Integer.MAX_VALUE - 16);
    try {
      if (Files.isRegularFile(file) && Files.size(file) > cap) {
        throw tooLarge(file, what, Files.size(file) + " bytes", cap);
      }
    } catch (IOException e) {
      throw unreadable(file, what, e);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) cap + 1);
    } catch (IOException e) {
      throw unreadable(file, what, e);
    }
    if (bytes.length > cap) {
      throw tooLarge(file, what, "more than " + cap + " bytes", cap);
    }
    return bytes;
  }

  private static IllegalArgumentException tooLarge(Path file, String what, String size, long cap) {
    return new IllegalArgumentException(file + ": " + size + " is larger than the " + cap + "-byte limit for "
        + what);
  }

  private static IllegalArgumentException unreadable(Path file, String what, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new IllegalArgumentException(file + ": no such file (expected " + what + ")", e);
    }
    return new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + "; expected " + what + ")", e);
  }

  /**
   * Strict UTF-8 decoding of bytes read from {@code source}.
   *
   * @throws IllegalArgumentException naming the source, the byte offset and line of the first invalid byte
   */
  public static String decode(byte[] bytes, String source, String what) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return d.decode(in).toString();
    } catch (CharacterCodingException e) {
      int offset = in.position();
      if (e instanceof MalformedInputException) {
        // decode() leaves the buffer where it stopped: the offending byte.
        offset = Math.min(in.position(), bytes.length - 1);
      }
      int line = 1;
      for (int i = 0; i < offset && i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new IllegalArgumentException(source + ":" + line + ": not UTF-8 text (byte 0x"
          + String.format("%02x", bytes[Math.max(0, offset)] & 0xff) + " at offset " + offset + "; expected "
          + what + " in UTF-8)", e);
    }
  }
}
