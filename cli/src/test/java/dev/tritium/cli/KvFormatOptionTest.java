package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kv-format} on the accelerator commands: fp16 selects the fp16 KV cache and fp16 attention on any arch, the
 * reference's grouped integer and IntactKV formats a quantized cache (estimated, mapped and cross-checked bit for
 * bit); a format the reference does not know is refused naming what is expected.
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
  void quantizedCachesRunOnEveryCommandBitExact() throws IOException {
    // int4 groups of 32 (straddling the /16 model's heads of 8), IntactKV with 4 fp16 pivots, the reference's
    // asymmetric per-group int8 and int3: cross-checked bit for bit on both units, decode and a 5-token prefill.
    for (String f : new String[] {"int4:group=32", "intactkv:bits=4,pivots=4", "int8:group=16", "int3:group=8"}) {
      for (String unit : new String[] {"mac", "lut"}) {
        out.getBuffer().setLength(0);
        assertEquals(0, run("crosscheck", "--layer", "decoder", "--reduce", "16", "--context", "8", "--unit", unit,
            "--kv-format", f), err::toString);
        assertTrue(out.toString().contains("fp16 attention vs reference") && out.toString().contains(
            "cross-check PASS"), out::toString);
      }
    }
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--layer", "decoder", "--reduce", "16", "--phase", "prefill", "--tokens", "5",
        "--unit", "lut", "--kv-format", "int4:group=32"), err::toString);
    assertTrue(out.toString().contains("cross-check PASS"), out::toString);
    out.getBuffer().setLength(0);
    assertEquals(0, run("estimate", "--model", smallConfig(dir).toString(), "--kv-format", "int4:group=128", "--phase",
        "decode", "--context", "16", "--unit", "mac"), err::toString);
    assertTrue(out.toString().contains("attention: KV cache int4 per group of"), out::toString);
    out.getBuffer().setLength(0);
    assertEquals(0, run("map", "--layer", "decoder", "--reduce", "16", "--context", "8", "--kv-format",
        "intactkv:bits=3,pivots=2"), err::toString);
  }

  @Test
  void aFormatTheReferenceDoesNotKnowIsRefusedAndHelpSaysWhatRuns() {
    assertEquals(2, run("map", "--layer", "decoder", "--kv-format", "fp8"));
    assertTrue(err.toString().contains("unknown kv-cache format 'fp8'"), err::toString);
    assertEquals(2, run("estimate", "--kv-format", "int9:group=8"));
    out.getBuffer().setLength(0);
    assertEquals(0, run("crosscheck", "--kv-format", "help"));
    assertTrue(out.toString().contains("on the accelerator: every format above") && out.toString().contains(
        "intactkv") && out.toString().contains("VEC.KV_DEQUANT"), out::toString);
  }

  @Test
  void aFormatThatNamesItsOwnCacheGetsItByDefaultAndArchKeepsTheArchs() throws IOException {
    String every = Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml").toString();
    String model = smallConfig(dir).toString();
    assertEquals(0, run("estimate", "--model", model, "--arch", every, "--format", "spinquant-w4a4kv4", "--unit",
        "mac", "--context", "64", "--no-crosscheck"), err::toString);
    assertTrue(out.toString().contains("kv cache: int4:group=128 (the format's own)"), out::toString);
    assertTrue(out.toString().contains("attention: KV cache int4 per group of"), out::toString);
    assertTrue(out.toString().contains("queries and keys: rotated online per head after RoPE"), out::toString);
    out.getBuffer().setLength(0);
    assertEquals(0, run("estimate", "--model", model, "--arch", every, "--format", "spinquant-w4a4kv4", "--unit",
        "mac", "--context", "64", "--no-crosscheck", "--kv-format", "arch"), err::toString);
    assertTrue(out.toString().contains("kv cache: the arch's (int8)"), out::toString);
    out.getBuffer().setLength(0);
    // compare says which cache each format ran with
    assertEquals(0, run("compare", "--model", model, "--arch", every, "--formats", "bitnet-b1.58,atom-w4a4",
        "--context", "64"), err::toString);
    assertTrue(out.toString().contains("KV cache: the arch's (int8) for bitnet-b1.58; int4:group=128 (the format's"
        + " own) for atom-w4a4:group=128,outliers=128"), out::toString);
  }
}
