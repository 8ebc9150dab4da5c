package dev.tritium.mapper.run;

import dev.tritium.models.count.LayerKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layer names {@code tritium map} and {@code tritium crosscheck} accept, each with its mapper.
 * The seven BitLinear projections are registered here; decoder layers and whole models register
 * theirs with one more {@link #register} line in the static block.
 */
public final class LayerMappers {

  private static final Map<String, LayerMapper> MAPPERS = new LinkedHashMap<>();

  static {
    for (LayerKind k : LayerKind.projections()) {
      register(k.label(), new BitLinearLayerMapper(k));
    }
    dev.tritium.mapper.decoder.DecoderLayerMapper.registerAll(LayerMappers::register);
  }

  private LayerMappers() {}

  /** Adds (or replaces) the mapper of a layer name. */
  public static synchronized void register(String name, LayerMapper mapper) {
    MAPPERS.put(name, mapper);
  }

  /** The mapper of a layer name; an IllegalArgumentException lists the known names. */
  public static synchronized LayerMapper resolve(String name) {
    LayerMapper m = MAPPERS.get(name);
    if (m == null) {
      throw new IllegalArgumentException("--layer: unknown layer '" + name + "' (known: "
          + String.join(", ", MAPPERS.keySet()) + ")");
    }
    return m;
  }

  /** The registered names, registration order. */
  public static synchronized java.util.List<String> names() {
    return java.util.List.copyOf(MAPPERS.keySet());
  }

  /** The BitLinear projection names. */
  public static java.util.List<String> projectionNames() {
    return LayerKind.projections().stream().map(LayerKind::label).toList();
  }
}
