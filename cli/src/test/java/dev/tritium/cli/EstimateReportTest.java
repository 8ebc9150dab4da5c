package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tritium estimate --report DIR} and the energy split under the estimate table. */
class EstimateReportTest extends CliTestBase {

  @TempDir Path dir;
  private Path smallConfig() throws IOException {
    Path p = dir.resolve("config.json");
    Files.writeString(p, "{\"architectures\": [\"BitNetForCausalLM\"], \"hidden_act\": \"relu2\", \"hidden_size\": 256,"
        + " \"intermediate_size\": 704, \"max_position_embeddings\": 4096, \"model_type\": \"bitnet\","
        + " \"rms_norm_eps\": 1e-05, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
        + " \"num_key_value_heads\": 2, \"rope_theta\": 500000.0, \"tie_word_embeddings\": true,"
        + " \"vocab_size\": 1000}");
    return p;
  }

  @Test
  void writesReportsPerPhaseAndPrintsTheSplit() throws IOException {
    Path reports = dir.resolve("reports");
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--context", "16", "--tokens", "4",
        "--no-crosscheck", "--report", reports.toString()), err.toString());
    String o = out.toString();
    assertTrue(o.contains("energy_by_level") && o.contains("  compute ") && o.contains("  dram ")
        && o.contains("  sram.weight "), o);
    for (String phase : new String[] {"decode", "prefill"}) {
      for (String f : new String[] {"energy.csv", "area.csv", "totals.json"}) {
        assertTrue(Files.size(reports.resolve(phase).resolve(f)) > 0, phase + "/" + f);
      }
    }
    assertTrue(Files.readString(reports.resolve("prefill/totals.json")).contains("\"tokens\" : 4"));
  }

  @Test
  void oneDirectoryForOnePhase() throws IOException {
    Path reports = dir.resolve("one");
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--phase", "decode", "--context", "16",
        "--no-crosscheck", "--report", reports.toString()), err.toString());
    assertTrue(Files.exists(reports.resolve("energy.csv")));
  }
}
