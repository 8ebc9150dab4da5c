package dev.tritium.cli.report.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.EnergyRecord;
import dev.tritium.cli.report.model.LayerTiming;
import dev.tritium.cli.report.read.DesignReader;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.GroupRun;
import dev.tritium.mapper.report.ModelEnergy;
import dev.tritium.mapper.report.ModelEnergyReport;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.Activation;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.energy.CostModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateProfileTest {

  /** A 2B-4T-shaped model shrunk 10x in width, 2 layers (the mapper's ModelEnergyTest shape). */
  static final ModelConfig SMALL = new ModelConfig("small-2b4t-shape", 256, 704, 2, 4, 2, 64, 1000, 500000, 1e-5,
      Activation.RELU2, true, true, 4096);
  static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");
  static final ModelEnergyReport DECODE = new ModelEnergy(SMALL, EDGE, ComputeUnit.MAC,
      CostModel.preset(CostModel.DEFAULT_PRESET, EDGE.technologyNodeNm())).run(LayerShape.decode(16));
  static final DesignProfile PROFILE = EstimateProfile.of(DECODE, EDGE, ComputeUnit.MAC, Map.of("k", "v"),
      OptionalLong.of(7));

  @TempDir Path tmp;

  @Test
  void peaksOfBothTernaryUnits() {
    // edge-fpga: 32 x 64 MAC array; LUT core 64 lookups of 4-weight groups per cycle; 250 MHz.
    assertEquals(32 * 64 * 250e6, EstimateProfile.peakOpsPerS(EDGE, ComputeUnit.MAC), 0);
    assertEquals(64 * 4 * 250e6, EstimateProfile.peakOpsPerS(EDGE, ComputeUnit.LUT), 0);
    assertEquals(19.2, PROFILE.info().orElseThrow().peakDramGBps(), 0);
    assertEquals(OptionalLong.of(7), PROFILE.info().orElseThrow().pointId());
  }

  @Test
  void layerLatenciesAddUpToTheEstimate() {
    assertEquals(DECODE.groups().stream().map(GroupRun::group).toList(),
        PROFILE.layers().stream().map(LayerTiming::layerType).toList());
    double sumNs = PROFILE.layers().stream().mapToDouble(LayerTiming::latencyNs).sum();
    assertEquals(DECODE.estimate().totalCycles() * 1000.0 / EDGE.clockMhz(), sumNs, 1e-6 * sumNs);
    for (LayerTiming l : PROFILE.layers()) {
      assertTrue(l.computeNs() + l.memoryBoundNs() <= l.latencyNs() * (1 + 1e-9), l.toString());
    }
  }

  @Test
  void projectionOpsArePairsTimesLayers() {
    Map<String, LayerTiming> byType = new java.util.HashMap<>();
    PROFILE.layers().forEach(l -> byType.put(l.layerType(), l));
    // Decode: one token, every weight meets it once, 2 layers. Per layer: the weight-activation pairs, then
    // the dequantisation of each output (int-to-fp32 convert + divide by s_w * s_x) and the one s_w * s_x
    // multiply. q: 256 x 256; k: (2 kv heads x 64 = 128) x 256; down: 256 outputs x 704.
    assertEquals(2 * (256 * 256 + 2 * 256 + 1), byType.get("q_proj").ops(), 0);
    assertEquals(2 * (128 * 256 + 2 * 128 + 1), byType.get("k_proj").ops(), 0);
    assertEquals(2 * (256 * 704 + 2 * 256 + 1), byType.get("down_proj").ops(), 0);
    // Ternary weights are read from DRAM at under one byte per weight, so the intensity is above 1 op/byte.
    assertTrue(byType.get("q_proj").intensityOpsPerByte() > 1, byType.get("q_proj").toString());
  }

  @Test
  void energyRowsSumToTheDynamicEnergy() {
    double sum = PROFILE.energy().stream().mapToDouble(EnergyRecord::energyPj).sum();
    assertEquals(DECODE.total().dynamicPj(), sum, 1e-9 * sum);
    assertTrue(PROFILE.energy().stream().anyMatch(e -> e.memoryLevel().equals("DRAM")));
    assertTrue(PROFILE.energy().stream().anyMatch(e -> e.memoryLevel().equals("SRAM")));
    assertTrue(PROFILE.energy().stream().anyMatch(e -> e.memoryLevel().isEmpty()), "compute rows");
  }

  @Test
  void filesRoundTripThroughTheReader() throws IOException {
    Path dir = tmp.resolve("p");
    List<Path> written = ProfileFiles.write(dir, DECODE, EDGE, ComputeUnit.MAC, Map.of("k", "v"), OptionalLong.of(7));
    assertEquals(List.of("energy.csv", "area.csv", "totals.json", "design.json", "layers.csv"),
        written.stream().map(p -> p.getFileName().toString()).toList());
    List<String> notes = new ArrayList<>();
    DesignProfile back = DesignReader.read(dir, notes).orElseThrow();
    assertEquals(List.of(), notes);
    assertEquals(PROFILE.info(), back.info());
    assertEquals(PROFILE.layers(), back.layers());
    // energy.csv is the mapper's format (total_pJ, level, action_class): same rows back.
    assertEquals(PROFILE.energy(), back.energy());
    assertEquals(DECODE.area().totalUm2(), back.area().stream().mapToDouble(a -> a.areaUm2()).sum(),
        1e-9 * DECODE.area().totalUm2());
  }

  @Test
  void estimateReportFilesAloneGiveTheEnergySections() throws IOException {
    // What tritium estimate --report DIR writes today: energy.csv, area.csv, totals.json.
    Path dir = tmp.resolve("e");
    ProfileFiles.write(dir, DECODE, EDGE, ComputeUnit.MAC, Map.of(), OptionalLong.empty());
    Files.delete(dir.resolve("design.json"));
    Files.delete(dir.resolve("layers.csv"));
    List<String> notes = new ArrayList<>();
    DesignProfile p = DesignReader.read(dir, notes).orElseThrow();
    assertEquals("edge-fpga-mac (small-2b4t-shape decode)", p.name());
    assertEquals(PROFILE.energy(), p.energy());
    assertEquals(2, notes.size());
  }
}
