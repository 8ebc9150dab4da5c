package dev.tritium.mapper.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A published accelerator: the arch preset that describes it, the model and unit it runs, the FPGA part, the
 * figures its papers publish, the features whose share of the prediction {@code validate} measures by toggling,
 * and the gaps the template cannot express.
 */
public record PublishedDesign(String name, String title, String arch, String model, String unit, String part,
    List<PublishedFigure> figures, List<FeatureToggle> features, List<Gap> gaps) {

  public PublishedDesign {
    figures = List.copyOf(figures);
    features = features == null ? List.of() : List.copyOf(features);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }

  @JsonCreator
  static PublishedDesign fromYaml(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "title", required = true) String title,
      @JsonProperty(value = "arch", required = true) String arch,
      @JsonProperty(value = "model", required = true) String model,
      @JsonProperty(value = "unit", required = true) String unit,
      @JsonProperty(value = "part", required = true) String part,
      @JsonProperty(value = "figures", required = true) List<PublishedFigure> figures,
      @JsonProperty("features") List<FeatureToggle> features,
      @JsonProperty("gaps") List<Gap> gaps) {
    return new PublishedDesign(name, title, arch, model, unit, part, figures, features, gaps);
  }
}
