package dev.tritium.cli.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.TritiumCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReferenceGenerateCommandTest {

  @TempDir Path dir;

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TritiumCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  /** A 2B-4T-style config.json, shrunk so the test runs in milliseconds. */
  private Path tinyConfig() throws IOException {
    Path p = dir.resolve("config.json");
    Files.writeString(p, "{\"architectures\": [\"BitNetForCausalLM\"], \"hidden_act\": \"relu2\", \"hidden_size\": 64,"
        + " \"intermediate_size\": 96, \"max_position_embeddings\": 128, \"model_type\": \"bitnet\","
        + " \"rms_norm_eps\": 1e-05, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
        + " \"num_key_value_heads\": 2, \"rope_theta\": 500000.0, \"tie_word_embeddings\": true,"
        + " \"vocab_size\": 300}");
    return p;
  }

  @Test
  void generatesAndPrintsTokensTimingAndCounts() throws IOException {
    String cfg = tinyConfig().toString();
    String[] r = run("reference", "generate", "--model", cfg, "--tokens", "4", "--prompt-tokens", "3", "--seed", "7");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("generated token ids: ["), r[1]);
    assertTrue(r[1].contains("decode_ms_per_token_median"), r[1]);
    assertTrue(r[1].contains("decode_ms_per_token_mean"), r[1]);
    assertTrue(r[1].contains("tern_add_ops"), r[1]);
    assertTrue(r[1].contains("one decode step at context 5"), r[1]);
    // same seed, same tokens; the thread count does not matter
    String[] again = run("reference", "generate", "--model", cfg, "--tokens", "4", "--prompt-tokens", "3", "--seed", "7",
        "--threads", "1");
    assertEquals(tokenLine(r[1]), tokenLine(again[1]));
  }

  @Test
  void writesTheCountsCsv() throws IOException {
    Path csv = dir.resolve("counts.csv");
    String[] r = run("reference", "generate", "--model", tinyConfig().toString(), "--tokens", "2", "--prompt-tokens",
        "3", "--counts-csv", csv.toString());
    assertEquals("0", r[0], r[2]);
    java.util.List<String> lines = Files.readAllLines(csv);
    assertTrue(lines.get(0).startsWith("phase,kind,ternary_add_ops,"), lines.get(0));
    assertTrue(lines.get(0).contains(",weight_bytes_2bit,"), lines.get(0));
    // q_proj of the decode step: 2 layers x 64 x 64 ternary pairs
    String q = lines.stream().filter(l -> l.startsWith("decode_at_3,q_proj,")).findFirst().orElseThrow();
    String[] f = q.split(",");
    assertEquals(2L * 64 * 64, Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[4]));
  }

  private static String tokenLine(String out) {
    return out.lines().filter(l -> l.startsWith("generated token ids")).findFirst().orElseThrow();
  }

  @Test
  void userErrorsExitTwoWithOneLine() throws IOException {
    String cfg = tinyConfig().toString();
    String[] r = run("reference", "generate", "--model", cfg, "--tokens", "0");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--tokens must be at least 1"), r[2]);
    String[] p = run("reference", "generate", "--model", cfg, "--packing", "nope");
    assertEquals("2", p[0]);
    assertTrue(p[2].contains("--packing 'nope' is unknown"), p[2]);
    String[] m = run("reference", "generate", "--model", "no-such-model");
    assertEquals("2", m[0]);
  }

  /** Token counts near 2^31 are refused by flag before any weight is made (they used to wrap negative). */
  @Test
  void hugeTokenCountsAreRefusedByFlag() throws IOException {
    String[] r = run("reference", "generate", "--model", tinyConfig().toString(), "--tokens", "2147483647");
    assertEquals("2", r[0], r[2]);
    assertTrue(r[2].contains("--prompt-tokens + --tokens must be in [2, 128]"), r[2]);
  }

  @Test
  void kvFormatChangesWhatAttentionReadsAndIsNamed() throws IOException {
    String cfg = tinyConfig().toString();
    String[] exact = run("reference", "generate", "--model", cfg, "--tokens", "4", "--prompt-tokens", "3");
    String[] int4 = run("reference", "generate", "--model", cfg, "--tokens", "4", "--prompt-tokens", "3",
        "--kv-format", "int4:group=16");
    assertEquals("0", int4[0], int4[2]);
    assertTrue(exact[1].contains("kv cache: fp32, 256 bytes per token per layer"), exact[1]);
    // kvDim 32 = 2 groups of 16: 32 * 4 + 2 * (16 + 4) = 168 bits = 21 bytes, for keys and for values
    assertTrue(int4[1].contains("kv cache: int4:group=16, 42 bytes per token per layer"), int4[1]);
    String[] help = run("reference", "generate", "--kv-format", "help");
    assertEquals("0", help[0]);
    assertTrue(help[1].contains("intactkv"), help[1]);
    String[] bad = run("reference", "generate", "--model", cfg, "--kv-format", "int9");
    assertEquals("2", bad[0]);
    assertTrue(bad[2].contains("int9"), bad[2]);
  }
}
