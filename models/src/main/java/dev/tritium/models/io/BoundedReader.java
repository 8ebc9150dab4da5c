package dev.tritium.models.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sequential little-endian reads from a file that never run past its end: every read first checks the
 * remaining size and reports a truncation with the file, the offset and what was being read.
 */
final class BoundedReader implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long bufStart;

  BoundedReader(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
    buf.limit(0);
  }

  long size() {
    return size;
  }

  long position() {
    return bufStart + buf.position();
  }

  long remaining() {
    return size - position();
  }

  IllegalArgumentException error(String what) {
    return new IllegalArgumentException(file + ": " + what);
  }

  private void need(long n, String what) throws IOException {
    if (n < 0 || n > remaining()) {
      throw error("truncated at byte " + position() + " while reading " + what + " (needs " + n + " bytes, "
          + remaining() + " left)");
    }
    if (n > buf.remaining()) {
      long pos = position();
      buf.clear();
      channel.position(pos);
      bufStart = pos;
      while (buf.position() < Math.min(buf.capacity(), size - pos)) {
        if (channel.read(buf) < 0) {
          break;
        }
      }
      buf.flip();
    }
  }

  int u8(String what) throws IOException {
    need(1, what);
    return buf.get() & 0xff;
  }

  int u16(String what) throws IOException {
    need(2, what);
    return buf.getShort() & 0xffff;
  }

  long u32(String what) throws IOException {
    need(4, what);
    return buf.getInt() & 0xffffffffL;
  }

  int i32(String what) throws IOException {
    need(4, what);
    return buf.getInt();
  }

  long i64(String what) throws IOException {
    need(8, what);
    return buf.getLong();
  }

  float f32(String what) throws IOException {
    need(4, what);
    return buf.getFloat();
  }

  double f64(String what) throws IOException {
    need(8, what);
    return buf.getDouble();
  }

  /** n bytes; n is checked against the remaining file size before anything is allocated. */
  byte[] bytes(long n, String what) throws IOException {
    if (n < 0 || n > remaining()) {
      throw error("truncated at byte " + position() + " while reading " + what + " (needs " + n + " bytes, "
          + remaining() + " left)");
    }
    byte[] out = new byte[Math.toIntExact(n)];
    int done = 0;
    while (done < out.length) {
      need(Math.min(buf.capacity(), out.length - done), what);
      int chunk = Math.min(buf.remaining(), out.length - done);
      buf.get(out, done, chunk);
      done += chunk;
    }
    return out;
  }

  String utf8(long n, String what) throws IOException {
    return new String(bytes(n, what), StandardCharsets.UTF_8);
  }

  void seek(long pos, String what) {
    if (pos < 0 || pos > size) {
      throw error("offset " + pos + " for " + what + " is outside the file (" + size + " bytes)");
    }
    if (pos >= bufStart && pos <= bufStart + buf.limit()) {
      buf.position((int) (pos - bufStart));
    } else {
      bufStart = pos;
      buf.limit(0);
    }
  }

  /** Reads n bytes at an absolute offset (the sequential position moves there). */
  byte[] bytesAt(long offset, long n, String what) throws IOException {
    seek(offset, what);
    return bytes(n, what);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
