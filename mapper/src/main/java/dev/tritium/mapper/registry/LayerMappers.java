package dev.tritium.mapper.registry;

import dev.tritium.mapper.decoder.DecoderLayerMapper;
import dev.tritium.mapper.run.BitLinearLayerMapper;
import dev.tritium.mapper.run.LayerMapper;
import dev.tritium.models.count.LayerKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer names {@code tritium map} and {@code tritium crosscheck} accept, each with its mapper, listed
 * explicitly: the seven BitLinear projections, then {@code decoder} (one decoder layer) and {@code model}
 * (the whole model). This package sits above every mapper it lists, so no mapper reaches back up to it.
 */
public final class LayerMappers {

  private static final Map<String, LayerMapper> MAPPERS = mappers();

  private LayerMappers() {}

  private static Map<String, LayerMapper> mappers() {
    Map<String, LayerMapper> m = new LinkedHashMap<>();
    for (LayerKind k : LayerKind.projections()) {
      m.put(k.label(), new BitLinearLayerMapper(k));
    }
    m.put("decoder", new DecoderLayerMapper(DecoderLayerMapper.Scope.DECODER));
    m.put("model", new DecoderLayerMapper(DecoderLayerMapper.Scope.MODEL));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The mapper of a layer name; an IllegalArgumentException lists the known names. */
  public static LayerMapper resolve(String name) {
    LayerMapper m = MAPPERS.get(name);
    if (m == null) {
      throw new IllegalArgumentException("--layer: unknown layer '" + name + "' (known: "
          + String.join(", ", MAPPERS.keySet()) + ")");
    }
    return m;
  }

  /** The registered names, registration order. */
  public static List<String> names() {
    return List.copyOf(MAPPERS.keySet());
  }

  /** The BitLinear projection names. */
  public static List<String> projectionNames() {
    return LayerKind.projections().stream().map(LayerKind::label).toList();
  }
}
