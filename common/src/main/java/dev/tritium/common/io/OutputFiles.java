package dev.tritium.common.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a command's output files all or nothing: every file goes to a temporary file beside its target first,
 * and only when all of them are written are they moved into place. A failed command leaves no half-written
 * output, and none of the set when one of them cannot be written.
 */
public final class OutputFiles {

  private OutputFiles() {}

  /** Writes one file atomically; see {@link #writeAll}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Map<Path, byte[]> one = new LinkedHashMap<>();
    one.put(target, bytes);
    writeAll(one);
  }

  /**
   * Writes every file, or none.
   *
   * @throws IllegalArgumentException naming the file when its directory is missing or is not a directory, or
   *     when the target is a directory
   * @throws IOException when the disk refuses a write (no target is changed then)
   */
  public static void writeAll(Map<Path, byte[]> files) throws IOException {
    for (Path target : files.keySet()) {
      checkWritable(target);
    }
    List<Path[]> staged = new ArrayList<>();
    try {
      for (Map.Entry<Path, byte[]> e : files.entrySet()) {
        Path target = e.getKey().toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        staged.add(new Path[] {tmp, target});
        Files.write(tmp, e.getValue());
      }
      for (Path[] s : staged) {
        move(s[0], s[1]);
      }
      staged.clear();
    } finally {
      for (Path[] s : staged) {
        Files.deleteIfExists(s[0]);
      }
    }
  }

  private static void checkWritable(Path target) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.exists(dir)) {
      throw new IllegalArgumentException(target + ": the directory " + dir + " does not exist (create it first)");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(target + ": " + dir + " is a file, not a directory");
    }
    if (Files.isDirectory(abs)) {
      throw new IllegalArgumentException(target + ": is a directory (expected a file name to write)");
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
