package dev.tritium.mapper.report;

import dev.tritium.simulator.energy.accounting.EnergyReport;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Console tables: the energy split of one call by level, and a ternary-vs-baseline comparison. */
public final class ReportTables {

  private ReportTables() {}

  /** Energy split by compute and each memory level, dynamic and static, with shares of the total. */
  public static String split(ModelEnergyReport r) {
    EnergyReport t = r.total();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  %-22s %14s %7s%n", "energy_by_level", "energy_mJ", "share"));
    double total = t.totalPj();
    for (Map.Entry<String, Double> e : t.byLevel().entrySet()) {
      sb.append(line(e.getKey(), e.getValue(), total));
    }
    sb.append(line("dynamic", t.dynamicPj(), total));
    sb.append(line(String.format(Locale.ROOT, "static (%.3g ms)", t.staticEnergy().runtimeNs() / 1e6),
        t.staticPj(), total));
    sb.append(line("total", total, total));
    sb.append(String.format(Locale.ROOT, "  => %s mJ/token: compute %.3g%%, memory %.3g%% of dynamic%n",
        mj(total / r.tokens()), 100 * t.computePj() / t.dynamicPj(), 100 * t.memoryPj() / t.dynamicPj()));
    sb.append("  ").append(t.costModel()).append('\n');
    t.entries().stream().filter(e -> e.countBasis().startsWith("ASSUMED")).findFirst().ifPresent(
        e -> sb.append("  ").append(e.actionClass()).append(" etc.: ").append(e.countBasis()).append('\n'));
    return sb.toString();
  }

  private static String line(String label, double pj, double total) {
    return String.format(Locale.ROOT, "  %-22s %14s %6.1f%%%n", label, mj(pj), 100 * pj / total);
  }

  /** Ternary and baseline side by side, with baseline / ternary ratios. */
  public static String comparison(BaselineComparison cmp) {
    ModelEnergyReport t = cmp.ternary();
    ModelEnergyReport b = cmp.baseline();
    String base = cmp.datatype().name().toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  %-44s %14s %14s %12s%n", "", "ternary", base, base + "/ternary"));
    row(sb, "BitLinear matmul arithmetic (mJ)", t, b, r -> mjValue(Baselines.matmulPj(r.total())));
    row(sb, "int8 matmul arithmetic, attention+LM head (mJ)", t, b,
        r -> mjValue(r.total().pjOf("mac_array.int8_mac")));
    row(sb, "other compute: LUT core, vector unit (mJ)", t, b,
        r -> mjValue(r.total().pjOf("lut_core.") + r.total().pjOf("vector_unit.")));
    Set<String> levels = new LinkedHashSet<>(t.total().byLevel().keySet());
    levels.addAll(b.total().byLevel().keySet());
    levels.remove("compute");
    for (String level : levels) {
      row(sb, "memory " + level + " (mJ)", t, b, r -> mjValue(r.total().byLevel().getOrDefault(level, 0.0)));
    }
    row(sb, "memory total (mJ)", t, b, r -> mjValue(r.total().memoryPj()));
    row(sb, "dynamic energy (mJ)", t, b, r -> mjValue(r.total().dynamicPj()));
    row(sb, "static energy, leakage x latency (mJ)", t, b, r -> mjValue(r.total().staticPj()));
    row(sb, "total energy (mJ)", t, b, r -> mjValue(r.total().totalPj()));
    row(sb, "latency (ms)", t, b, ModelEnergyReport::latencyMs);
    row(sb, "area (mm2)", t, b, r -> r.area().totalUm2() / 1e6);
    row(sb, "  of which MAC array (mm2)", t, b, r -> r.area().um2Of("mac_array") / 1e6);
    row(sb, "model memory footprint (MB)", t, b, r -> r.footprint().totalBytes() / 1e6);
    row(sb, "  of which projection weights (MB)", t, b, r -> r.footprint().projectionBytes() / 1e6);
    return sb.toString();
  }

  /** Rows of {@link #comparison} as numbers (label to {ternary, baseline}), for tests and JSON. */
  public static Map<String, double[]> comparisonValues(BaselineComparison cmp) {
    Map<String, double[]> out = new LinkedHashMap<>();
    ModelEnergyReport t = cmp.ternary();
    ModelEnergyReport b = cmp.baseline();
    out.put("matmul_pJ", new double[] {Baselines.matmulPj(t.total()), Baselines.matmulPj(b.total())});
    out.put("memory_pJ", new double[] {t.total().memoryPj(), b.total().memoryPj()});
    out.put("total_pJ", new double[] {t.total().totalPj(), b.total().totalPj()});
    out.put("latency_ms", new double[] {t.latencyMs(), b.latencyMs()});
    out.put("area_um2", new double[] {t.area().totalUm2(), b.area().totalUm2()});
    out.put("footprint_bytes", new double[] {t.footprint().totalBytes(), b.footprint().totalBytes()});
    return out;
  }

  private static void row(StringBuilder sb, String label, ModelEnergyReport t, ModelEnergyReport b,
      ToDoubleFunction<ModelEnergyReport> f) {
    double x = f.applyAsDouble(t);
    double y = f.applyAsDouble(b);
    String ratio = x == 0 ? (y == 0 ? "1" : "inf") : String.format(Locale.ROOT, "%.3g", y / x);
    sb.append(String.format(Locale.ROOT, "  %-44s %14s %14s %12s%n", label, g(x), g(y), ratio));
  }

  private static double mjValue(double pj) {
    return pj / 1e9;
  }

  private static String mj(double pj) {
    return g(pj / 1e9);
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.5g", v);
  }
}
