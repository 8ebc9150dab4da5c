package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.asm.Assembler;
import java.io.IOException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCommandTest extends CliTestBase {

  @TempDir Path dir;

  @Test
  void mapsAReducedLayerAndEmitsAssembly() throws IOException {
    Path asm = dir.resolve("prog.asm");
    assertEquals(0, run("map", "--layer", "up_proj", "--reduce", "16", "--unit", "mac", "--emit", asm.toString()),
        err::toString);
    String text = out.toString();
    assertTrue(text.contains("up_proj decode of bitnet-b1.58-2b-4t (M=1 K=160 N=432"), text);
    assertTrue(text.contains("for n in [0:"), text);
    assertTrue(text.contains("cycles ") && text.contains("latency ") && text.contains("utilization "), text);
    assertTrue(Assembler.assemble(asm).size() > 10);
  }

  @Test
  void userMistakesExitTwoWithTheOption() {
    assertEquals(2, run("map", "--layer", "qproj"));
    assertTrue(err.toString().contains("--layer: unknown layer 'qproj' (known: q_proj"), err.toString());
    assertEquals(2, run("map", "--unit", "gpu"));
    assertTrue(err.toString().contains("--unit: expected mac or lut"), err.toString());
    assertEquals(2, run("map", "--phase", "decode", "--tokens", "4"));
    assertTrue(err.toString().contains("--tokens: decode runs one token"), err.toString());
  }

  @Test
  void crosscheckPassesAndExitsZero() {
    assertEquals(0, run("crosscheck", "--layer", "k_proj", "--reduce", "16", "--phase", "prefill", "--tokens", "4"),
        () -> out + "\n" + err);
    assertTrue(out.toString().contains("crosscheck PASS: 2 report(s)"), out::toString);
    assertTrue(out.toString().contains("accumulators int32 [4x40] bit-exact"), out::toString);
  }
}
