package dev.tritium.dse.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.TestSweeps;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.mac.Dataflow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepFilesTest {

  static final String HEAD = """
      sweep: t
      base_arch: edge-fpga-mac
      workload: {model: bitnet-b1.58-2b-4t, phase: decode, context: 64}
      """;
  static final String OBJ = "objectives: {latency_ms: min}\n";

  static SweepSpec parse(String params) {
    return SweepFiles.parse(HEAD + "parameters:\n" + params + OBJ, "t.yaml", Path.of("."));
  }

  static String error(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> SweepFiles.parse(yaml, "t.yaml", Path.of(".")))
        .getMessage();
  }

  @Test
  void examplesHaveTheDocumentedSizes() throws Exception {
    SweepSpec small = SweepFiles.load(TestSweeps.small());
    assertEquals(24, small.pointCount());
    assertEquals(List.of("mac_array.rows", "mac_array.cols", "compute_unit", "dram.peak_bandwidth_GBps"),
        small.parameterKeys());
    SweepSpec edge = SweepFiles.load(TestSweeps.edge());
    assertEquals(648, edge.pointCount());
    assertTrue(edge.pointCount() >= 500);
    assertEquals(List.of("12.8", "19.2", "25.6"), edge.axes().get(5).values());
    assertEquals(List.of("16", "32", "64"), edge.axes().get(1).values());
    assertEquals(1.5, edge.constraints().maxPowerW());
  }

  @Test
  void idsFollowTheDocumentedOrderLastParameterFastest() throws Exception {
    SweepSpec s = SweepFiles.load(TestSweeps.small());
    // rows [16,32,48] x cols [32,64] x unit [mac,lut] x bw [12.8,19.2]: id = ((r*2 + c)*2 + u)*2 + b
    assertEquals(List.of("16", "32", "mac", "12.8"), s.valuesOf(0));
    assertEquals(List.of("16", "32", "mac", "19.2"), s.valuesOf(1));
    assertEquals(List.of("16", "64", "mac", "19.2"), s.valuesOf(5));
    assertEquals(List.of("32", "32", "lut", "12.8"), s.valuesOf(10));
    assertEquals(List.of("48", "64", "lut", "19.2"), s.valuesOf(23));
    assertEquals(10, s.idOf(new int[] {1, 0, 1, 0}));
    assertThrows(IllegalArgumentException.class, () -> s.valuesOf(24));
  }

  @Test
  void pointArchAppliesEveryValue() throws Exception {
    SweepSpec s = SweepFiles.load(TestSweeps.edge());
    long id = s.idOf(new int[] {1, 2, 0, 1, 0, 2, 1});
    List<String> v = s.valuesOf(id);
    ArchConfig a = s.archOf(s.baseArch(), id, v);
    assertEquals(ComputeUnit.LUT, s.computeUnitOf(v));
    assertEquals(64, a.macArray().rows());
    assertEquals(32, a.macArray().cols());
    assertEquals(Dataflow.OS, a.macArray().dataflow());
    assertEquals(524288, a.buffer("weight").sizeBytes());
    assertEquals(25.6, a.dram().peakBandwidthGBps());
    assertEquals(250.0, a.clockMhz());
    assertEquals("edge-648-p" + id, a.name());
  }

  @Test
  void rangesAreExactAndCanonical() {
    SweepSpec s = parse("  clock_mhz: {from: 0.1, to: 0.5, step: 0.1}\n  dram.peak_bandwidth_GBps: [19.20, 1e1]\n"
        + "  buffers.lut.size_bytes: {from: 1000, to: 5000, powers_of_two: true}\n"
        + "  mac_array.dataflow: [WS, is]\n");
    assertEquals(List.of("0.1", "0.2", "0.3", "0.4", "0.5"), s.axes().get(0).values());
    assertEquals(List.of("19.2", "10"), s.axes().get(1).values());
    assertEquals(List.of("1024", "2048", "4096"), s.axes().get(2).values());
    assertEquals(List.of("ws", "is"), s.axes().get(3).values());
    assertEquals(5 * 2 * 3 * 2, s.pointCount());
  }

  @Test
  void errorsNameFileKeyAndLine() {
    String unknown = error(HEAD + "parameters:\n  mac_array.rowz: [1]\n" + OBJ);
    assertEquals("t.yaml: key 'parameters.mac_array.rowz': unknown parameter (expected compute_unit, format or an arch key): "
        + "'mac_array.rowz': 'mac_array' has no key 'rowz' (expected one of: rows, cols, dataflow, accumulator_bits, "
        + "zero_skip, weight_datatype, activation_bits, stationary_double_buffer, int8_multipliers, float_adders, "
        + "mask_decode, int_multipliers, bit_plane) (line 5)", unknown);
    String unit = error(HEAD + "parameters:\n  clock_mhz: [1]\nconstraints: {max_area_mm2: 3}\n" + OBJ);
    assertTrue(unit.startsWith("t.yaml: key 'constraints.max_area_mm2': unknown key"), unit);
    assertTrue(unit.contains("wrong unit? 'max_area_mm2' is in mm2 but this field is in um2: use 'max_area_um2'"), unit);
    assertTrue(unit.endsWith("(line 6)"), unit);
    String dup = error(HEAD + "parameters:\n  mac_array.rows: [16, 32, 16.0]\n" + OBJ);
    assertEquals("t.yaml: key 'parameters.mac_array.rows[2]': duplicate value 16 (line 5)", dup);
    String notInt = error(HEAD + "parameters:\n  mac_array.rows: [16, 2.5]\n" + OBJ);
    assertTrue(notInt.startsWith("t.yaml: key 'parameters.mac_array.rows[1]': invalid value '2.5' (expected a whole"),
        notInt);
    String choice = error(HEAD + "parameters:\n  mac_array.dataflow: [ws, xs]\n" + OBJ);
    assertTrue(choice.contains("'parameters.mac_array.dataflow[1]': invalid value 'xs' (expected one of: ws, os, is)"),
        choice);
    String choiceRange = error(HEAD + "parameters:\n  dram.kind: {from: 1, to: 2, step: 1}\n" + OBJ);
    assertTrue(choiceRange.contains("a range needs a numeric parameter"), choiceRange);
    String both = error(HEAD + "parameters:\n  mac_array.rows: {from: 1, to: 8, step: 1, powers_of_two: true}\n" + OBJ);
    assertTrue(both.contains("exactly one of 'step'"), both);
    String backwards = error(HEAD + "parameters:\n  mac_array.rows: {from: 8, to: 1, step: 1}\n" + OBJ);
    assertTrue(backwards.contains("'parameters.mac_array.rows.to': must be >= from (8), got 1"), backwards);
    String negative = error(HEAD + "parameters:\n  clock_mhz: [-5]\n" + OBJ);
    assertTrue(negative.contains("expected a number > 0"), negative);
    String missing = error("sweep: t\nparameters: {clock_mhz: [1]}\n" + OBJ);
    assertEquals("t.yaml: missing key 'workload'", missing);
    String phase = error("sweep: t\nworkload: {model: m, phase: train, context: 1}\nparameters: {clock_mhz: [1]}\n" + OBJ);
    assertTrue(phase.contains("'workload.phase': invalid value 'train' (expected one of: decode, prefill)"), phase);
    String decodeTokens = error("sweep: t\nworkload: {model: m, phase: decode, context: 1, tokens: 4}\n"
        + "parameters: {clock_mhz: [1]}\n" + OBJ);
    assertTrue(decodeTokens.contains("'workload.tokens': must be 1 for phase decode"), decodeTokens);
    String goal = error(HEAD + "parameters:\n  clock_mhz: [1]\nobjectives: {latency_ms: smallest}\n");
    assertTrue(goal.contains("'objectives.latency_ms': invalid value 'smallest' (expected min or max) (line 6)"), goal);
    String metric = error(HEAD + "parameters:\n  clock_mhz: [1]\nobjectives: {latency_s: min}\n");
    assertTrue(metric.contains("unknown metric 'latency_s'") && metric.contains("'latency_ms'"), metric);
    String dupKey = error(HEAD + "parameters:\n  clock_mhz: [1]\n  clock_mhz: [2]\n" + OBJ);
    assertTrue(dupKey.startsWith("t.yaml: not valid YAML: Duplicate field 'clock_mhz'"), dupKey);
    String base = error("sweep: t\nbase_arch: nowhere.yaml\nworkload: {model: m, phase: decode, context: 1}\n"
        + "parameters: {clock_mhz: [1]}\n" + OBJ);
    assertTrue(base.startsWith("t.yaml: key 'base_arch': not a preset") && base.endsWith("(line 2)"), base);
  }

  @Test
  void theKvCacheIsTheFormatsOwnByDefaultAndTheWorkloadCanNameIt() {
    assertEquals("format", parse("  clock_mhz: [1]\n").workload().kvFormat());
    String arch = "sweep: t\nworkload: {model: m, phase: decode, context: 1, kv_format: ARCH}\n"
        + "parameters: {clock_mhz: [1]}\n" + OBJ;
    assertEquals("arch", SweepFiles.parse(arch, "t.yaml", Path.of(".")).workload().kvFormat());
    String int4 = "sweep: t\nworkload: {model: m, phase: decode, context: 1, kv_format: 'int4:group=64'}\n"
        + "parameters: {format: [bitnet-b1.58, spinquant-w4a4kv4]}\n" + OBJ;
    SweepSpec s = SweepFiles.parse(int4, "t.yaml", Path.of("."));
    // the format axis keeps the workload's KV choice at every point
    assertEquals("int4:group=64", s.workload().kvFormat());
    assertEquals("int4:group=64", s.workloadOf(s.valuesOf(1)).kvFormat());
    assertEquals("spinquant-w4a4kv4:proj=other", s.workloadOf(s.valuesOf(1)).format());
    String bad = error("sweep: t\nworkload: {model: m, phase: decode, context: 1, kv_format: fp8}\n"
        + "parameters: {clock_mhz: [1]}\n" + OBJ);
    assertTrue(bad.startsWith("t.yaml: key 'workload.kv_format': unknown kv-cache format 'fp8'"), bad);
  }

  @Test
  void resizingABufferTheBaseLacksIsAFileError() {
    String yaml = "sweep: t\nbase_arch: asic-7nm-small\nworkload: {model: m, phase: prefill, tokens: 8}\n"
        + "parameters:\n  buffers.output.size_bytes: [1024]\n" + OBJ;
    // asic-7nm-small has an output buffer: accepted. A base without one is refused (checked by apply).
    assertEquals(1, SweepFiles.parse(yaml, "t.yaml", Path.of(".")).pointCount());
    ArchConfig noOutput = dev.tritium.simulator.config.ArchConfigs.preset("edge-fpga-mac");
    java.util.Map<String, dev.tritium.simulator.unit.sram.SramBufferConfig> b = new java.util.LinkedHashMap<>(
        noOutput.buffers());
    b.remove("output");
    ArchConfig stripped = new ArchConfig(noOutput.name(), "", noOutput.clockMhz(), noOutput.technologyNodeNm(),
        noOutput.macArray(), noOutput.lutCore(), noOutput.vectorUnit(), b, noOutput.dram(), noOutput.dma(),
        noOutput.provenance());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SweepParameter.of("buffers.output.size_bytes").apply(stripped, "1024"));
    assertTrue(e.getMessage().contains("the base arch has no 'output' in buffers"), e.getMessage());
  }

  @Test
  void stationaryDoubleBufferIsSweptAndKeptByTheOtherArrayKnobs() {
    SweepSpec spec = parse("  mac_array.stationary_double_buffer: [false, TRUE]\n");
    assertEquals(2, spec.pointCount());
    SweepParameter p = SweepParameter.of("mac_array.stationary_double_buffer");
    assertEquals("true", p.canonical(" True "));
    ArchConfig edge = dev.tritium.simulator.config.ArchConfigs.preset("edge-fpga-mac");
    ArchConfig on = p.apply(edge, "true");
    assertTrue(on.macArray().stationaryDoubleBuffer());
    assertEquals(edge.macArray(), p.apply(on, "false").macArray());
    // Changing the shape, dataflow or zero-skip of a double-buffered array keeps it double-buffered.
    assertTrue(SweepParameter.of("mac_array.rows").apply(on, "64").macArray().stationaryDoubleBuffer());
    assertTrue(SweepParameter.of("mac_array.cols").apply(on, "32").macArray().stationaryDoubleBuffer());
    assertTrue(SweepParameter.of("mac_array.dataflow").apply(on, "os").macArray().stationaryDoubleBuffer());
    assertTrue(SweepParameter.of("mac_array.zero_skip").apply(on, "cycles").macArray().stationaryDoubleBuffer());
    String bad = assertThrows(IllegalArgumentException.class, () -> p.canonical("yes")).getMessage();
    assertTrue(bad.contains("expected one of: false, true"), bad);
  }

  /** Any arch key is an axis with no code: keys no sweep knew before, each of a different kind. */
  @Test
  void anyArchKeyIsSweepable() {
    SweepSpec spec = parse("  vector_unit.lanes: {from: 8, to: 32, powers_of_two: true}\n"
        + "  dram.latency_ns: [80, 110.5]\n"
        + "  mac_array.weight_datatype: [ternary, int8]\n"
        + "  dma.load_channels: [1, 2]\n");
    assertEquals(3 * 2 * 2 * 2, spec.pointCount());
    assertEquals(List.of("8", "16", "32"), spec.axes().get(0).values());
    assertEquals(List.of("80", "110.5"), spec.axes().get(1).values());
    ArchConfig edge = dev.tritium.simulator.config.ArchConfigs.preset("edge-fpga-mac");
    ArchConfig p = SweepParameter.of("dram.latency_ns").apply(edge, "110.5");
    assertEquals(110.5, p.dram().latencyNs());
    assertEquals(edge.withDram(p.dram()), p);
    assertEquals(2, SweepParameter.of("dma.load_channels").apply(edge, "2").dma().loadChannels());
    String text = assertThrows(IllegalArgumentException.class, () -> SweepParameter.of("description")).getMessage();
    assertTrue(text.contains("is text"), text);
  }

  /** A powers-of-two range up to 2^62 ends (it used to double a long past 2^63 and loop forever). */
  @Test
  void hugePowersOfTwoRangeEndsWithAClearError() {
    String msg = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> error(HEAD
        + "parameters:\n  buffers.weight.size_bytes: {from: 1, to: 4611686018427387904, powers_of_two: true}\n" + OBJ));
    assertTrue(msg.contains("'parameters.buffers.weight.size_bytes'") && msg.contains("expected a whole number up to "
        + Integer.MAX_VALUE), msg);
  }
}
