package dev.tritium.mapper.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A feature the template approximates without a knob to toggle.
 *
 * @param kind how its effect is computed
 * @param feature what the design does, with its source
 */
public record Gap(GapKind kind, String feature) {

  @JsonCreator
  static Gap fromYaml(@JsonProperty(value = "kind", required = true) GapKind kind,
      @JsonProperty(value = "feature", required = true) String feature) {
    return new Gap(kind, feature);
  }
}
