package dev.tritium.dse.sweep;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved sweep: the base arch (kept as its YAML text so the spec serialises to Spark executors),
 * the axes in enumeration order, the workload, constraints and objectives.
 *
 * <p>Enumeration order: point ids run 0 .. {@link #pointCount()} - 1 over the cartesian product of the
 * axes like nested loops, the first axis outermost and the last axis varying fastest; within an axis,
 * values keep the file's order. So {@code id = sum_i index_i * prod_{j > i} size_j}.
 *
 * @param name the sweep's name (CSV, report)
 * @param description one line, may be empty
 * @param baseArchRef what the file named as base arch (preset name or path as written)
 * @param baseArchYaml the resolved base arch as YAML
 */
public record SweepSpec(String name, String description, String baseArchRef, String baseArchYaml,
    List<SweepAxis> axes, Workload workload, Constraints constraints, List<Objective> objectives)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public SweepSpec {
    axes = List.copyOf(axes);
    objectives = List.copyOf(objectives);
    if (objectives.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one objective");
    }
    long n = 1;
    for (SweepAxis a : axes) {
      n = Math.multiplyExact(n, a.size()); // refuses a product that overflows a long id
    }
    if (n > SweepFiles.MAX_POINTS) {
      throw new IllegalArgumentException("a sweep has at most " + SweepFiles.MAX_POINTS + " points, this one " + n);
    }
  }

  /** The base arch, parsed and validated. */
  public ArchConfig baseArch() {
    return ArchConfigs.parse(baseArchYaml, "base arch '" + baseArchRef + "'");
  }

  /** Number of design points (product of the axis sizes; 1 when nothing varies). */
  public long pointCount() {
    long n = 1;
    for (SweepAxis a : axes) {
      n *= a.size();
    }
    return n;
  }

  /** The parameter keys in enumeration order (the CSV's parameter columns). */
  public List<String> parameterKeys() {
    List<String> keys = new ArrayList<>();
    for (SweepAxis a : axes) {
      keys.add(a.parameter().key());
    }
    return keys;
  }

  /** The values of point {@code id}, one per axis (mixed radix, last axis fastest). */
  public List<String> valuesOf(long id) {
    if (id < 0 || id >= pointCount()) {
      throw new IllegalArgumentException("point id " + id + " is outside 0.." + (pointCount() - 1));
    }
    String[] v = new String[axes.size()];
    long rest = id;
    for (int i = axes.size() - 1; i >= 0; i--) {
      SweepAxis a = axes.get(i);
      v[i] = a.values().get((int) (rest % a.size()));
      rest /= a.size();
    }
    return List.of(v);
  }

  /** The point id of one value index per axis (inverse of {@link #valuesOf}). */
  public long idOf(int[] valueIndexes) {
    long id = 0;
    for (int i = 0; i < axes.size(); i++) {
      id = id * axes.get(i).size() + valueIndexes[i];
    }
    return id;
  }

  /** The compute unit of a point: its {@code compute_unit} value, else {@link ComputeUnit#MAC}. */
  public ComputeUnit computeUnitOf(List<String> values) {
    for (int i = 0; i < axes.size(); i++) {
      if (axes.get(i).parameter().isComputeUnit()) {
        return ComputeUnit.parse(values.get(i));
      }
    }
    return ComputeUnit.MAC;
  }

  /** The workload of a point: the sweep's, in the point's {@code format} value when the sweep varies it. */
  public Workload workloadOf(List<String> values) {
    for (int i = 0; i < axes.size(); i++) {
      if (axes.get(i).parameter().isFormat()) {
        return workload.withFormat(values.get(i));
      }
    }
    return workload;
  }

  /** The base arch with a point's values applied, named {@code <sweep>-p<id>}; not validated. */
  public ArchConfig archOf(ArchConfig base, long id, List<String> values) {
    ArchConfig a = base.withName(name + "-p" + id);
    for (int i = 0; i < axes.size(); i++) {
      a = axes.get(i).parameter().apply(a, values.get(i));
    }
    return a;
  }
}
