package dev.tritium.simulator.energy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The conditions of one priced key: exactly the parameters its {@link CostKind} declares, each with a
 * canonical value. Equal conditions compare equal, so they serve as table keys.
 */
public record Conditions(SortedMap<Param, String> values) {

  public Conditions {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /**
   * Validated conditions for a kind.
   *
   * @throws IllegalArgumentException naming the missing, unexpected or malformed parameter
   */
  public static Conditions of(CostKind kind, Map<Param, String> raw) {
    SortedMap<Param, String> canonical = new TreeMap<>();
    for (Map.Entry<Param, String> e : raw.entrySet()) {
      if (!kind.params().contains(e.getKey())) {
        throw new IllegalArgumentException(kind.id() + " takes no condition '" + e.getKey().key()
            + "' (it takes " + keys(kind.params()) + ")");
      }
      canonical.put(e.getKey(), e.getKey().canonical(e.getValue()));
    }
    List<Param> missing = new ArrayList<>(kind.params());
    missing.removeAll(canonical.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(kind.id() + " needs " + keys(missing));
    }
    return new Conditions(canonical);
  }

  /** The integer value of a parameter. */
  public long integer(Param param) {
    return Long.parseLong(require(param));
  }

  /** The named value of a parameter. */
  public String name(Param param) {
    return require(param);
  }

  /** These conditions without the given parameters (a family key for interpolation). */
  Conditions without(Set<Param> params) {
    SortedMap<Param, String> rest = new TreeMap<>(values);
    rest.keySet().removeAll(params);
    return new Conditions(rest);
  }

  private String require(Param param) {
    String value = values.get(param);
    if (value == null) {
      throw new IllegalArgumentException("no condition " + param.key() + " in " + this);
    }
    return value;
  }

  static String keys(List<Param> params) {
    return params.isEmpty() ? "nothing" : params.stream().map(Param::key).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return values.isEmpty() ? "" : values.entrySet().stream()
        .map(e -> e.getKey().key() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
