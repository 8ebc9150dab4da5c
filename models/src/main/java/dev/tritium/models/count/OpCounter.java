package dev.tritium.models.count;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates counts event by event while the reference engine runs (the "counted" way; compare
 * {@link AnalyticCounts}). Not thread-safe: the engine records from its calling thread only.
 */
public final class OpCounter {

  private final List<PackingSize> packings;
  private final Map<LayerKind, OpCounts> ops = new EnumMap<>(LayerKind.class);
  private final Map<LayerKind, TrafficBytes> traffic = new EnumMap<>(LayerKind.class);

  /** A counter that costs ternary weights in the given packings. */
  public OpCounter(List<PackingSize> packings) {
    this.packings = List.copyOf(packings);
  }

  public List<PackingSize> packings() {
    return packings;
  }

  /** Adds ops to a kind. */
  public void add(LayerKind kind, OpCounts counts) {
    ops.merge(kind, counts, OpCounts::plus);
  }

  /** Adds traffic to a kind. */
  public void add(LayerKind kind, TrafficBytes bytes) {
    traffic.merge(kind, bytes, TrafficBytes::plus);
  }

  /** The counts so far. */
  public CountBreakdown snapshot() {
    return new CountBreakdown(ops, traffic);
  }

  /** Forgets everything counted so far. */
  public void reset() {
    ops.clear();
    traffic.clear();
  }
}
