package dev.tritium.mapper.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A feature of the published design that the template models, and the template defaults it is toggled to when
 * its share of the prediction is measured.
 *
 * @param feature what the feature is, in the paper's terms
 * @param set the dotted arch keys it sets and their default values, in order; the key {@code host} takes
 *     {@code none} (no host CPU)
 */
public record FeatureToggle(String feature, Map<String, String> set) {

  public FeatureToggle {
    if (set == null || set.isEmpty()) {
      throw new IllegalArgumentException("feature toggle '" + feature + "' sets no key");
    }
    set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
  }

  @JsonCreator
  static FeatureToggle fromYaml(
      @JsonProperty(value = "feature", required = true) String feature,
      @JsonProperty(value = "set", required = true) LinkedHashMap<String, String> set) {
    return new FeatureToggle(feature, set);
  }

  /** {@code key: value, ...}. */
  public String describe() {
    return set.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }
}
