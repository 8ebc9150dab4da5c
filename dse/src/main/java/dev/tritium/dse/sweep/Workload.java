package dev.tritium.dse.sweep;

import java.io.Serializable;

/**
 * What every design point runs.
 *
 * @param model a model preset name or a config.json path (as {@code ModelConfigs.resolve} takes it)
 * @param phase decode or prefill
 * @param tokens tokens processed by one step: 1 for decode, M for prefill
 * @param context positions already cached before the step (decode); 0 for prefill
 * @param format the projections' weight format, as {@link SweepFormats#canonical} spells it
 * @param kvFormat the KV cache, as {@code KvChoice.text()} spells it: {@code format} (the default: the weight
 *     format's own cache when it names one, else the arch's), {@code arch}, or a reference KV-cache format
 */
public record Workload(String model, Phase phase, int tokens, int context, String format, String kvFormat)
    implements Serializable {

  private static final long serialVersionUID = 3L;

  public Workload {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("workload.model must name a model preset or config.json");
    }
    if (format == null || format.isBlank()) {
      throw new IllegalArgumentException("workload.format must name a weight format");
    }
    if (kvFormat == null || kvFormat.isBlank()) {
      throw new IllegalArgumentException("workload.kv_format must be format, arch or a KV-cache format");
    }
    if (tokens < 1) {
      throw new IllegalArgumentException("workload.tokens must be >= 1, got " + tokens);
    }
    if (context < 0) {
      throw new IllegalArgumentException("workload.context must be >= 0, got " + context);
    }
    if (phase == Phase.DECODE && tokens != 1) {
      throw new IllegalArgumentException("workload.tokens must be 1 for phase decode (one new token per step), got "
          + tokens);
    }
    if (phase == Phase.PREFILL && context != 0) {
      throw new IllegalArgumentException("workload.context must be 0 for phase prefill (it starts from an empty "
          + "cache), got " + context);
    }
  }

  /** In the default weight format, {@link SweepFormats#DEFAULT}, with the default KV choice. */
  public Workload(String model, Phase phase, int tokens, int context) {
    this(model, phase, tokens, context, SweepFormats.DEFAULT);
  }

  /** With the default KV choice ({@code format}). */
  public Workload(String model, Phase phase, int tokens, int context, String format) {
    this(model, phase, tokens, context, format, DEFAULT_KV_FORMAT);
  }

  /** The default {@code workload.kv_format}: each weight format with its own cache when it names one. */
  public static final String DEFAULT_KV_FORMAT = "format";

  public static Workload decode(String model, int context) {
    return new Workload(model, Phase.DECODE, 1, context);
  }

  public static Workload prefill(String model, int tokens) {
    return new Workload(model, Phase.PREFILL, tokens, 0);
  }

  /** The same step with the projections in another weight format (canonical text). */
  public Workload withFormat(String canonicalFormat) {
    return new Workload(model, phase, tokens, context, canonicalFormat, kvFormat);
  }
}
