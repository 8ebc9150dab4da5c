package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.CompiledBitLinear;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.BitLinearCrossCheck;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.tiling.MapText;
import dev.tritium.mapper.tiling.SearchResult;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One BitLinear projection of a model ({@code q_proj} ... {@code down_proj}): the shape comes from the
 * model config, the mapping from the {@link TilingSearch} (one search per arch, cached by shape).
 */
public final class BitLinearLayerMapper implements LayerMapper {

  private static final Map<ArchConfig, TilingSearch> SEARCHES = new ConcurrentHashMap<>();

  private final LayerKind kind;

  public BitLinearLayerMapper(LayerKind kind) {
    if (!kind.isProjection()) {
      throw new IllegalArgumentException(kind.label() + " is not a BitLinear projection");
    }
    this.kind = kind;
  }

  /** The shared, cached search for an arch. */
  public static TilingSearch search(ArchConfig arch) {
    return SEARCHES.computeIfAbsent(arch, TilingSearch::new);
  }

  public BitLinearShape shape(LayerRequest r) {
    return new BitLinearShape(r.tokens(), r.inFeatures(kind), r.outFeatures(kind),
        AcceleratorFormats.alphabet(r.format()));
  }

  @Override
  public MapOutcome map(LayerRequest r) {
    if (AcceleratorFormats.signAdd(r.format())) {
      return new SignAddProjection(kind).map(r);
    }
    if (AcceleratorFormats.quip(r.format())) {
      return new QuipProjection(kind).map(r);
    }
    if (AcceleratorFormats.integer(r.format())) {
      return new IntProjection(kind).map(r);
    }
    if (AcceleratorFormats.bitPlane(r.format())) {
      return new AbqProjection(kind).map(r);
    }
    if (AcceleratorFormats.dense(r.format())) {
      return new DenseProjection(kind).map(r);
    }
    BitLinearShape s = shape(r);
    TilingSearch search = search(r.arch());
    SearchResult result = search.search(s, r.objective(), unitsFor(r), TilingSearch.defaultWeights(s));
    String title = String.format(Locale.ROOT, "%s %s of %s (%s, context %d) on %s: %s", kind.label(),
        r.prefill() ? "prefill" : "decode", r.model().name(), s, r.context(), r.arch().name(),
        result.mapping().summary());
    CompiledBitLinear compiled = search.mapper().compile(s, result.mapping(), 1f);
    String unit = result.mapping().unit() == ComputeUnit.MAC ? "mac_array" : "lut_core";
    String text = MapText.render(title, r.arch(), result) + String.format(Locale.ROOT,
        "program: %d instructions (%d after LOOP.GEMM expansion); search %.1f ms%s%n", compiled.program().size(),
        compiled.expandedInstructions(), result.searchNanos() / 1e6, result.searchNanos() == 0 ? " (cached)" : "");
    return new MapOutcome(text, result.best().cycles(), result.best().simulation().latencyUs(),
        result.best().simulation().utilization(unit), compiled.program());
  }

  /**
   * The requested units that can run the format: a ternary format leaves out a LUT core with binary tables, and is
   * refused (naming format and variant) when nothing is left.
   */
  private static java.util.Set<ComputeUnit> unitsFor(LayerRequest r) {
    java.util.Set<ComputeUnit> out = EnumSet.noneOf(ComputeUnit.class);
    IllegalArgumentException refused = null;
    for (ComputeUnit u : r.units()) {
      try {
        AcceleratorFormats.alphabetOn(r.format(), u, r.arch().lutCore().variant());
        out.add(u);
      } catch (IllegalArgumentException e) {
        refused = e;
      }
    }
    if (out.isEmpty() && refused != null) {
      throw refused;
    }
    return out;
  }

  /** One cross-check per allowed unit, each with the search's best mapping on that unit. */
  @Override
  public List<CrossCheckReport> crosscheck(LayerRequest r) {
    if (AcceleratorFormats.signAdd(r.format())) {
      return new SignAddProjection(kind).crosscheck(r);
    }
    if (AcceleratorFormats.quip(r.format())) {
      return new QuipProjection(kind).crosscheck(r);
    }
    if (AcceleratorFormats.integer(r.format())) {
      return new IntProjection(kind).crosscheck(r);
    }
    if (AcceleratorFormats.bitPlane(r.format())) {
      return new AbqProjection(kind).crosscheck(r);
    }
    if (AcceleratorFormats.dense(r.format())) {
      return new DenseProjection(kind).crosscheck(r);
    }
    BitLinearShape s = shape(r);
    BitLinearCrossCheck check = new BitLinearCrossCheck(r.arch());
    String label = r.label(kind);
    BitLinearCase c = r.ternaryDefault()
        ? BitLinearCase.seeded(label, s.tokens(), s.inFeatures(), s.outFeatures(), r.seed(), kind.ordinal())
        : BitLinearCase.ofFormat(label + " " + r.format().name(), s.tokens(), s.inFeatures(), s.outFeatures(), r.seed(),
            kind.ordinal(), r.format());
    List<CrossCheckReport> out = new ArrayList<>();
    for (ComputeUnit u : r.units()) {
      AcceleratorFormats.alphabetOn(r.format(), u, r.arch().lutCore().variant());
      SearchResult best = search(r.arch()).search(s, r.objective(), EnumSet.of(u), TilingSearch.defaultWeights(s));
      out.add(check.run(c, best.mapping()));
    }
    return out;
  }
}
