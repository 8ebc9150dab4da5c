package dev.tritium.models.count;

import java.util.List;
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

  /** CSV header matching {@link #csvRows}: every field, units in the names. */
  public static String csvHeader(List<String> packings) {
    StringBuilder sb = new StringBuilder("phase,kind,ternary_add_ops,ternary_sub_ops,ternary_skip_ops,int8_mac_ops,"
        + "fp32_mac_ops,fp32_add_ops,fp32_mul_ops,fp32_div_ops,fp32_exp_ops,fp32_sqrt_ops,fp32_max_ops,fp32_round_ops,"
        + "int32_to_fp32_ops");
    for (String p : packings) {
      sb.append(",weight_bytes_").append(p.replace('-', '_'));
    }
    sb.append(",bf16_weight_bytes,fp32_param_bytes,activation_read_bytes,activation_write_bytes,kv_read_bytes,"
        + "kv_write_bytes\n");
    return sb.toString();
  }

  /** One CSV line per kind plus a {@code total} line, labelled with the phase. */
  public static String csvRows(String phase, CountBreakdown b, List<String> packings) {
    StringBuilder sb = new StringBuilder();
    for (LayerKind k : LayerKind.values()) {
      if (b.ops().containsKey(k) || b.traffic().containsKey(k)) {
        csvRow(sb, phase, k.label(), b.ops(k), b.traffic(k), packings);
      }
    }
    csvRow(sb, phase, "total", b.totalOps(), b.totalTraffic(), packings);
    return sb.toString();
  }

  private static void csvRow(StringBuilder sb, String phase, String kind, OpCounts o, TrafficBytes t,
      List<String> packings) {
    sb.append(phase).append(',').append(kind);
    for (long v : new long[] {o.ternaryAdds(), o.ternarySubs(), o.ternarySkips(), o.int8Macs(), o.fp32Macs(),
        o.fp32Adds(), o.fp32Muls(), o.fp32Divs(), o.fp32Exps(), o.fp32Sqrts(), o.fp32MaxOps(), o.fp32Rounds(),
        o.int32ToFp32Conversions()}) {
      sb.append(',').append(v);
    }
    for (String p : packings) {
      sb.append(',').append(t.ternaryWeightBytes(p));
    }
    for (long v : new long[] {t.bf16WeightBytes(), t.fp32ParamBytes(), t.activationReadBytes(),
        t.activationWriteBytes(), t.kvCacheReadBytes(), t.kvCacheWriteBytes()}) {
      sb.append(',').append(v);
    }
    sb.append('\n');
  }

  private static String row(String fmt, String label, OpCounts o, TrafficBytes t, String packing) {
    long otherFp32 = o.fp32Ops() - 2 * o.fp32Macs();
    return String.format(Locale.ROOT, fmt, label, o.ternaryAdds(), o.ternarySubs(), o.ternarySkips(), o.int8Macs(),
        o.fp32Macs(), otherFp32, t.ternaryWeightBytes(packing), t.bf16WeightBytes(),
        t.kvCacheReadBytes() + t.kvCacheWriteBytes());
  }
}
