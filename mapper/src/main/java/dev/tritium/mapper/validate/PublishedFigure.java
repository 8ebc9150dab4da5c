package dev.tritium.mapper.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One published figure of a design.
 *
 * @param metric what it measures
 * @param context cached tokens of a decode figure (null for other metrics)
 * @param promptTokens prompt length of a time-to-first-token figure (null for other metrics)
 * @param value the published value, in the metric's unit
 * @param source where it is published (paper, section or table, or the secondary source that quotes it)
 * @param condition what the source leaves open about the conditions and how Tritium evaluates it (may be empty)
 */
public record PublishedFigure(Metric metric, Integer context, Integer promptTokens, double value, String source,
    String condition) {

  @JsonCreator
  static PublishedFigure fromYaml(
      @JsonProperty(value = "metric", required = true) Metric metric,
      @JsonProperty("context") Integer context,
      @JsonProperty("prompt_tokens") Integer promptTokens,
      @JsonProperty(value = "value", required = true) double value,
      @JsonProperty(value = "source", required = true) String source,
      @JsonProperty("condition") String condition) {
    return new PublishedFigure(metric, context, promptTokens, value, source, condition == null ? "" : condition);
  }

  /** The figure's label, e.g. {@code decode_tokens_per_s @ context 128}. */
  public String label() {
    String base = metric.name().toLowerCase(java.util.Locale.ROOT);
    if (context != null) {
      return base + " @ context " + context;
    }
    if (promptTokens != null) {
      return base + " @ " + promptTokens + "-token prompt";
    }
    return base;
  }
}
