package dev.tritium.mapper.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.registry.LayerMappers;
import dev.tritium.mapper.run.LayerRequest;
import dev.tritium.mapper.run.MapOutcome;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderLayerMapperTest {

  private static LayerRequest request(String layer, boolean prefill, int tokens, EnumSet<ComputeUnit> units, int reduce) {
    return new LayerRequest(ModelPresets.byName("bitnet-b1.58-2b-4t"), ArchConfigs.preset("edge-fpga-mac"),
        layer, prefill, tokens, 64, units, Objective.CYCLES, 1, reduce);
  }

  @Test
  void registeredAndMapsBothUnitsChoosingTheFaster() {
    assertTrue(LayerMappers.names().containsAll(List.of("decoder", "model")));
    MapOutcome o = LayerMappers.resolve("decoder").map(request("decoder", false, 1, EnumSet.allOf(ComputeUnit.class), 1));
    assertTrue(o.text().contains("mac unit:") && o.text().contains("lut unit:"), o.text());
    assertTrue(o.text().contains("<- chosen (fewest cycles)"), o.text());
    MapOutcome mac = LayerMappers.resolve("decoder").map(request("decoder", false, 1, EnumSet.of(ComputeUnit.MAC), 1));
    MapOutcome lut = LayerMappers.resolve("decoder").map(request("decoder", false, 1, EnumSet.of(ComputeUnit.LUT), 1));
    assertEquals(Math.min(mac.cycles(), lut.cycles()), o.cycles());
    assertTrue(o.utilization() > 0 && o.utilization() <= 1, String.valueOf(o.utilization()));
  }

  @Test
  void modelCoversAllLayersPlusHeadAndPrefillRunsInPhases() {
    MapOutcome layer = LayerMappers.resolve("decoder").map(request("decoder", true, 128, EnumSet.of(ComputeUnit.MAC), 1));
    assertTrue(layer.text().contains("prefill in phases: 64 token(s) per chunk x 2 chunk(s)"), layer.text());
    MapOutcome model = LayerMappers.resolve("model").map(request("model", true, 128, EnumSet.of(ComputeUnit.MAC), 1));
    assertTrue(model.cycles() > 30 * layer.cycles(), model.cycles() + " vs " + layer.cycles());
    assertTrue(model.text().contains("lm_head"), model.text());
  }

  @Test
  void crosscheckThroughTheRegistryAtReducedSize() {
    List<CrossCheckReport> reports = LayerMappers.resolve("decoder").crosscheck(request("decoder", false, 1,
        EnumSet.allOf(ComputeUnit.class), 16));
    assertEquals(2, reports.size());
    reports.forEach(r -> assertTrue(r.passed(), r::render));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerMappers.resolve("decoder").map(request("decoder", false, 1, EnumSet.of(ComputeUnit.MAC), 7)));
    assertTrue(e.getMessage().startsWith("--reduce 7"), e.getMessage());
  }
}
