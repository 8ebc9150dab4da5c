package dev.tritium.mapper.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.mapper.validate.ValidationReport.FigureRow;
import dev.tritium.mapper.validate.ValidationReport.ToggleRow;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.config.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private static final PublishedDesign TELLME = PublishedDesigns.byName("tellme-kv260");
  private static final ValidationReport REPORT = new Validation(TELLME).run();

  @Test
  void theTableIsReproducible() {
    assertEquals(REPORT.render(), new Validation(PublishedDesigns.byName("tellme-kv260")).run().render());
  }

  @Test
  void everyPublishedDesignIsFullyCitedAndItsPresetEveryParameter() {
    for (PublishedDesign d : PublishedDesigns.all()) {
      assertFalse(d.figures().isEmpty(), d.name());
      for (PublishedFigure f : d.figures()) {
        assertFalse(f.source().isBlank(), () -> d.name() + " " + f.label() + " has no source");
        assertTrue(f.value() > 0 && Double.isFinite(f.value()), f::label);
      }
      ArchConfig arch = ArchConfigs.preset(d.arch());
      for (String key : ArchKeys.leaves(arch)) {
        Provenance p = arch.provenance().get(key);
        assertTrue(p == Provenance.PUBLISHED || p == Provenance.MEASURED || p == Provenance.ASSUMED,
            () -> d.arch() + ": " + key + " has provenance " + p + " (a published design's preset cites every"
                + " parameter)");
        String source = arch.sources().get(key);
        assertTrue(source != null && !source.isBlank(), () -> d.arch() + ": " + key + " has no source");
        assertEquals(p == Provenance.ASSUMED, source.startsWith("ASSUMED"), () -> d.arch() + ": " + key
            + " is " + p + " but its source reads '" + source + "'");
      }
    }
  }

  @Test
  void everyFigureIsPredictedWithAFiniteNonNegativeValue() {
    assertEquals(TELLME.figures().size(), REPORT.figures().size());
    for (FigureRow r : REPORT.figures()) {
      assertTrue(Double.isFinite(r.predicted()) && r.predicted() >= 0, () -> r.figure().label() + " = "
          + r.predicted());
      assertTrue(Double.isFinite(r.errorPercent()), r.figure()::label);
      assertEquals(100.0 * (r.predicted() - r.figure().value()) / r.figure().value(), r.errorPercent(), 1e-9);
    }
    String text = REPORT.render();
    for (PublishedFigure f : TELLME.figures()) {
      assertTrue(text.contains(f.label()), f::label);
      assertTrue(text.contains(f.source()), f::source);
    }
  }

  @Test
  void everyToggledFeatureChangesSomePrediction() {
    List<FigureRow> perf = REPORT.performanceFigures();
    assertEquals(TELLME.features().size(), REPORT.toggles().size());
    for (ToggleRow t : REPORT.toggles()) {
      assertEquals(perf.size(), t.predicted().size());
      boolean changed = false;
      for (int i = 0; i < perf.size(); i++) {
        changed |= Math.abs(t.predicted().get(i) - perf.get(i).predicted()) > 1e-9 * perf.get(i).predicted();
      }
      assertTrue(changed, () -> "toggling '" + t.toggle().feature() + "' changes no prediction: it is not modelled");
    }
  }

  @Test
  void theHostToggleMovesTheLmHeadOntoTheAccelerator() {
    ArchConfig arch = ArchConfigs.preset("tellme-kv260");
    ArchConfig off = Validation.toggled(arch, new FeatureToggle("host", Map.of("host", "none")));
    assertEquals(null, off.host());
    assertTrue(off.provenance().isEmpty() && off.sources().isEmpty(), "a toggled variant is not the cited preset");
    assertNotEquals(arch.name(), off.name());
    assertThrows(IllegalArgumentException.class,
        () -> Validation.toggled(arch, new FeatureToggle("x", Map.of("host", "arm"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Validation.toggled(arch, new FeatureToggle("x", Map.of("lut_core.no_such_key", "1"))));
    assertTrue(e.getMessage().contains("no_such_key"), e.getMessage());
  }

  @Test
  void gapsAreComputedFromTheModelAndArch() {
    ValidationReport.GapRow fused = REPORT.gaps().stream().filter(g -> g.gap().kind() == GapKind.FUSED_ELEMENTWISE)
        .findFirst().orElseThrow();
    assertTrue(fused.decodeMsDelta() < 0, "fusion can only hide time");
  }

  @Test
  void theFp16KvCacheIsModelledAndCostsItsClosedFormInDramBytes() {
    // bitnet-b1.58-large (24 layers, kv_dim 1536, 16 kv heads) decoding at context 128 reads 129 keys and values per
    // layer: fp16 2 x 1536 bytes per token and head-set against int8 1536 + 4 x 16 scale bytes, and appends one
    // token's K and V: 2 x 24 x 129 x 1472 + 2 x 24 x 1472 = 9,114,624 + 70,656 bytes more per token.
    ArchConfig fp16 = ArchConfigs.preset("tellme-kv260");
    assertEquals(dev.tritium.simulator.config.AttentionConfig.KvDatatype.FP16, fp16.attentionOrDefault().kvDatatype());
    ArchConfig int8 = fp16.withAttention(dev.tritium.simulator.config.AttentionConfig.DEFAULT);
    dev.tritium.models.config.ModelConfig large = dev.tritium.models.config.ModelPresets.byName("bitnet-b1.58-large");
    long bytes16 = new dev.tritium.mapper.model.ModelEstimator(large, fp16, dev.tritium.isa.ComputeUnit.LUT)
        .estimate(dev.tritium.mapper.graph.LayerShape.decode(128)).dramBytes();
    long bytes8 = new dev.tritium.mapper.model.ModelEstimator(large, int8, dev.tritium.isa.ComputeUnit.LUT)
        .estimate(dev.tritium.mapper.graph.LayerShape.decode(128)).dramBytes();
    assertEquals(9_114_624L + 70_656L, bytes16 - bytes8);
    assertTrue(REPORT.toggles().stream().anyMatch(t -> t.toggle().set().equals(Map.of("attention.kv_datatype",
        "int8"))), "the fp16 KV cache is a modelled, toggled feature");
  }
}
