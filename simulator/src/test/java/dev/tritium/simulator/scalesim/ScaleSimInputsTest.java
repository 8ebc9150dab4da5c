package dev.tritium.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.unit.mac.Dataflow;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SCALE-Sim .cfg and topology parsing, quirks included. */
class ScaleSimInputsTest {

  // configs/scale.cfg of scale-sim-v2 (v2.0 layout), with CALC bandwidth.
  static final String SCALE_CFG = """
      [general]
      run_name = scale_example_run_32x32_ws

      [architecture_presets]
      ArrayHeight:    32
      ArrayWidth:     32
      IfmapSramSzkB:    64
      FilterSramSzkB:   64
      OfmapSramSzkB:    64
      IfmapOffset:    0
      FilterOffset:   10000000
      OfmapOffset:    20000000
      Bandwidth : 10
      Dataflow : ws
      MemoryBanks:   1

      [run_presets]
      InterfaceBandwidth: CALC
      """;

  private static List<ScaleSimLayer> topo(String csv) throws IOException {
    return ScaleSimTopology.parse(new StringReader(csv), "t.csv", ScaleSimTopology.Format.AUTO);
  }

  private static String cfgError(String from, String to) {
    assertTrue(SCALE_CFG.contains(from), "test setup");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> ScaleSimConfigParser.parse(SCALE_CFG.replace(from, to), "x.cfg"));
    assertTrue(ex.getMessage().startsWith("x.cfg"), ex.getMessage());
    return ex.getMessage();
  }

  @Test
  void readsScaleSimConfig() {
    ScaleSimConfig c = ScaleSimConfigParser.parse(SCALE_CFG, "scale.cfg");
    assertEquals("scale_example_run_32x32_ws", c.runName());
    assertEquals(32, c.arrayHeight());
    assertEquals(32, c.arrayWidth());
    assertEquals(64, c.ofmapSramKb());
    assertEquals(10_000_000, c.filterOffset());
    assertEquals(Dataflow.WS, c.dataflow());
    assertEquals(ScaleSimConfig.BandwidthMode.CALC, c.bandwidthMode());
    assertEquals(List.of(), c.bandwidthsWordsPerCycle());
    assertEquals(Optional.empty(), c.topologyCsv());
  }

  @Test
  void configParserQuirks() {
    // Keys are case-insensitive, '=' works like ':', comment lines are skipped, USER needs Bandwidth.
    ScaleSimConfig c = ScaleSimConfigParser.parse(SCALE_CFG
        .replace("ArrayHeight:    32", "# a comment\narrayheight = 8")
        .replace("InterfaceBandwidth: CALC", "InterfaceBandwidth: USER")
        + "[network_presets]\nTopologyCsvLoc = \"./topologies/conv_nets/alexnet_part.csv\"\n", "user.cfg");
    assertEquals(8, c.arrayHeight());
    assertEquals(List.of(10), c.bandwidthsWordsPerCycle());
    assertEquals(Optional.of("./topologies/conv_nets/alexnet_part.csv"), c.topologyCsv());
  }

  @Test
  void configErrorsNameFileSectionAndKey() {
    String msg = cfgError("ArrayHeight:    32", "ArrayHeight:    32 # rows");
    assertTrue(msg.contains("[architecture_presets] ArrayHeight must be an integer, got '32 # rows' "
        + "(inline comments are not allowed"), msg);
    assertTrue(msg.contains("line 5"), msg);
    msg = cfgError("Dataflow : ws", "Dataflow : WS");
    assertTrue(msg.contains("Dataflow must be ws, os or is"), msg);
    msg = cfgError("InterfaceBandwidth: CALC", "InterfaceBandwidth: calc");
    assertTrue(msg.contains("InterfaceBandwidth must be USER or CALC"), msg);
    msg = cfgError("OfmapSramSzkB:    64\n", "");
    assertTrue(msg.contains("missing key 'OfmapSramSzkB' in section [architecture_presets]"), msg);
    msg = cfgError("MemoryBanks:   1", "MemoryBanks:   2\nArrayWidth: 4");
    assertTrue(msg.contains("key 'arraywidth' appears twice"), msg);
    msg = cfgError("InterfaceBandwidth: CALC", "InterfaceBandwidth: USER\n[architecture_presets]");
    assertTrue(msg.contains("section [architecture_presets] appears twice"), msg);
    msg = cfgError("[general]\n", "");
    assertTrue(msg.contains("a key outside any section"), msg);
    msg = cfgError("ArrayWidth:     32", "ArrayWidth:     0");
    assertTrue(msg.contains("ArrayWidth must be a positive integer, got 0"), msg);
  }

  @Test
  void convTopologyQuirks() throws IOException {
    List<ScaleSimLayer> layers = topo("""
        Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,
          Conv1,  224, 224,    11, 11,    3,      96,     4,\s\s

        Conv2, 27, 27, 5, 5, 96, 256, 1, 2,
        Conv3DP, 13, 13, 3, 3, 3, 1, 1,
        """);
    assertEquals(5, layers.size());
    assertEquals(new ScaleSimLayer("Conv1", 224, 224, 11, 11, 3, 96, 4, 4), layers.get(0));
    // A ninth value is the stride width.
    assertEquals(new ScaleSimLayer("Conv2", 27, 27, 5, 5, 96, 256, 1, 2), layers.get(1));
    // 'DP' layers expand into one single-channel layer per channel.
    assertEquals(new ScaleSimLayer("Conv3DPChannel_2", 13, 13, 3, 3, 1, 1, 1, 1), layers.get(4));
  }

  @Test
  void gemmTopologyConvertsLikeScaleSim() throws IOException {
    List<ScaleSimLayer> layers = topo("Layer, M, N, K,\nq_proj, 1, 2560, 2560,\nffn_up , 1 , 6912 , 2560 , 1:1,\n");
    ScaleSimLayer up = layers.get(1);
    assertEquals("ffn_up", up.name());
    assertEquals(1, up.ofmapPixels());
    assertEquals(2560, up.windowSize());
    assertEquals(6912, up.numFilters());
    assertEquals(1L * 6912 * 2560, up.macs());
  }

  @Test
  void missingTrailingCommaIsExplained() {
    // SCALE-Sim drops the field after the last comma, so this row has no Strides value.
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> topo(
        "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
            + "Conv1, 224, 224, 11, 11, 3, 96, 4\n"));
    assertTrue(ex.getMessage().startsWith("t.csv line 2: expected 8 values before the trailing comma"), ex.getMessage());
    assertTrue(ex.getMessage().contains("missing Strides"), ex.getMessage());
  }

  @Test
  void topologyErrorsNameLineAndColumn() {
    String header = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> topo(header + "c, 224, x, 11, 11, 3, 96, 4,\n"));
    assertEquals("t.csv line 2: column 'IFMAP Width' must be an integer, got 'x'", ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> topo(header + "c, 5, 5, 7, 1, 3, 96, 4,\n"));
    assertEquals("t.csv line 2: Filter Height 7 is larger than IFMAP Height 5", ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> topo("name, a, b, c,\nx, 1, 2, 3,\n"));
    assertTrue(ex.getMessage().contains("--topology-format conv|gemm"), ex.getMessage());
    ex = assertThrows(IllegalArgumentException.class, () -> topo(header));
    assertTrue(ex.getMessage().contains("no layers"), ex.getMessage());
  }
}
