package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.format.ActivationFormat.IntGroups;
import org.junit.jupiter.api.Test;

/** Bits per weight, activation and KV value of the multi-bit formats by hand, and their parsers' messages. */
class MultiBitFormatsTest {

  private static final double NK = 2560.0 * 6912;

  private static double bits(String spec, int n, int k) {
    return FormatPresets.parse(spec).format().bitsPerWeight(n, k);
  }

  @Test
  void bitsPerWeight() {
    assertEquals(16.0, bits("fp16", 2560, 6912), 0);
    // w8a8 4 x 8: 32 x 8 code bits + 4 fp16 row steps = 320 / 32
    assertEquals(10.0, bits("w8a8", 4, 8), 0);
    assertEquals(8 + 16 / 6912.0, bits("w8a8", 2560, 6912), 1e-12);
    // quip-w2 4 x 8: 64 code bits + 4 x 16 steps + 4 x 2 zero-points + 4 + 8 stored signs = 148 / 32
    assertEquals(4.625, bits("quip-w2", 4, 8), 0);
    assertEquals(2 + 18 / 6912.0 + (2560 + 6912) / NK, bits("quip-w2", 2560, 6912), 1e-12);
    // atom group 4, 2 outliers, 2 x 10: int4 2 x 8 x 4 = 64, int8 2 x 2 x 8 = 32, steps 2 x 2 x 16 + 2 x 16 = 96,
    // mask 10 -> 202 / 20
    assertEquals(10.1, bits("atom-w4a4:group=4,outliers=2", 2, 10), 1e-12);
    double atom = 4.0 * 2560 * 6784 + 8.0 * 2560 * 128 + 16.0 * 2560 * 53 + 16.0 * 2560 + 6912;
    assertEquals(atom / NK, bits("atom-w4a4", 2560, 6912), 1e-12);
    assertEquals(4 + 16 / 6912.0, bits("spinquant-w4a4kv4", 2560, 6912), 1e-12);
    assertEquals(4 + 16 / 6912.0, bits("spinquant-w4a4kv4:proj=down", 2560, 6912), 1e-12);
    // abq w3 2 x 4: 3 planes x 8 + 2 x 16 steps + 2 x 3 zero-points = 62 / 8
    assertEquals(7.75, bits("abq-wpaq:w=3,a=8", 2, 4), 0);
    assertEquals(2 + 18 / 6912.0, bits("abq-wpaq", 2560, 6912), 1e-12);
  }

  @Test
  void bitsPerActivationAndOnlineRotationCost() {
    assertEquals(4 + 54 * 16 / 6912.0, new IntGroups(4, 128, true).bitsPerActivation(6912), 1e-12);
    assertEquals(4 + 20 / 6912.0, new IntGroups(4, 0, false).bitsPerActivation(6912), 1e-12);
    // atom: 6784 normal channels (53 groups) + 128 int8 channels with one fp16 step
    assertEquals((4.0 * 6784 + 53 * 16 + 8 * 128 + 16) / 6912,
        FormatPresets.parse("atom-w4a4").format().activations().bitsPerActivation(6912), 1e-12);
    assertEquals(8 + 32 / 6912.0, ActivationFormat.INT8_ABSMAX_PER_TOKEN.bitsPerActivation(6912), 1e-12);
    // quip 256 x 512: V online K log2 K = 4608, U^T online N log2 N = 2048
    long adds = 0;
    for (Rotation r : FormatPresets.parse("quip-w2").format().rotations()) {
      adds += r.onlineAdds(256, 512);
    }
    assertEquals(512 * 9 + 256 * 8, adds);
    // 2560 x 6912: slices of 256 along K (6912 = 27 x 256) and 512 along N (2560 = 5 x 512)
    adds = 0;
    for (Rotation r : FormatPresets.parse("quip-w2").format().rotations()) {
      adds += r.onlineAdds(2560, 6912);
    }
    assertEquals(6912 * 8 + 2560 * 9, adds);
    // spinquant: only down_proj pays R4 per matrix (R3 is priced in attention)
    long other = 0;
    long down = 0;
    for (Rotation r : FormatPresets.parse("spinquant-w4a4kv4").format().rotations()) {
      other += r.onlineAdds(4096, 4096);
    }
    for (Rotation r : FormatPresets.parse("spinquant-w4a4kv4:proj=down").format().rotations()) {
      down += r.onlineAdds(4096, 14336);
    }
    assertEquals(0, other);
    assertEquals(14336L * 11, down);
  }

  @Test
  void kvFormatsAndTheirBits() {
    assertEquals(new KvCacheFormat.Fp16(), KvCacheFormats.parse("fp16"));
    assertEquals(new KvCacheFormat.Int(8, 128), KvCacheFormats.parse("int8"));
    assertEquals(new KvCacheFormat.Int(4, 64), KvCacheFormats.parse(" INT4 : group = 64"));
    assertEquals(new KvCacheFormat.Int(3, 32), KvCacheFormats.parse("int3:group=32"));
    assertEquals(new KvCacheFormat.IntactKv(3, 128, 4), KvCacheFormats.parse("intactkv:bits=3,pivots=4"));
    for (String s : new String[] {"fp16", "int8", "int4:group=64", "int3", "intactkv", "intactkv:bits=2,pivots=0"}) {
      KvCacheFormat f = KvCacheFormats.parse(s);
      assertEquals(f, KvCacheFormats.parse(f.name()), s);
    }
    assertEquals(16.0, KvCacheFormats.parse("fp16").bitsPerValue(128), 0);
    assertEquals(8 + 24 / 128.0, KvCacheFormats.parse("int8").bitsPerValue(128), 0);
    assertEquals(4 + 20 / 128.0, KvCacheFormats.parse("int4").bitsPerValue(128), 0);
    assertEquals(3 + 19 / 128.0, KvCacheFormats.parse("int3").bitsPerValue(128), 0);
    // one fp16 pivot among 4 tokens: (16 + 3 x 4.15625) / 4
    assertEquals((16 + 3 * 4.15625) / 4, KvCacheFormats.parse("intactkv").averageBitsPerValue(128, 4), 1e-12);
    assertEquals(new KvCacheFormat.Int(4, 128), FormatPresets.parse("atom-w4a4").kvCache().orElseThrow());
    assertEquals(new KvCacheFormat.Int(4, 128), FormatPresets.parse("spinquant-w4a4kv4").kvCache().orElseThrow());
    assertTrue(FormatPresets.parse("quip-w2").kvCache().isEmpty());
  }

  @Test
  void weightFormatKeysAndErrors() {
    assertEquals(new AbqLlm(4, 4), FormatPresets.parse("abq-wpaq:w=4,a=4"));
    assertEquals(new AbqLlm(2, 8), FormatPresets.parse("abq-wpaq"));
    assertEquals(new Atom(64, 32), FormatPresets.parse("atom-w4a4:outliers=32,group=64"));
    assertEquals(new SpinQuant(true), FormatPresets.parse("spinquant-w4a4kv4:proj=DOWN"));
    assertMessage("weight format 'abq-wpaq': key 'w' expects an integer from 2 to 8, got '9'", "abq-wpaq:w=9");
    assertMessage("weight format 'abq-wpaq': key 'a' expects an integer from 2 to 8, got 'x'", "abq-wpaq:a=x");
    assertMessage("weight format 'spinquant-w4a4kv4': key 'proj' expects other or down, got 'up'",
        "spinquant-w4a4kv4:proj=up");
    assertMessage("weight format 'atom-w4a4': key 'outliers' expects a positive integer, got '0'",
        "atom-w4a4:outliers=0");
    assertMessage("weight format 'quip-w2': unknown key 'seed'; expected no keys", "quip-w2:seed=1");
    assertMessage("weight format 'atom-w4a4': unknown key 'bits'; expected one of: group, outliers", "atom-w4a4:bits=4");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FormatPresets.parse("intactkv:bits=4,pivots=1"));
    assertTrue(e.getMessage().startsWith("'intactkv' is a kv-cache format, not a weight format; give it with --kv-format"),
        e.getMessage());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> new Atom(128, 128).quantize(new float[64 * 128], 64, 128));
    assertEquals("atom-w4a4: 128 outlier channels need K > 128, got K = 128", a.getMessage());
  }

  @Test
  void kvFormatErrors() {
    assertKvMessage("unknown kv-cache format 'int9'; expected one of: fp16, int8, int4:group=G, int3:group=G (intB for"
        + " B = 2 to 8), intactkv:bits=B,pivots=N", "int9");
    assertKvMessage("kv-cache format 'int4': key 'group' expects a positive integer, got '0'", "int4:group=0");
    assertKvMessage("kv-cache format 'intactkv': key 'bits' expects an integer from 2 to 8, got '1'", "intactkv:bits=1");
    assertKvMessage("kv-cache format 'intactkv': key 'pivots' expects a non-negative integer, got '-1'",
        "intactkv:pivots=-1");
    assertKvMessage("kv-cache format 'fp16': unknown key 'group'; expected no keys", "fp16:group=4");
    assertKvMessage("kv-cache format 'intactkv': unknown key 'pivot'; expected one of: bits, group, pivots",
        "intactkv:pivot=2");
    assertKvMessage("kv-cache format 'int8': key 'group' given twice", "int8:group=4,group=8");
  }

  @Test
  void helpListsTheNewPresetsAndTheKvFormats() {
    String help = FormatPresets.help();
    for (String name : new String[] {"fp16", "w8a8", "quip-w2", "atom-w4a4:group=128,outliers=128",
        "spinquant-w4a4kv4:proj=other", "abq-wpaq:w=2,a=8", "intactkv:bits=4,pivots=1,group=128", "int4:group=128"}) {
      assertTrue(help.contains(name), name);
    }
    assertTrue(help.contains(" 4.3254 "), help); // atom at 2560 x 2560: 4.2 codes + 0.125 steps + 1/2560 mask
    assertTrue(help.contains(" 4.1563"), help); // int4 KV per 128 values: 4 + 20/128
  }

  private static void assertMessage(String expected, String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FormatPresets.parse(spec));
    assertEquals(expected, e.getMessage());
  }

  private static void assertKvMessage(String expected, String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvCacheFormats.parse(spec));
    assertEquals(expected, e.getMessage());
  }
}
