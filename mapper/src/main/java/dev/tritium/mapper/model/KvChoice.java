package dev.tritium.mapper.model;

import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.KvCacheFormat;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.AttentionConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Which KV cache a model estimate runs with ({@code --kv-format} on the commands, {@code workload.kv_format} in a
 * sweep). A weight-format preset that names its own cache (SpinQuant's and Atom's int4 per group of 128, see
 * {@link FormatPreset#kvCache()}) is estimated with it by default: an estimate of {@code spinquant-w4a4kv4} over the
 * arch's int8 cache would not be SpinQuant. {@code arch} keeps the arch's {@code attention} section whatever the
 * format says; an explicit reference format sets it for every weight format.
 */
public sealed interface KvChoice {

  /** The default spelling. */
  String DEFAULT = "format";

  /** The weight format's own cache when it names one, else the arch's. */
  record FormatOwn() implements KvChoice {
    @Override
    public String text() {
      return "format";
    }

    @Override
    public Optional<KvCacheFormat> cacheFor(FormatPreset weights) {
      return weights.kvCache();
    }
  }

  /** The arch's own cache ({@code attention.kv_datatype}, or its kv_bits grid). */
  record Arch() implements KvChoice {
    @Override
    public String text() {
      return "arch";
    }

    @Override
    public Optional<KvCacheFormat> cacheFor(FormatPreset weights) {
      return Optional.empty();
    }
  }

  /** One reference KV-cache format for every weight format. */
  record Given(KvCacheFormat format) implements KvChoice {
    @Override
    public String text() {
      return format.name();
    }

    @Override
    public Optional<KvCacheFormat> cacheFor(FormatPreset weights) {
      return Optional.of(format);
    }
  }

  /**
   * {@code format}, {@code arch} or a reference KV-cache format ({@link KvCacheFormats#parse}).
   *
   * @throws IllegalArgumentException for anything else, naming what is expected
   */
  static KvChoice parse(String spec) {
    String k = spec.strip().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "format" -> new FormatOwn();
      case "arch" -> new Arch();
      default -> new Given(KvCacheFormats.parse(k));
    };
  }

  /** The canonical text of a spelling ({@link #parse} of it gives the same choice). */
  String text();

  /** The reference cache this choice gives {@code weights}, empty when the arch's own cache stays. */
  Optional<KvCacheFormat> cacheFor(FormatPreset weights);

  /** The arch an estimate of {@code weights} runs on: {@code arch} with this choice's cache (placement kept). */
  default ArchConfig apply(ArchConfig arch, FormatPreset weights) {
    return cacheFor(weights).map(f -> withCache(arch, f)).orElse(arch);
  }

  /** What an estimate of {@code weights} on {@code arch} holds in its cache, for a report line. */
  default String describe(ArchConfig arch, FormatPreset weights) {
    Optional<KvCacheFormat> f = cacheFor(weights);
    if (f.isEmpty()) {
      return "the arch's (" + archCache(arch) + ")";
    }
    return f.get().name() + (this instanceof FormatOwn ? " (the format's own)" : "");
  }

  /**
   * {@code arch} holding {@code f}: fp16 has no grid (the fp16 cache and datapath); an integer format's grid with its
   * pivots (0 but for IntactKV) becomes {@code attention.kv_bits}, {@code kv_group}, {@code kv_pivots}.
   */
  static ArchConfig withCache(ArchConfig arch, KvCacheFormat f) {
    AttentionConfig.KvPlacement placement = arch.attentionOrDefault().kvPlacement();
    Optional<KvCacheFormat.Int> grid = f.grid();
    return arch.withAttention(grid.isEmpty() ? new AttentionConfig(AttentionConfig.KvDatatype.FP16, placement)
        : AttentionConfig.quantized(new AttentionConfig.KvQuant(grid.get().bits(), grid.get().group(), f.pivots()),
            placement));
  }

  /** The arch's cache in words: its datatype, or its code grid. */
  static String archCache(ArchConfig arch) {
    AttentionConfig at = arch.attentionOrDefault();
    return at.kvQuant().map(q -> "int" + q.bits() + " codes per group of " + q.group()
            + (q.pivots() > 0 ? ", " + q.pivots() + " fp16 pivot positions" : ""))
        .orElse(at.kvDatatype().name().toLowerCase(Locale.ROOT));
  }
}
