package dev.tritium.models.count;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Op counts and traffic per {@link LayerKind}, plus totals. Kinds with no work are absent. */
public record CountBreakdown(Map<LayerKind, OpCounts> ops, Map<LayerKind, TrafficBytes> traffic) {

  public CountBreakdown {
    ops = Collections.unmodifiableMap(new EnumMap<>(ops.isEmpty() ? new EnumMap<>(LayerKind.class) : ops));
    traffic = Collections.unmodifiableMap(
        new EnumMap<>(traffic.isEmpty() ? new EnumMap<>(LayerKind.class) : traffic));
  }

  /** Counts of one kind (zero when absent). */
  public OpCounts ops(LayerKind kind) {
    return ops.getOrDefault(kind, OpCounts.ZERO);
  }

  /** Traffic of one kind (zero when absent). */
  public TrafficBytes traffic(LayerKind kind) {
    return traffic.getOrDefault(kind, TrafficBytes.ZERO);
  }

  /** Sum over all kinds. */
  public OpCounts totalOps() {
    OpCounts sum = OpCounts.ZERO;
    for (OpCounts c : ops.values()) {
      sum = sum.plus(c);
    }
    return sum;
  }

  /** Sum over all kinds. */
  public TrafficBytes totalTraffic() {
    TrafficBytes sum = TrafficBytes.ZERO;
    for (TrafficBytes t : traffic.values()) {
      sum = sum.plus(t);
    }
    return sum;
  }
}
