package dev.tritium.mapper.fp16act;

import dev.tritium.mapper.fp16act.FloatLinearLowering.Tiles;
import dev.tritium.models.count.LayerKind;
import java.util.EnumMap;
import java.util.Map;

/**
 * The seven projections of a decoder layer in a weight format with fp16 activations, tiled for the layer's program:
 * each projection's {@link Tiles} (its DRAM image and tile sizes) sized for {@code maxTokens} tokens per chunk in a
 * VEC scratch region of {@code vecScratchBytes} at the top of VEC, which the layer's other tensors leave free.
 */
public record LayerFormats(String format, Map<LayerKind, Tiles> tiles, int maxTokens, long vecScratchBytes) {

  public LayerFormats {
    tiles = Map.copyOf(tiles);
  }

  /**
   * Tiles every projection of {@code plans} for chunks of up to {@code maxTokens} tokens in {@code vecBudget} bytes
   * of VEC scratch.
   *
   * @throws IllegalArgumentException when a projection does not fit the scratch
   */
  public static LayerFormats of(FloatLinearLowering lowering, String format, Map<LayerKind, FloatLinearPlan> plans,
      int maxTokens, long vecBudget) {
    long budget = vecBudget / 64 * 64;
    Map<LayerKind, Tiles> out = new EnumMap<>(LayerKind.class);
    long scratch = 0;
    for (LayerKind k : LayerKind.projections()) {
      FloatLinearPlan plan = plans.get(k);
      if (plan == null) {
        throw new IllegalArgumentException("no " + k.label() + " in the layer's format projections");
      }
      Tiles t = lowering.tilesFor(plan, maxTokens, budget);
      out.put(k, t);
      scratch = Math.max(scratch, t.vecScratchBytes());
    }
    return new LayerFormats(format, out, maxTokens, (scratch + 63) / 64 * 64);
  }

  /** The tiles of one projection. */
  public Tiles tiles(LayerKind kind) {
    return tiles.get(kind);
  }
}
