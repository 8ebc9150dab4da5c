package dev.tritium.cli.report.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.report.Fixtures;
import dev.tritium.cli.report.ReportWriter;
import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.SweepResults;
import dev.tritium.cli.report.read.DesignReader;
import dev.tritium.cli.report.read.SweepReader;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.isa.ComputeUnit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChosenPointProfileTest {

  @TempDir Path tmp;

  private Path sweepWithoutProfile(String name) throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve(name));
    for (String f : List.of("design.json", "layers.csv", "energy.csv", "area.csv")) {
      Files.delete(d.resolve(f));
    }
    return d;
  }

  /** Points the sweep's workload at a 2B-4T-shaped config.json shrunk 10x (2 layers), to run in a second. */
  private Path withSmallModel(Path dir) throws IOException {
    Path config = tmp.resolve("config.json");
    Files.writeString(config, "{\"architectures\": [\"BitNetForCausalLM\"], \"hidden_act\": \"relu2\", \"hidden_size\": "
        + "256, \"intermediate_size\": 704, \"max_position_embeddings\": 4096, \"model_type\": \"bitnet\","
        + " \"rms_norm_eps\": 1e-05, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
        + " \"num_key_value_heads\": 2, \"rope_theta\": 500000.0, \"tie_word_embeddings\": true, \"vocab_size\": 1000}");
    Fixtures.edit(dir.resolve("sweep.json"), "\"model\" : \"bitnet-b1.58-2b-4t\"", "\"model\" : \"" + config + "\"");
    return dir;
  }

  private static SweepResults sweep(Path dir) throws IOException {
    return SweepReader.read(dir, new ArrayList<>()).orElseThrow();
  }

  @Test
  void rebuildsTheChosenPointsArchAsDseDid() throws IOException {
    Path d = sweepWithoutProfile("a");
    SweepResults s = sweep(d);
    // Point 11: rows 32, cols 32, lut, 19.2 GB/s on edge-fpga (32 x 64, 250 MHz, 19.2 GB/s).
    ChosenPointProfile.PointDesign p = ChosenPointProfile.design(d.resolve("sweep.json"), s.chosen().orElseThrow());
    assertEquals("edge-small-p11", p.arch().name());
    assertEquals(32, p.arch().macArray().rows());
    assertEquals(32, p.arch().macArray().cols());
    assertEquals(19.2, p.arch().dram().peakBandwidthGBps(), 0);
    assertEquals(250, p.arch().clockMhz(), 0);
    assertEquals(ComputeUnit.LUT, p.unit());
    assertEquals(LayerShape.decode(128), p.shape());
    assertEquals("bitnet-b1.58-2b-4t", p.model());
    // Point 0: rows 16, cols 32, mac, 12.8 GB/s.
    ChosenPointProfile.PointDesign p0 = ChosenPointProfile.design(d.resolve("sweep.json"), s.points().get(0));
    assertEquals(16, p0.arch().macArray().rows());
    assertEquals(12.8, p0.arch().dram().peakBandwidthGBps(), 0);
    assertEquals(ComputeUnit.MAC, p0.unit());
  }

  @Test
  void unknownParametersAreRefused() throws IOException {
    Path d = sweepWithoutProfile("b");
    DesignPoint odd = new DesignPoint(3, Map.of("warp_drive", "on"), Map.of(), "ok", "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChosenPointProfile.design(d.resolve("sweep.json"), odd));
    assertTrue(e.getMessage().contains("sweep.json: parameter 'warp_drive' is not a sweep parameter of this build: "
        + "'warp_drive': the arch has no key 'warp_drive' (expected one of: name,"), e.getMessage());
  }

  @Test
  void reportOfASweepProfilesItsChosenPoint() throws IOException {
    Path d = withSmallModel(sweepWithoutProfile("c"));
    StringWriter log = new StringWriter();
    Path html = ReportWriter.writeProfilingChosen(d, new PrintWriter(log, true));
    assertTrue(log.toString().startsWith("profiled the chosen design (point 11) in "), log.toString());
    DesignInfo info = DesignReader.read(d, new ArrayList<>()).orElseThrow().info().orElseThrow();
    assertEquals(11, info.pointId().getAsLong());
    assertEquals(64 * 4 * 250e6, info.peakOpsPerS(), 0);
    assertEquals(Map.of("mac_array.rows", "32", "mac_array.cols", "32", "compute_unit", "lut",
        "dram.peak_bandwidth_GBps", "19.2"), info.parameters());
    String page = Files.readString(html);
    for (String id : List.of("pareto-scatter", "roofline", "layer-latency", "energy-by-unit", "energy-by-level")) {
      assertTrue(page.contains("id=\"" + id + "\""), id);
    }
    assertTrue(!page.contains("class=\"notes\""), "no notes: every input is there");
  }

  @Test
  void aDesignThatCannotBeProfiledIsReportedNotFatal() throws IOException {
    Path d = sweepWithoutProfile("d");
    Fixtures.edit(d.resolve("sweep.json"), "\"model\" : \"bitnet-b1.58-2b-4t\"", "\"model\" : \"no-such-model\"");
    StringWriter log = new StringWriter();
    Path html = ReportWriter.writeProfilingChosen(d, new PrintWriter(log, true));
    assertTrue(log.toString().startsWith("warning: The chosen design (point 11) could not be profiled: "),
        log.toString());
    String page = Files.readString(html);
    assertTrue(page.contains("could not be profiled"), "the page says so");
    assertTrue(page.contains("id=\"pareto-scatter\""));
  }
}
