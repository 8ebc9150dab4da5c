package dev.tritium.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.format.OneBit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A released OneBit layer read from safetensors: the bit order of the packed signs, the vectors rounded to fp16, the
 * layer's output computed by hand, and the errors that name the file and tensor.
 */
class OneBitCheckpointTest {

  @TempDir Path dir;

  private Path write(SafetensorsTestWriter w) throws IOException {
    Path p = dir.resolve("onebit.safetensors");
    Files.write(p, w.toBytes());
    return p;
  }

  /** N = 2, K = 8: row 0 byte 0b0000_0101 (columns 0 and 2 are -1), row 1 byte 0xFF (all -1). */
  private SafetensorsTestWriter layer() {
    return new SafetensorsTestWriter()
        .tensor("m.q_proj.weight", "I8", new int[] {2, 1}, new byte[] {0b0000_0101, (byte) 0xff})
        .f32("m.q_proj.weight_scale", new int[] {2}, 0.5f, 2f)
        .f32("m.q_proj.input_factor", new int[] {8}, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f + 0x1p-12f);
  }

  @Test
  void signsUnpackLowBitFirstAndOneMeansMinusOne() throws IOException {
    OneBit.Weights w = OneBitCheckpoint.read(SafetensorsFile.open(write(layer())), "m.q_proj");
    assertEquals(2, w.rows());
    assertEquals(8, w.cols());
    assertArrayEquals(new byte[] {-1, 1, -1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1}, w.signs());
    // 1 + 2^-12 lies below the midpoint 1 + 2^-11 of fp16 spacing 2^-10 near 1: it rounds to 1.
    assertEquals(1f, w.b()[7]);
    // x = 1..8: row 0 = (-1 + 2 - 3 + 4 + 5 + 6 + 7 + 8) * 0.5 = 14; row 1 = -36 * 2 = -72
    float[] y = w.apply(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1);
    assertArrayEquals(new float[] {14f, -72f}, y);
    // the ".weight" name is accepted as the prefix too
    assertEquals(w.rows(), OneBitCheckpoint.read(SafetensorsFile.open(write(layer())), "m.q_proj.weight").rows());
  }

  @Test
  void missingOrMisshapenTensorsAreNamed() throws IOException {
    Path p = write(new SafetensorsTestWriter()
        .tensor("m.q_proj.weight", "I8", new int[] {2, 1}, new byte[] {1, 2})
        .f32("m.q_proj.weight_scale", new int[] {3}, 1f, 1f, 1f));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> OneBitCheckpoint.read(SafetensorsFile.open(p), "m.q_proj"));
    assertTrue(shape.getMessage().contains("tensor 'm.q_proj.weight_scale' has shape [3], expected [2] (N)"),
        shape.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> OneBitCheckpoint.read(SafetensorsFile.open(p), "m.k_proj"));
    assertTrue(missing.getMessage().contains("no tensor 'm.k_proj.weight'"), missing.getMessage());
    Path f32 = write(new SafetensorsTestWriter().f32("m.q_proj.weight", new int[] {1, 1}, 1f));
    IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
        () -> OneBitCheckpoint.read(SafetensorsFile.open(f32), "m.q_proj"));
    assertTrue(dtype.getMessage().contains("is F32, expected I8 or U8"), dtype.getMessage());
  }
}
