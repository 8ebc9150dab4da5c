package dev.tritium.models.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.format.Outliers.IndexEncoding;
import org.junit.jupiter.api.Test;

/** The NAME[:k=v,...] parser, its errors and the help text. */
class FormatPresetsTest {

  @Test
  void namesAndDefaults() {
    assertEquals(new BitNetB158(), FormatPresets.parse("bitnet-b1.58"));
    assertEquals(new BitNetW1(), FormatPresets.parse("bitnet-w1"));
    assertEquals(new OneBit(), FormatPresets.parse(" OneBit "));
    assertEquals(new PbLlm(0.1, IndexEncoding.BITMAP), FormatPresets.parse("pb-llm"));
    assertEquals(new BiLlm(0.1, 128), FormatPresets.parse("billm"));
    assertEquals(new TernaryLlm(128), FormatPresets.parse("ternaryllm"));
  }

  @Test
  void keys() {
    assertEquals(new PbLlm(0.2, IndexEncoding.CSR), FormatPresets.parse("pb-llm:salient=0.2,index=csr"));
    assertEquals(new PbLlm(0.05, IndexEncoding.BITMAP), FormatPresets.parse("pb-llm: salient = 0.05 "));
    assertEquals(new TernaryLlm(64), FormatPresets.parse("ternaryllm:group=64"));
    assertEquals(new BiLlm(0.2, 64), FormatPresets.parse("billm:block=64,salient=0.2"));
  }

  @Test
  void canonicalNamesParseBackToTheSamePreset() {
    for (FormatPreset p : FormatPresets.defaults()) {
      assertEquals(p, FormatPresets.parse(p.name()), p.name());
    }
    assertEquals("pb-llm:salient=0.1,index=bitmap", FormatPresets.parse("pb-llm").name());
  }

  @Test
  void errorsNameWhatWasFoundAndWhatIsExpected() {
    assertMessage("unknown weight format 'pbllm'; expected one of: bitnet-b1.58, bitnet-w1, onebit, pb-llm, billm, "
        + "ternaryllm, fp16, w8a8, quip-w2, atom-w4a4, spinquant-w4a4kv4, abq-wpaq", "pbllm:salient=0.1");
    assertMessage("weight format 'pb-llm': unknown key 'salinet'; expected one of: salient, index",
        "pb-llm:salinet=0.1");
    assertMessage("weight format 'onebit': unknown key 'group'; expected no keys", "onebit:group=4");
    assertMessage("weight format 'pb-llm': key 'salient' expects a fraction in (0, 1), got '1.5'",
        "pb-llm:salient=1.5");
    assertMessage("weight format 'pb-llm': key 'salient' expects a fraction in (0, 1), got 'abc'",
        "pb-llm:salient=abc");
    assertMessage("weight format 'pb-llm': key 'index' expects bitmap or csr, got 'coo'", "pb-llm:index=coo");
    assertMessage("weight format 'ternaryllm': key 'group' expects a positive integer, got '0'",
        "ternaryllm:group=0");
    assertMessage("weight format 'ternaryllm': key 'group' given twice", "ternaryllm:group=4,group=8");
    assertMessage("weight format 'ternaryllm': expected key=value, got 'group'", "ternaryllm:group");
    assertMessage("billm: salient fraction 0.001 of a 128-column block gives 0 salient columns; expected 1 to 127",
        "billm:salient=0.001");
  }

  @Test
  void helpListsEveryPresetWithItsBits() {
    String help = FormatPresets.help();
    for (FormatPreset p : FormatPresets.defaults()) {
      assertTrue(help.contains(p.name()), p.name());
    }
    assertTrue(help.contains("2560x2560"));
    assertTrue(help.contains(" 1.0125 "), help); // onebit: 1 + 16 x 5120 / 2560^2
    assertTrue(help.contains(" 2.7000 "), help); // pb-llm 0.1 bitmap: 0.9 + 0.8 + 1
  }

  private static void assertMessage(String expected, String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FormatPresets.parse(spec));
    assertEquals(expected, e.getMessage());
  }
}
