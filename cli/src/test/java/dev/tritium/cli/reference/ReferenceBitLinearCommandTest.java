package dev.tritium.cli.reference;

import dev.tritium.cli.CliTestBase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.TritiumCommand;
import dev.tritium.models.io.Npy;
import dev.tritium.models.io.NpyArray;
import java.io.IOException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceBitLinearCommandTest extends CliTestBase {

  @TempDir Path dir;
  private Path f32(String name, int[] shape, float... data) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, new NpyArray.Float32(shape, data));
    return p;
  }

  /**
   * W: mean|W| = 5/8, s_w = 1.6, W*s_w = [1.6, -1.6, 0, 0.8 | 0.4, 0.4, -3.2, 0] -> Wq = [1, -1, 0, 1 | 0, 0, -1, 0].
   * X token 0: absmax 127, s_x = 1, xq = [127, -64 (tie to even), 10, 1];
   * X token 1: absmax 63.5, s_x = 2, x*2 = [127, -0.5, 1.5, -20] -> xq = [127, 0 (tie to even), 2, -20].
   * acc = [192, -10 | 107, -2]; y = acc / (1.6 * s_x) = [120, -6.25 | 33.4375, -0.625].
   */
  @Test
  void computesHandCheckedBitLinear() throws IOException {
    Path w = f32("W.npy", new int[] {2, 4}, 1f, -1f, 0f, 0.5f, 0.25f, 0.25f, -2f, 0f);
    Path x = f32("X.npy", new int[] {2, 4}, 127f, -63.5f, 10f, 1f, 63.5f, -0.25f, 0.75f, -10f);
    Path y = dir.resolve("Y.npy");
    Path acc = dir.resolve("ACC.npy");
    Path wq = dir.resolve("WQ.npy");
    int code = run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out", y.toString(),
        "--acc", acc.toString(), "--wq", wq.toString());
    assertEquals(0, code, err.toString());
    NpyArray.Float32 yArr = Npy.readFloat32(y);
    assertArrayEquals(new int[] {2, 2}, yArr.shape());
    assertArrayEquals(new float[] {120f, -6.25f, 33.4375f, -0.625f}, yArr.data());
    assertEquals(new NpyArray.Int32(new int[] {2, 2}, new int[] {192, -10, 107, -2}), Npy.read(acc));
    assertEquals(new NpyArray.Int8(new int[] {2, 4}, new byte[] {1, -1, 0, 1, 0, 0, -1, 0}), Npy.read(wq));
    String printed = out.toString();
    assertTrue(printed.contains("N=2 K=4") && printed.contains("s_w = 1.6"), printed);
    assertTrue(printed.contains("s_x per token = [1.0, 2.0]"), printed);
  }

  @Test
  void acceptsOneDimensionalInputAsOneToken() throws IOException {
    Path w = f32("W.npy", new int[] {1, 2}, 1f, -1f);
    Path x = f32("X.npy", new int[] {2}, 127f, 127f);
    Path y = dir.resolve("Y.npy");
    assertEquals(0, run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out", y.toString()));
    NpyArray.Float32 yArr = Npy.readFloat32(y);
    assertArrayEquals(new int[] {1, 1}, yArr.shape());
    assertArrayEquals(new float[] {0f}, yArr.data());
  }

  @Test
  void shapeMismatchIsAUserErrorNamingBothFiles() throws IOException {
    Path w = f32("W.npy", new int[] {2, 4}, new float[8]);
    Path x = f32("X.npy", new int[] {1, 3}, 1f, 2f, 3f);
    int code = run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(),
        "--out", dir.resolve("Y.npy").toString());
    assertEquals(TritiumCommand.EXIT_USER_ERROR, code);
    String e = err.toString();
    assertTrue(e.contains(w.toString()) && e.contains("(2, 4)") && e.contains(x.toString()) && e.contains("(1, 3)"), e);
    assertTrue(!e.contains("\tat "), "no stack trace: " + e);
  }

  @Test
  void wrongDtypeAndMissingFilesAreUserErrors() throws IOException {
    Path w = dir.resolve("W.npy");
    Npy.write(w, new NpyArray.Int32(new int[] {1, 1}, new int[] {1}));
    Path x = f32("X.npy", new int[] {1}, 1f);
    assertEquals(2, run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out", "Y.npy"));
    assertTrue(err.toString().contains("float32"), err.toString());
    assertEquals(2, run("reference", "bitlinear", "--weight", dir.resolve("none.npy").toString(), "--input", x.toString(),
        "--out", "Y.npy"));
  }

  /** Finite inputs near fp32's limit give a non-finite y: exit 2 and no file (it used to write +-inf/NaN). */
  @Test
  void nonFiniteOutputsAreRefusedAndNothingIsWritten() throws IOException {
    Path w = f32("W.npy", new int[] {1, 2}, 3e38f, -3e38f);
    Path x = f32("X.npy", new int[] {1, 2}, 3e38f, 1e38f);
    Path y = dir.resolve("Y.npy");
    assertEquals(2, run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out",
        y.toString()));
    assertTrue(err.toString().contains("output [0, 0] of [1, 2] is Infinity")
        || err.toString().contains("output [0, 0] of [1, 1] is Infinity"), err.toString());
    assertTrue(!java.nio.file.Files.exists(y), "no Y.npy after a failure");
  }

  /** When --acc cannot be written, Y.npy is not left behind either. */
  @Test
  void anUnwritableSecondOutputLeavesNoFirstOutput() throws IOException {
    Path w = f32("W.npy", new int[] {1, 2}, 1f, -1f);
    Path x = f32("X.npy", new int[] {2}, 127f, 127f);
    Path y = dir.resolve("Y.npy");
    Path acc = dir.resolve("no-such-dir").resolve("ACC.npy");
    assertEquals(2, run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out",
        y.toString(), "--acc", acc.toString()));
    assertTrue(err.toString().contains("no-such-dir does not exist"), err.toString());
    assertTrue(!java.nio.file.Files.exists(y), "no Y.npy after a failure");
  }

  /** The hand-checked case with W from a safetensors tensor gives the same Y; a missing --tensor lists names. */
  @Test
  void readsTheWeightFromASafetensorsTensor() throws IOException {
    float[] wv = {1f, -1f, 0f, 0.5f, 0.25f, 0.25f, -2f, 0f};
    String header = "{\"model.w\":{\"dtype\":\"F32\",\"shape\":[2,4],\"data_offsets\":[0,32]}}";
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header.length() + 32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (float v : wv) {
      b.putFloat(v);
    }
    Path w = java.nio.file.Files.write(dir.resolve("W.safetensors"), b.array());
    Path x = f32("X.npy", new int[] {2, 4}, 127f, -63.5f, 10f, 1f, 63.5f, -0.25f, 0.75f, -10f);
    Path y = dir.resolve("Y.npy");
    assertEquals(0, run("reference", "bitlinear", "--weight", w.toString(), "--tensor", "model.w", "--input",
        x.toString(), "--out", y.toString()), err.toString());
    assertArrayEquals(new float[] {120f, -6.25f, 33.4375f, -0.625f}, Npy.readFloat32(y).data());
    assertEquals(2, run("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out",
        dir.resolve("Y2.npy").toString()));
    assertTrue(err.toString().contains("--tensor NAME is required for a .safetensors weight (the file holds: model.w)"),
        err.toString());
  }

  /** A released OneBit layer (packed I8 signs, fp32 vectors) runs as stored: y computed by hand. */
  @Test
  void aReleasedOneBitLayerRunsAsStored() throws IOException {
    String header = "{\"l.q.weight\":{\"dtype\":\"I8\",\"shape\":[2,1],\"data_offsets\":[0,2]},"
        + "\"l.q.weight_scale\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[2,10]},"
        + "\"l.q.input_factor\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[10,42]}}";
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header.length() + 42).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    b.put((byte) 0b0000_0101).put((byte) 0xff).putFloat(0.5f).putFloat(2f);
    for (int i = 0; i < 8; i++) {
      b.putFloat(i == 0 ? 2f : 1f);
    }
    Path w = java.nio.file.Files.write(dir.resolve("onebit.safetensors"), b.array());
    Path x = f32("X.npy", new int[] {1, 8}, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f);
    Path y = dir.resolve("Y.npy");
    assertEquals(0, run("reference", "bitlinear", "--format", "onebit", "--weight", w.toString(), "--tensor", "l.q",
        "--input", x.toString(), "--out", y.toString()), err.toString());
    // row 0 signs -,+,-,+,+,+,+,+ with b[0] = 2: (-2 + 2 - 3 + 4 + 5 + 6 + 7 + 8) * 0.5 = 13.5; row 1: -(2 + 35) * 2
    assertArrayEquals(new float[] {13.5f, -74f}, Npy.readFloat32(y).data());
    assertTrue(out.toString().contains("released OneBit layer 'l.q'"), out.toString());
  }

  @Test
  void otherWeightFormatsRunTheirOwnReferenceNumerics() throws IOException {
    float[] wData = {1f, -1f, 0f, 0.5f, 0.25f, 0.25f, -2f, 0f};
    float[] xData = {127f, -63.5f, 10f, 1f, 63.5f, -0.25f, 0.75f, -10f};
    Path w = f32("W.npy", new int[] {2, 4}, wData);
    Path x = f32("X.npy", new int[] {2, 4}, xData);
    for (String spec : new String[] {"bitnet-w1", "onebit", "ternaryllm:group=2", "pb-llm:salient=0.25"}) {
      Path y = dir.resolve(spec.replace(':', '_').replace('=', '_') + ".npy");
      out.getBuffer().setLength(0);
      assertEquals(0, run("reference", "bitlinear", "--format", spec, "--weight", w.toString(), "--input",
          x.toString(), "--out", y.toString()), err::toString);
      var preset = dev.tritium.models.format.FormatPresets.parse(spec);
      float[] expected = preset.quantize(wData, 2, 4).apply(xData, 2);
      assertArrayEquals(expected, Npy.readFloat32(y).data(), spec);
      assertTrue(out.toString().contains(String.format(java.util.Locale.ROOT, "%.4f bits/weight",
          preset.format().bitsPerWeight(2, 4))), out::toString);
    }
    assertEquals(2, run("reference", "bitlinear", "--format", "bitnet-w1", "--weight", w.toString(), "--input",
        x.toString(), "--out", dir.resolve("y.npy").toString(), "--acc", dir.resolve("a.npy").toString()));
    assertTrue(err.toString().contains("--acc and --wq: int32 accumulators and int8 ternary weights exist for"
        + " --format bitnet-b1.58 only"), err::toString);
    assertTrue(!dir.resolve("y.npy").toFile().exists(), "nothing written on a refused command");
    assertEquals(2, run("reference", "bitlinear", "--format", "gptq", "--weight", w.toString(), "--input",
        x.toString(), "--out", dir.resolve("y.npy").toString()));
    assertTrue(err.toString().contains("unknown weight format 'gptq'"), err::toString);
  }

  @Test
  void formatHelpListsThePresetsWithBitsPerWeight() {
    assertEquals(0, run("reference", "bitlinear", "--format", "help"), err::toString);
    for (String name : dev.tritium.models.format.FormatPresets.NAMES) {
      assertTrue(out.toString().contains(name), name);
    }
    assertTrue(out.toString().startsWith("weight formats: NAME[:key=value,...]; bits/weight"), out::toString);
  }
}
