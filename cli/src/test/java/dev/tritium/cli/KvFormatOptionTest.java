package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kv-format} on the accelerator commands: fp16 selects the fp16 KV cache and fp16 attention on any arch
 * (estimated, mapped and cross-checked bit for bit); a format the units cannot keep is refused with why.
 */
class KvFormatOptionTest extends CliTestBase {

  @TempDir Path dir;

  @Test
  void fp16SelectsFp16AttentionOnEveryCommand() throws IOException {
    assertEquals(0, run("estimate", "--model", smallConfig(dir).toString(), "--kv-format", "fp16", "--phase", "decode",
        "--context", "16", "--unit", "lut"), err::toString);
    String o = out.toString();
    assertTrue(o.contains("attention: fp16 GEMM.F16 on the"), o);
    assertTrue(o.contains("decode at context 16, seed 1, bitnet-b1.58 weights: 7 BitLinears bit-exact") && o.contains(
        "): PASS"), o);
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--layer", "decoder", "--reduce", "16", "--context", "8", "--unit", "mac",
        "--kv-format", "fp16"), err::toString);
    assertTrue(out.toString().contains("fp16 attention vs reference") && out.toString().contains("cross-check PASS"),
        out::toString);
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--layer", "decoder", "--reduce", "16", "--context", "8", "--kv-format", "FP16"),
        err::toString);
    // the default keeps the arch's int8 cache
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--layer", "decoder", "--reduce", "16", "--context", "8", "--unit", "mac"),
        err::toString);
    assertTrue(out.toString().contains("within the int8 bound"), out::toString);
  }

  @Test
  void formatsTheUnitsCannotKeepAreRefusedWithWhy() {
    assertEquals(2, run("estimate", "--kv-format", "int4:group=128"));
    assertTrue(err.toString().contains("--kv-format int4:group=128: the accelerator keeps its KV cache as int8")
        && err.toString().contains("quantise and dequantise"), err::toString);
    assertEquals(2, run("map", "--layer", "decoder", "--kv-format", "fp8"));
    assertTrue(err.toString().contains("fp8"), err::toString);
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--kv-format", "help"));
    assertTrue(out.toString().contains("on the accelerator: arch") && out.toString().contains("intactkv"),
        out::toString);
  }
}
