package dev.tritium.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {

  @TempDir Path dir;

  private Path write(byte[] bytes) throws IOException {
    Path f = dir.resolve("model.gguf");
    Files.write(f, bytes);
    return f;
  }

  private IllegalArgumentException rejects(byte[] bytes) throws IOException {
    Path f = write(bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GgufFile.open(f));
    assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
    return e;
  }

  static byte[] randomTernary(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      v[i] = (byte) (rnd.nextInt(3) - 1);
    }
    return v;
  }

  /** Element 0 = +1, element 32 = -1, the rest 0: byte 0 = 10|00|01|01 = 0x85, other bytes 01010101. */
  @Test
  void i2sBlockLayoutByHand() {
    byte[] values = new byte[128];
    values[0] = 1;
    values[32] = -1;
    byte[] stored = GgufI2S.encode(values, 0.5f);
    assertEquals(64, stored.length);
    assertEquals((byte) 0x85, stored[0]);
    for (int i = 1; i < 32; i++) {
      assertEquals((byte) 0x55, stored[i], "byte " + i);
    }
    // 0.5f little-endian = 00 00 00 3f, then 28 zero bytes
    assertArrayEquals(new byte[] {0, 0, 0, 0x3f}, Arrays.copyOfRange(stored, 32, 36));
    assertArrayEquals(new byte[28], Arrays.copyOfRange(stored, 36, 64));
    assertArrayEquals(values, GgufI2S.decodeValues(stored, 128, "t"));
    // element 97 (group 3, position 1) lives in bits 1..0 of byte 1
    values[97] = 1;
    assertEquals((byte) 0x56, GgufI2S.encode(values, 0.5f)[1]);
  }

  @Test
  void readsMetadataOfEveryTypeAndTensors() throws IOException {
    int n = 3;
    int k = 128;
    byte[] ternary = randomTernary(n * k, 11);
    float[] norm = {1f, -2f, 0.5f};
    float[] latent = {0.3f, -0.9f, 0.05f, 1.2f, -0.4f, 0f, 0.7f, -0.1f};
    byte[] bytes = new GgufTestWriter(3, 64)
        .kv("general.architecture", GgufFile.STRING, "bitnet-b1.58")
        .kv("general.alignment", GgufFile.UINT32, 64)
        .kv("u8", GgufFile.UINT8, 200).kv("i8", GgufFile.INT8, -5).kv("u16", GgufFile.UINT16, 65535)
        .kv("i16", GgufFile.INT16, -300).kv("i32", GgufFile.INT32, -70000).kv("f32", GgufFile.FLOAT32, 1.25f)
        .kv("b", GgufFile.BOOL, true).kv("u64", GgufFile.UINT64, 1L << 40).kv("i64", GgufFile.INT64, -3L)
        .kv("f64", GgufFile.FLOAT64, 0.1)
        .kvArray("tokens", GgufFile.STRING, List.of("<s>", "héllo"))
        .kvArray("ids", GgufFile.INT32, List.of(1, 2, 3))
        .tensor("norm.weight", new long[] {3}, GgufFile.TYPE_F32, GgufTestWriter.f32(norm))
        .tensor("blk.0.ffn_down.weight", new long[] {k, n}, GgufFile.TYPE_I2_S, GgufI2S.encode(ternary, 0.25f))
        .tensor("latent.weight", new long[] {4, 2}, GgufFile.TYPE_F32, GgufTestWriter.f32(latent))
        .toBytes();
    GgufFile g = GgufFile.open(write(bytes));
    assertEquals(3, g.version());
    assertEquals(64, g.alignment());
    assertEquals(0, g.dataStart() % 64);
    assertEquals("bitnet-b1.58", g.metadata().get("general.architecture"));
    assertEquals(200, g.metadata().get("u8"));
    assertEquals(-5, g.metadata().get("i8"));
    assertEquals(65535, g.metadata().get("u16"));
    assertEquals(-300, g.metadata().get("i16"));
    assertEquals(-70000, g.metadata().get("i32"));
    assertEquals(1.25f, g.metadata().get("f32"));
    assertEquals(true, g.metadata().get("b"));
    assertEquals(1L << 40, g.metadata().get("u64"));
    assertEquals(-3L, g.metadata().get("i64"));
    assertEquals(0.1, g.metadata().get("f64"));
    assertEquals(List.of("<s>", "héllo"), g.metadata().get("tokens"));
    assertEquals(List.of(1, 2, 3), g.metadata().get("ids"));
    assertArrayEquals(norm, g.readFloats("norm.weight"));
    TernaryWeights w = g.readTernary("blk.0.ffn_down.weight");
    assertEquals(n, w.rows());
    assertEquals(k, w.cols());
    assertArrayEquals(ternary, w.values());
    assertEquals(4.0f, w.scale(), "s_w = 1 / i2_scale");
    TernaryWeights q = g.readTernary("latent.weight");
    assertArrayEquals(Quantizers.quantizeWeights(latent, 2, 4).values(), q.values());
  }

  @Test
  void version2AndDefaultAlignmentAreRead() throws IOException {
    GgufFile g = GgufFile.open(write(new GgufTestWriter(2, 32)
        .tensor("a", new long[] {2}, GgufFile.TYPE_F16, new byte[] {0, 0x3c, 0, (byte) 0xc0})
        .toBytes()));
    assertEquals(2, g.version());
    assertEquals(32, g.alignment());
    assertArrayEquals(new float[] {1f, -2f}, g.readFloats("a"));
  }

  @Test
  void rejectsBadHeaders() throws IOException {
    byte[] good = new GgufTestWriter(3, 32).kv("general.name", GgufFile.STRING, "tiny")
        .tensor("a", new long[] {4}, GgufFile.TYPE_F32, GgufTestWriter.f32(1, 2, 3, 4)).toBytes();
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertTrue(rejects(magic).getMessage().contains("not a GGUF file"));
    byte[] v1 = good.clone();
    v1[4] = 1;
    assertTrue(rejects(v1).getMessage().contains("version 1"));
    byte[] bigEndian = good.clone();
    bigEndian[4] = 0;
    bigEndian[7] = 3;
    assertTrue(rejects(bigEndian).getMessage().contains("big-endian"));
    IllegalArgumentException e = rejects(Arrays.copyOf(good, 40));
    assertTrue(e.getMessage().contains("tensor count 1 is impossible"), e.getMessage());
    byte[] metadataOnly = new GgufTestWriter(3, 32).kv("general.name", GgufFile.STRING, "tiny").toBytes();
    e = rejects(Arrays.copyOf(metadataOnly, 40));
    assertTrue(e.getMessage().contains("truncated at byte 32") && e.getMessage().contains("metadata key 0"), e.getMessage());
    e = rejects(Arrays.copyOf(good, good.length - 20)); // 16 data bytes + 16 alignment padding at the end
    assertTrue(e.getMessage().contains("tensor 'a'") && e.getMessage().contains("truncated"), e.getMessage());
    e = rejects(new GgufTestWriter(3, 32).kv("x", 13, 0).toBytes());
    assertTrue(e.getMessage().contains("unknown value type 13"), e.getMessage());
    e = rejects(new GgufTestWriter(3, 32).kv("general.alignment", GgufFile.UINT32, 24).toBytes());
    assertTrue(e.getMessage().contains("general.alignment"), e.getMessage());
    byte[] hugeString = new GgufTestWriter(3, 32).kv("general.name", GgufFile.STRING, "tiny").toBytes();
    hugeString[24 + 8 + "general.name".length() + 4 + 7] = 0x10; // string length high byte
    e = rejects(hugeString);
    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
  }

  @Test
  void rejectsCorruptI2S() throws IOException {
    byte[] stored = GgufI2S.encode(new byte[128], 1f);
    stored[5] = (byte) 0xC0; // code 3 in the top bits: element 5
    GgufFile g = GgufFile.open(write(new GgufTestWriter(3, 32)
        .tensor("w", new long[] {128, 1}, GgufFile.TYPE_I2_S, stored)
        .tensor("q", new long[] {32}, 2, new byte[18])
        .toBytes()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.readTernary("w"));
    assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("element 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.readFloats("q"));
    assertTrue(e.getMessage().contains("type 2"), e.getMessage());
  }

  /** A million arrays nested in one another is a named error, not a StackOverflowError. */
  @Test
  void deeplyNestedArraysAreRefused() throws IOException {
    java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
    int depth = 1_000_000;
    for (int i = 0; i < depth - 1; i++) {
      payload.writeBytes(GgufTestWriter.le4(GgufFile.ARRAY));
      payload.writeBytes(GgufTestWriter.le8(1));
    }
    payload.writeBytes(GgufTestWriter.le4(GgufFile.UINT8));
    payload.writeBytes(GgufTestWriter.le8(1));
    payload.write(7);
    byte[] bytes = new GgufTestWriter(3, 32).kvRaw("deep", GgufFile.ARRAY, payload.toByteArray()).toBytes();
    String msg = rejects(bytes).getMessage();
    assertTrue(msg.contains("arrays nested more than 16 deep"), msg);
    // Sixteen levels are still read.
    java.io.ByteArrayOutputStream ok = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < GgufFile.MAX_ARRAY_DEPTH - 1; i++) {
      ok.writeBytes(GgufTestWriter.le4(GgufFile.ARRAY));
      ok.writeBytes(GgufTestWriter.le8(1));
    }
    ok.writeBytes(GgufTestWriter.le4(GgufFile.UINT8));
    ok.writeBytes(GgufTestWriter.le8(1));
    ok.write(7);
    GgufFile.open(write(new GgufTestWriter(3, 32).kvRaw("deep", GgufFile.ARRAY, ok.toByteArray()).toBytes()));
  }
}
