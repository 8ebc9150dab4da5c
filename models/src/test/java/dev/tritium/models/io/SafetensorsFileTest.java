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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

  @TempDir Path dir;

  private Path write(byte[] bytes) throws IOException {
    Path f = dir.resolve("model.safetensors");
    Files.write(f, bytes);
    return f;
  }

  private IllegalArgumentException rejects(byte[] bytes) throws IOException {
    Path f = write(bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.open(f));
    assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
    return e;
  }

  /** The example in transformers' unpack_weights docstring: packed [2, 2] uint8 -> [8, 2] ternary. */
  static final byte[] HF_DOC_PACKED = {(byte) 0b10100001, 0b00011000, (byte) 0b10010000, 0b00001010};
  static final byte[] HF_DOC_UNPACKED = {0, -1, -1, 1, -1, 1, -1, 1, 1, 0, 0, -1, 1, -1, 1, -1};

  @Test
  void hfPackingMatchesTheTransformersDocstringExample() {
    assertArrayEquals(HF_DOC_UNPACKED, HfBitNetPacking.unpack(HF_DOC_PACKED, 2, 2, "doc"));
    assertArrayEquals(HF_DOC_PACKED, HfBitNetPacking.pack(HF_DOC_UNPACKED, 8, 2));
  }

  @Test
  void readsFloatDtypesExactly() throws IOException {
    Path f = write(new SafetensorsTestWriter()
        .f32("a", new int[] {2}, 1.5f, -3e-7f)
        // fp16: 1.0, -2.5, 65504 (max), 2^-24 (smallest subnormal)
        .half("h", "F16", new int[] {2, 2}, 0x3C00, 0xC100, 0x7BFF, 0x0001)
        // bf16: 1.0, -0.5
        .half("b", "BF16", new int[] {2}, 0x3F80, 0xBF00)
        .tensor("i", "I32", new int[] {1}, new byte[] {1, 2, 0, 0})
        .meta("format", "pt")
        .toBytes());
    SafetensorsFile st = SafetensorsFile.open(f);
    assertArrayEquals(new float[] {1.5f, -3e-7f}, st.readFloats("a"));
    assertArrayEquals(new float[] {1.0f, -2.5f, 65504f, 0x1p-24f}, st.readFloats("h"));
    assertArrayEquals(new float[] {1.0f, -0.5f}, st.readFloats("b"));
    assertArrayEquals(new byte[] {1, 2, 0, 0}, st.readRaw("i"));
    assertEquals("pt", st.metadata().get("format"));
    assertEquals(SafetensorsDtype.F16, st.info("h").dtype());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.readFloats("i"));
    assertTrue(e.getMessage().contains("'i'") && e.getMessage().contains("I32"), e.getMessage());
  }

  @Test
  void readsThe2B4TPackedLayoutWithWeightScaleAsSw() throws IOException {
    int n = 8;
    int k = 12;
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] values = new byte[n * k];
    for (int i = 0; i < values.length; i++) {
      values[i] = (byte) (rnd.nextInt(3) - 1);
    }
    Path f = write(new SafetensorsTestWriter()
        .tensor("model.layers.0.mlp.down_proj.weight", "U8", new int[] {n / 4, k}, HfBitNetPacking.pack(values, n, k))
        .half("model.layers.0.mlp.down_proj.weight_scale", "BF16", new int[] {1}, 0x4010) // 2.25
        .tensor("doc.weight", "U8", new int[] {2, 2}, HF_DOC_PACKED)
        .f32("doc.weight_scale", new int[] {}, 0.5f)
        .toBytes());
    SafetensorsFile st = SafetensorsFile.open(f);
    TernaryWeights w = st.readBitLinear("model.layers.0.mlp.down_proj.weight");
    assertEquals(n, w.rows());
    assertEquals(k, w.cols());
    assertEquals(2.25f, w.scale());
    assertArrayEquals(values, w.values());
    TernaryWeights doc = st.readBitLinear("doc.weight");
    assertArrayEquals(HF_DOC_UNPACKED, doc.values());
    assertEquals(0.5f, doc.scale());
  }

  @Test
  void floatWeightsAreQuantizedWithTheReferenceQuantizer() throws IOException {
    float[] w = {0.3f, -0.9f, 0.05f, 1.2f, -0.4f, 0f};
    SafetensorsFile st = SafetensorsFile.open(write(new SafetensorsTestWriter().f32("q.weight", new int[] {2, 3}, w).toBytes()));
    TernaryWeights expected = Quantizers.quantizeWeights(w, 2, 3);
    TernaryWeights got = st.readBitLinear("q.weight");
    assertArrayEquals(expected.values(), got.values());
    assertEquals(expected.scale(), got.scale());
  }

  @Test
  void packedLayerErrorsNameTheTensor() throws IOException {
    byte[] bad = HF_DOC_PACKED.clone();
    bad[3] = (byte) 0b00001011; // code 3 in bits 1..0 of byte [1, 1]
    SafetensorsFile st = SafetensorsFile.open(write(new SafetensorsTestWriter()
        .tensor("x.weight", "U8", new int[] {2, 2}, bad).f32("x.weight_scale", new int[] {1}, 1f)
        .tensor("y.weight", "U8", new int[] {2, 2}, HF_DOC_PACKED)
        .f32("z.weight", new int[] {4}, 1f, 2f, 3f, 4f)
        .toBytes()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.readBitLinear("x.weight"));
    assertTrue(e.getMessage().contains("'x.weight'") && e.getMessage().contains("code 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> st.readBitLinear("y.weight"));
    assertTrue(e.getMessage().contains("y.weight_scale"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> st.readBitLinear("z.weight"));
    assertTrue(e.getMessage().contains("2-D"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> st.info("missing"));
  }

  @Test
  void rejectsTruncatedAndCorruptFiles() throws IOException {
    byte[] good = new SafetensorsTestWriter().f32("a", new int[] {2, 2}, 1, 2, 3, 4).toBytes();
    IllegalArgumentException e = rejects(Arrays.copyOf(good, good.length - 1));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("outside the data section"), e.getMessage());
    e = rejects(Arrays.copyOf(good, 5));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    byte[] hugeHeader = good.clone();
    hugeHeader[0] = (byte) 0xff;
    hugeHeader[1] = (byte) 0xff;
    e = rejects(hugeHeader);
    assertTrue(e.getMessage().contains("header length"), e.getMessage());
    e = rejects(SafetensorsTestWriter.assemble("{\"a\": {\"dtype\": \"F32\", ", new byte[0]));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    e = rejects(SafetensorsTestWriter.assemble(
        "{\"a\": {\"dtype\": \"F64\", \"shape\": [1], \"data_offsets\": [0, 8]}}", new byte[8]));
    assertTrue(e.getMessage().contains("F64"), e.getMessage());
    e = rejects(SafetensorsTestWriter.assemble(
        "{\"a\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", new byte[8]));
    assertTrue(e.getMessage().contains("needs 12 bytes"), e.getMessage());
    e = rejects(SafetensorsTestWriter.assemble("{\"a\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [0, 4]},"
        + " \"b\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [2, 6]}}", new byte[6]));
    assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    e = rejects(SafetensorsTestWriter.assemble(
        "{\"a\": {\"dtype\": \"U8\", \"shape\": [-1], \"data_offsets\": [0, 0]}}", new byte[0]));
    assertTrue(e.getMessage().contains("shape"), e.getMessage());
  }
}
