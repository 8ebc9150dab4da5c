package dev.tritium.models.count;

import java.util.Locale;

/** Renders a {@link CountBreakdown} as a fixed-width text table with units in the headers. */
public final class CountTable {

  private CountTable() {}

  /** One row per kind plus a total; ternary weight bytes in the named packing. */
  public static String render(CountBreakdown b, String packing) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-10s %14s %14s %14s %14s %14s %14s %16s %14s %14s%n";
    sb.append(String.format(Locale.ROOT, fmt, "kind", "tern_add_ops", "tern_sub_ops", "tern_skip_ops", "int8_mac_ops",
        "fp32_mac_ops", "fp32_other_ops", "weight_bytes(" + packing + ")", "bf16_bytes", "kv_rw_bytes"));
    for (LayerKind k : LayerKind.values()) {
      if (b.ops().containsKey(k) || b.traffic().containsKey(k)) {
        sb.append(row(fmt, k.label(), b.ops(k), b.traffic(k), packing));
      }
    }
    sb.append(row(fmt, "total", b.totalOps(), b.totalTraffic(), packing));
    return sb.toString();
  }

  private static String row(String fmt, String label, OpCounts o, TrafficBytes t, String packing) {
    long otherFp32 = o.fp32Ops() - 2 * o.fp32Macs();
    return String.format(Locale.ROOT, fmt, label, o.ternaryAdds(), o.ternarySubs(), o.ternarySkips(), o.int8Macs(),
        o.fp32Macs(), otherFp32, t.ternaryWeightBytes(packing), t.bf16WeightBytes(),
        t.kvCacheReadBytes() + t.kvCacheWriteBytes());
  }
}
