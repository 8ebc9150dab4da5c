package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidateCommandTest extends CliTestBase {

  @Test
  void printsEveryPublishedFigureWithItsPredictionAndError() {
    assertEquals(0, run("validate", "--design", "tellme-kv260"), err::toString);
    String o = out.toString();
    assertTrue(o.startsWith("validate tellme-kv260: TeLLMe v2"), o);
    for (String s : new String[] {"decode_tokens_per_s @ context 128 [tokens/s]", "ttft_s @ 128-token prompt [s]",
        "lm_head_ms [ms]", "lut [LUT]", "uram [URAM]", "modelled features, each toggled", "weight_k_padding", "attention.kv_datatype: int8"}) {
      assertTrue(o.contains(s), () -> s + " missing from\n" + o);
    }
    assertFalse(o.contains("NaN") || o.contains("Infinity"), o);
  }

  @Test
  void anUnknownDesignIsAUsageErrorNamingTheKnownOnes() {
    assertEquals(2, run("validate", "--design", "tellme-zcu104"));
    assertTrue(err.toString().contains("unknown published design 'tellme-zcu104' (known: tellme-kv260)"),
        err::toString);
  }
}
