package dev.tritium.simulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.dram.DramKind;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.sram.BufferStorage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchKeysTest {

  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");

  @Test
  void kindsComeFromTheConfigRecords() {
    assertEquals(ArchKeys.Kind.DECIMAL, ArchKeys.resolve("clock_mhz").kind());
    assertEquals(ArchKeys.Kind.INTEGER, ArchKeys.resolve("mac_array.rows").kind());
    assertEquals(ArchKeys.Kind.INTEGER, ArchKeys.resolve("buffers.weight.size_bytes").kind());
    assertEquals(ArchKeys.Kind.INTEGER, ArchKeys.resolve("dma.load_channels").kind());
    assertEquals(ArchKeys.Kind.BOOLEAN, ArchKeys.resolve("mac_array.stationary_double_buffer").kind());
    assertEquals(List.of("ws", "os", "is"), ArchKeys.resolve("mac_array.dataflow").choices());
    assertEquals(List.of("ternary_base3", "ternary_mirror", "bit_serial", "binary", "binary_mirror"),
        ArchKeys.resolve("lut_core.variant").choices());
    assertEquals(List.of("lpddr4", "ddr4", "hbm2", "gddr6"), ArchKeys.resolve("dram.kind").choices());
  }

  @Test
  void everyKindOfLeafCanBeSet() {
    assertEquals(300.0, ArchKeys.with(EDGE, "clock_mhz", "300").clockMhz());
    assertEquals(7, ArchKeys.with(EDGE, "technology_node_nm", "7").technologyNodeNm());
    assertEquals(64, ArchKeys.with(EDGE, "mac_array.rows", "64").macArray().rows());
    assertEquals(Dataflow.OS, ArchKeys.with(EDGE, "mac_array.dataflow", "os").macArray().dataflow());
    assertTrue(ArchKeys.with(EDGE, "mac_array.stationary_double_buffer", "true").macArray().stationaryDoubleBuffer());
    assertEquals(LutVariant.BIT_SERIAL, ArchKeys.with(EDGE, "lut_core.variant", "bit_serial").lutCore().variant());
    assertTrue(ArchKeys.with(EDGE, "lut_core.float_adders", "fp32").lutCore().hasFloatAdders());
    assertFalse(EDGE.lutCore().hasFloatAdders(), "lut_core.float_adders defaults to none");
    assertEquals(4096, ArchKeys.with(EDGE, "buffers.lut.size_bytes", "4096").buffers().get("lut").sizeBytes());
    assertEquals(DramKind.HBM2, ArchKeys.with(EDGE, "dram.kind", "hbm2").dram().kind());
    assertEquals(55.5, ArchKeys.with(EDGE, "dram.latency_ns", "55.5").dram().latencyNs());
    assertEquals(8, ArchKeys.with(EDGE, "vector_unit.lanes", "8").vectorUnit().lanes());
    // Everything else stays as it was.
    ArchConfig rows = ArchKeys.with(EDGE, "mac_array.rows", "64");
    assertEquals(EDGE.withMacArray(EDGE.macArray().withShape(64, EDGE.macArray().cols())), rows);
    assertEquals(EDGE, ArchKeys.with(EDGE, "mac_array.rows", Integer.toString(EDGE.macArray().rows())));
  }

  @Test
  void unknownKeysSectionsAndBadValuesAreNamed() {
    String rowz = assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("mac_array.rowz")).getMessage();
    assertTrue(rowz.startsWith("'mac_array.rowz': 'mac_array' has no key 'rowz' (expected one of: rows, cols,"), rowz);
    String unit = assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("clock_ghz")).getMessage();
    assertTrue(unit.contains("clock_mhz"), unit);
    String section = assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("dram")).getMessage();
    assertTrue(section.startsWith("'dram' is a section; name one of its keys (kind, peak_bandwidth_GBps"), section);
    assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("name"));
    assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("provenance.clock_mhz"));
    assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("mac_array.rows.x"));
    String missing = assertThrows(IllegalArgumentException.class,
        () -> ArchKeys.with(EDGE, "buffers.scratch.size_bytes", "1024")).getMessage();
    assertTrue(missing.contains("the base arch has no 'scratch' in buffers"), missing);
    String choice = assertThrows(IllegalArgumentException.class,
        () -> ArchKeys.with(EDGE, "mac_array.dataflow", "rs")).getMessage();
    assertTrue(choice.contains("expected one of: ws, os, is"), choice);
    assertThrows(IllegalArgumentException.class, () -> ArchKeys.with(EDGE, "mac_array.rows", "2.5"));
    assertThrows(IllegalArgumentException.class, () -> ArchKeys.with(EDGE, "clock_mhz", "NaN"));
  }

  private static final List<String> NOT_PARAMETERS = List.of("name", "description", "provenance", "sources");

  private static void assertNoTextOrCitationKeys(List<String> leaves) {
    for (String leaf : leaves) {
      String top = leaf.contains(".") ? leaf.substring(0, leaf.indexOf('.')) : leaf;
      assertTrue(!NOT_PARAMETERS.contains(top), leaf);
    }
  }

  @Test
  void leavesListEveryParameterIncludingTheNewOnes() {
    List<String> leaves = ArchKeys.leaves(EDGE);
    for (String key : List.of("clock_mhz", "mac_array.int8_multipliers", "mac_array.int_multipliers",
        "mac_array.bit_plane", "lut_core.bit_plane",
        "lut_core.table_build_cycles",
        "lut_core.activation_block", "buffers.weight.storage", "buffers.weight.double_buffered",
        "buffers.lut.double_buffered", "dma.stream_ports", "dma.port_width_bits")) {
      assertTrue(leaves.contains(key), key + " in " + leaves);
    }
    // 2 top-level numbers + mac_array 13 + lut_core 10 + vector_unit 3 + 5 buffers x 6 + dram 4 + dma 6 = 68;
    // no host section in edge-fpga.
    assertEquals(68, leaves.size(), leaves.toString());
    assertEquals(leaves.size(), new java.util.HashSet<>(leaves).size(), "no duplicates");
    assertTrue(leaves.stream().noneMatch(l -> l.startsWith("host")), leaves.toString());
    assertNoTextOrCitationKeys(leaves);
    // The provenance the preset states does not make it a leaf of its own.
    assertTrue(!EDGE.provenance().isEmpty());
  }

  @Test
  void aHostListIsOneLeafAndCitedPresetsListNoCitationKeys() {
    ArchConfig tellme = ArchConfigs.preset("tellme-kv260");
    List<String> leaves = ArchKeys.leaves(tellme);
    assertTrue(leaves.contains("host.runs"), leaves.toString());
    assertTrue(leaves.contains("host.handoff_us"), leaves.toString());
    assertTrue(leaves.stream().noneMatch(l -> l.startsWith("host.runs.") || l.startsWith("host.runs[")),
        leaves.toString());
    // edge-fpga's 68 + host's 7 (cores, clock_mhz, macs_per_cycle_per_core, weight_bits, dram_bandwidth_GBps,
    // handoff_us, runs) + attention.kv_datatype.
    assertEquals(76, leaves.size(), leaves.toString());
    assertTrue(!tellme.sources().isEmpty());
    assertNoTextOrCitationKeys(leaves);
  }

  @Test
  void theAttentionSectionIsOptionalAndItsKeyCanBeSetOnAnArchWithoutIt() {
    assertEquals(null, EDGE.attention());
    assertEquals(AttentionConfig.KvDatatype.INT8, EDGE.attentionOrDefault().kvDatatype());
    assertFalse(ArchKeys.leaves(EDGE).contains("attention.kv_datatype"), "edge-fpga leaves the section out");
    ArchConfig fp16 = ArchKeys.with(EDGE, "attention.kv_datatype", "fp16");
    assertEquals(AttentionConfig.KvDatatype.FP16, fp16.attentionOrDefault().kvDatatype());
    assertEquals(List.of("int8", "fp16"), ArchKeys.resolve("attention.kv_datatype").choices());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArchKeys.with(EDGE, "attention.kv_datatype", "fp8"));
    assertTrue(e.getMessage().contains("expected one of: int8, fp16"), e.getMessage());
    // a section without its key is still a file the reader takes (the default)
    assertEquals(AttentionConfig.KvDatatype.INT8, new AttentionConfig(null).kvDatatype());
  }

  @Test
  void newLeavesCanBeSetByKey() {
    assertFalse(ArchKeys.with(EDGE, "buffers.weight.double_buffered", "false").buffer("weight").doubleBuffered());
    assertEquals(BufferStorage.LUTRAM, ArchKeys.with(EDGE, "buffers.lut.storage", "lutram").buffer("lut").storage());
    assertEquals(84, ArchKeys.with(EDGE, "lut_core.activation_block", "84").lutCore().activationBlock());
    assertEquals(3, ArchKeys.with(EDGE, "dma.stream_ports", "3").dma().streamPorts());
    assertEquals(List.of("sram", "registers", "lutram"), ArchKeys.resolve("buffers.lut.storage").choices());
    assertThrows(IllegalArgumentException.class, () -> ArchKeys.resolve("sources.clock_mhz"));
  }
}
