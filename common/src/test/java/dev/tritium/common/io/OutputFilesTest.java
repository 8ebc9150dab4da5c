package dev.tritium.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

  @TempDir Path tmp;

  @Test
  void writesAndReplaces() throws Exception {
    Path f = tmp.resolve("y.npy");
    OutputFiles.write(f, new byte[] {1, 2});
    OutputFiles.write(f, new byte[] {3});
    assertArrayEquals(new byte[] {3}, Files.readAllBytes(f));
    try (var s = Files.list(tmp)) {
      assertEquals(1, s.count(), "no temporary file left");
    }
  }

  @Test
  void oneUnwritableTargetLeavesNoneOfTheSet() throws Exception {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(tmp.resolve("y.npy"), new byte[] {1});
    files.put(tmp.resolve("missing-dir").resolve("acc.npy"), new byte[] {2});
    String msg = assertThrows(IllegalArgumentException.class, () -> OutputFiles.writeAll(files)).getMessage();
    assertTrue(msg.contains("missing-dir does not exist"), msg);
    assertFalse(Files.exists(tmp.resolve("y.npy")));
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    msg = assertThrows(IllegalArgumentException.class, () -> OutputFiles.write(file.resolve("out.bin"), new byte[1]))
        .getMessage();
    assertTrue(msg.contains("is a file, not a directory"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> OutputFiles.write(tmp, new byte[1])).getMessage();
    assertTrue(msg.contains("is a directory"), msg);
  }
}
