package dev.tritium.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  @TempDir Path dir;

  /** Builds .npy bytes by hand: preamble for the given version, the header text verbatim, then data. */
  static byte[] handMade(int major, String header, int... data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int len = header.length();
    if (major == 1) {
      out.writeBytes(new byte[] {(byte) len, (byte) (len >> 8)});
    } else {
      out.writeBytes(new byte[] {(byte) len, (byte) (len >> 8), (byte) (len >> 16), (byte) (len >> 24)});
    }
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int d : data) {
      out.write(d);
    }
    return out.toByteArray();
  }

  private IllegalArgumentException rejects(byte[] bytes) throws IOException {
    Path f = dir.resolve("bad.npy");
    Files.write(f, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().startsWith(f + ": "), "names the file: " + e.getMessage());
    return e;
  }

  @Test
  void roundTripsEveryDtypeAndShape() throws IOException {
    NpyArray[] arrays = {
        new NpyArray.Float32(new int[] {2, 3}, new float[] {1.5f, -0f, Float.MIN_VALUE, 3e38f, -7f, 0.1f}),
        new NpyArray.Int8(new int[] {5}, new byte[] {-128, -1, 0, 1, 127}),
        new NpyArray.Int32(new int[] {2, 1, 2}, new int[] {Integer.MIN_VALUE, -1, 65536, Integer.MAX_VALUE}),
        new NpyArray.Int32(new int[] {}, new int[] {42}),
        new NpyArray.Float32(new int[] {0, 3}, new float[0]),
    };
    for (NpyArray a : arrays) {
      Path f = dir.resolve("a.npy");
      Npy.write(f, a);
      assertEquals(a, Npy.read(f), a.toString());
    }
  }

  @Test
  void writesTheFormat10HeaderNumpyWrites() {
    byte[] bytes = Npy.toBytes(new NpyArray.Float32(new int[] {2, 3}, new float[6]));
    assertEquals(1, bytes[6]);
    assertEquals(0, bytes[7]);
    int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertEquals(0, (10 + headerLen) % 64, "data starts 64-byte aligned");
    String header = new String(bytes, 10, headerLen, StandardCharsets.ISO_8859_1);
    assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
    assertTrue(header.endsWith(" \n"), header);
    assertEquals(10 + headerLen + 24, bytes.length);
  }

  @Test
  void readsHandMadeVersion1And2Headers() {
    // int32 [1, -2] little-endian, double-quoted keys, no trailing comma, 1-D shape "(2,)"
    NpyArray a = Npy.parse(handMade(1, "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (2,)}\n",
        1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff), "v1");
    assertArrayEquals(new int[] {1, -2}, ((NpyArray.Int32) a).data());
    // float32 1.0 = 0x3f800000 and -2.5 = 0xc0200000 as a 2x1 column in a version 2.0 file
    NpyArray b = Npy.parse(handMade(2, "{'shape': (2, 1), 'fortran_order': False, 'descr': '<f4', }   \n",
        0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0), "v2");
    assertArrayEquals(new int[] {2, 1}, b.shape());
    assertArrayEquals(new float[] {1.0f, -2.5f}, ((NpyArray.Float32) b).data());
    NpyArray c = Npy.parse(handMade(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }\n", 0xfb, 0, 7), "i8");
    assertArrayEquals(new byte[] {-5, 0, 7}, ((NpyArray.Int8) c).data());
  }

  @Test
  void rejectsWhatItCannotRepresentFaithfully() throws IOException {
    int[] four = {0, 0, 0, 0};
    IllegalArgumentException e = rejects(handMade(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }\n", four));
    assertTrue(e.getMessage().contains("fortran_order"), e.getMessage());
    e = rejects(handMade(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n", four));
    assertTrue(e.getMessage().contains("big-endian"), e.getMessage());
    e = rejects(handMade(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n", 0, 0, 0, 0, 0, 0, 0, 0));
    assertTrue(e.getMessage().contains("'<f8'") && e.getMessage().contains("'<f4'"), e.getMessage());
    e = rejects(handMade(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", four));
    assertTrue(e.getMessage().contains("version 4.0"), e.getMessage());
  }

  @Test
  void rejectsTruncatedAndCorruptFiles() throws IOException {
    byte[] good = Npy.toBytes(new NpyArray.Float32(new int[] {3}, new float[] {1, 2, 3}));
    IllegalArgumentException e = rejects(Arrays.copyOf(good, good.length - 1));
    assertTrue(e.getMessage().contains("truncated data") && e.getMessage().contains("12 bytes"), e.getMessage());
    e = rejects(Arrays.copyOf(good, good.length + 4));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    e = rejects(Arrays.copyOf(good, 40));
    assertTrue(e.getMessage().contains("truncated .npy header"), e.getMessage());
    byte[] badMagic = good.clone();
    badMagic[1] = 'X';
    assertTrue(rejects(badMagic).getMessage().contains("magic"));
    e = rejects(handMade(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, x), }\n", 0, 0, 0, 0));
    assertTrue(e.getMessage().contains("malformed .npy header"), e.getMessage());
  }

  @Test
  void readFloat32NamesTheFileOnAnotherDtype() throws IOException {
    Path f = dir.resolve("w.npy");
    Npy.write(f, new NpyArray.Int8(new int[] {1}, new byte[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.readFloat32(f));
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("float32"), e.getMessage());
  }
}
