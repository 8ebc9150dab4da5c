package dev.tritium.fpga.hls;

import dev.tritium.models.count.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What to export: one of the seven projections, or the decoder layer's FFN block. */
public record ExportLayer(LayerKind projection) {

  /** The decoder block (projection == null). */
  public static final ExportLayer DECODER = new ExportLayer(null);

  public boolean decoder() {
    return projection == null;
  }

  public String label() {
    return decoder() ? "decoder" : projection.label();
  }

  /** Parses {@code q_proj} ... {@code down_proj} or {@code decoder}. */
  public static ExportLayer parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("decoder")) {
      return DECODER;
    }
    for (LayerKind k : LayerKind.projections()) {
      if (k.label().equals(n)) {
        return new ExportLayer(k);
      }
    }
    throw new IllegalArgumentException("--layer '" + name + "': expected one of " + String.join(", ", names()));
  }

  /** Every accepted name. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (LayerKind k : LayerKind.projections()) {
      names.add(k.label());
    }
    names.add("decoder");
    return names;
  }
}
