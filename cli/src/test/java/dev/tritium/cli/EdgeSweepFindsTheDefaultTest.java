package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default arch is the fastest KV260 decoder of the shipped sweep: examples/sweep-edge.yaml's lowest-latency
 * feasible point has edge-fpga's settings, and the default fits the KV260 by fpga-fit.
 */
class EdgeSweepFindsTheDefaultTest extends CliTestBase {

  @TempDir Path dir;

  @Test
  void theFastestFeasiblePointOfTheEdgeSweepIsTheDefault() throws IOException {
    Path sweep = Path.of("../examples/sweep-edge.yaml").toAbsolutePath().normalize();
    Path out = dir.resolve("edge");
    assertEquals(0, run("dse", "--sweep", sweep.toString(), "--out", out.toString()), err::toString);
    List<String> lines = Files.readAllLines(out.resolve("results.csv"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    Map<String, String> best = null;
    double bestCycles = Double.MAX_VALUE;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), f[i]);
      }
      if (row.get("status").equals("ok") && Double.parseDouble(row.get("latency_cycles")) < bestCycles) {
        bestCycles = Double.parseDouble(row.get("latency_cycles"));
        best = row;
      }
    }
    assertTrue(best != null, "no feasible point");
    ArchConfig edge = ArchConfigs.preset(ArchConfigs.DEFAULT_PRESET);
    assertEquals("lut", best.get("compute_unit"));
    assertEquals(String.valueOf(edge.macArray().rows()), best.get("mac_array.rows"));
    assertEquals(String.valueOf(edge.macArray().cols()), best.get("mac_array.cols"));
    assertEquals(String.valueOf(edge.macArray().stationaryDoubleBuffer()), best.get("mac_array.stationary_double_buffer"));
    assertEquals(String.valueOf(edge.lutCore().lookupsPerCycle()), best.get("lut_core.lookups_per_cycle"));
    assertEquals(String.valueOf(edge.buffer("weight").doubleBuffered()), best.get("buffers.weight.double_buffered"));
    assertEquals(String.valueOf(edge.dma().streamPorts()), best.get("dma.stream_ports"));
    assertEquals(edge.attentionOrDefault().kvDatatype().name().toLowerCase(java.util.Locale.ROOT),
        best.get("attention.kv_datatype"));
    this.out.getBuffer().setLength(0);
    assertEquals(0, run("fpga-fit", "--part", "kv260"));
    assertTrue(this.out.toString().contains("verdict: fits kv260"), this.out::toString);
  }
}
