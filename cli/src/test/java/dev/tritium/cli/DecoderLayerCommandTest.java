package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.asm.Assembler;
import java.io.IOException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tritium map|crosscheck --layer decoder|model} at reduced size. */
class DecoderLayerCommandTest extends CliTestBase {

  @TempDir Path dir;

  @Test
  void mapsADecoderLayerAndAWholeModel() throws IOException {
    Path asm = dir.resolve("layer.asm");
    assertEquals(0, run("map", "--layer", "decoder", "--reduce", "16", "--context", "32", "--emit", asm.toString()),
        err::toString);
    String text = out.toString();
    assertTrue(text.contains("decoder layer decode at context 32 of bitnet-b1.58-2b-4t/16"), text);
    assertTrue(text.contains("<- chosen (fewest cycles)") && text.contains("qk+softmax+pv"), text);
    assertTrue(text.contains("cycles ") && text.contains("utilization "), text);
    assertTrue(Assembler.assemble(asm).size() > 50);
    assertEquals(0, run("map", "--layer", "model", "--reduce", "16", "--phase", "prefill", "--tokens", "8", "--unit",
        "mac"), err::toString);
    assertTrue(out.toString().contains("lm_head") && out.toString().contains("tokens/s"), out.toString());
  }

  @Test
  void crosschecksADecoderLayerOnBothUnits() {
    assertEquals(0, run("crosscheck", "--layer", "decoder", "--reduce", "16", "--context", "12"), out::toString);
    String text = out.toString();
    assertTrue(text.contains("mac unit") && text.contains("lut unit"), text);
    assertTrue(text.contains("crosscheck PASS: 2 report(s)"), text);
    assertTrue(text.contains("down_proj accumulators int32 [1x160] bit-exact"), text);
  }

  @Test
  void aReduceThatDoesNotDivideIsAUserError() {
    assertEquals(2, run("map", "--layer", "decoder", "--reduce", "7"));
    assertTrue(err.toString().contains("--reduce 7 does not divide the model dimension"), err.toString());
  }
}
