package dev.tritium.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code tritium} in-process with captured stdout and stderr; a fresh capture per test instance. */
public abstract class CliTestBase {

  protected final StringWriter out = new StringWriter();
  protected final StringWriter err = new StringWriter();

  /** Executes the command line and returns its exit code; output accumulates in {@link #out} and {@link #err}. */
  protected int run(String... args) {
    CommandLine cl = TritiumCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  /** A 2B-4T-style config.json in {@code dir}, shrunk (hidden 256, 2 layers) so a whole estimate runs in about a second. */
  protected static Path smallConfig(Path dir) throws IOException {
    Path p = dir.resolve("config.json");
    Files.writeString(p, "{\"architectures\": [\"BitNetForCausalLM\"], \"hidden_act\": \"relu2\", \"hidden_size\": 256,"
        + " \"intermediate_size\": 704, \"max_position_embeddings\": 4096, \"model_type\": \"bitnet\","
        + " \"rms_norm_eps\": 1e-05, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
        + " \"num_key_value_heads\": 2, \"rope_theta\": 500000.0, \"tie_word_embeddings\": true,"
        + " \"vocab_size\": 1000}");
    return p;
  }
}
