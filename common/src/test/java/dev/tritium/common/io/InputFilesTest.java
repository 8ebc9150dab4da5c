package dev.tritium.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

  @TempDir Path tmp;

  @Test
  void readsUtf8() throws Exception {
    Path f = tmp.resolve("a.yaml");
    Files.writeString(f, "name: µ\n");
    assertEquals("name: µ\n", InputFiles.text(f, "an arch config"));
  }

  @Test
  void everyFailureNamesTheFileAndWhatWasExpected() throws Exception {
    String missing = assertThrows(IllegalArgumentException.class,
        () -> InputFiles.text(tmp.resolve("nope.yaml"), "an arch config")).getMessage();
    assertTrue(missing.endsWith("nope.yaml: no such file (expected an arch config)"), missing);
    String dir = assertThrows(IllegalArgumentException.class, () -> InputFiles.text(tmp, "a sweep file")).getMessage();
    assertTrue(dir.contains(": is a directory (expected a sweep file)"), dir);
    Path big = tmp.resolve("big.yaml");
    Files.write(big, new byte[101]);
    String large = assertThrows(IllegalArgumentException.class,
        () -> InputFiles.text(big, "an arch config", 100)).getMessage();
    assertTrue(large.startsWith(big + ": 101 bytes is larger than the 100-byte limit for an arch config"), large);
    Path bin = tmp.resolve("bin.yaml");
    Files.write(bin, new byte[] {'a', '\n', 'b', (byte) 0xff, 'c'});
    String utf = assertThrows(IllegalArgumentException.class, () -> InputFiles.text(bin, "an arch config")).getMessage();
    assertTrue(utf.startsWith(bin + ":2: not UTF-8 text (byte 0xff at offset 3"), utf);
  }

  @Test
  void anEndlessDeviceStopsAtTheCap() {
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      String msg = assertThrows(IllegalArgumentException.class, () -> InputFiles.text(zero, "an arch config", 1024))
          .getMessage();
      assertTrue(msg.startsWith("/dev/zero: more than 1024 bytes is larger than the 1024-byte limit"), msg);
    }
  }
}
