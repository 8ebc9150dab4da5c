package dev.tritium.dse.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One varied parameter and its values (canonical text, in the order the sweep file lists or generates
 * them; no duplicates).
 */
public record SweepAxis(SweepParameter parameter, List<String> values) implements Serializable {

  private static final long serialVersionUID = 1L;

  public SweepAxis {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("parameter '" + parameter.key() + "' has no values");
    }
  }

  public int size() {
    return values.size();
  }
}
