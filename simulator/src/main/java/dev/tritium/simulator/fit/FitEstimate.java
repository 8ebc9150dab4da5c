package dev.tritium.simulator.fit;

import dev.tritium.simulator.unit.ComponentCost;
import dev.tritium.simulator.unit.FpgaResources;
import dev.tritium.simulator.unit.FpgaResources.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource estimate of one arch on one part.
 *
 * @param components per-component costs (their sum is {@link #total()})
 * @param buffers how each on-chip buffer was mapped
 */
public record FitEstimate(String arch, FpgaPart part, List<ComponentCost> components, List<BufferMapping> buffers) {

  public FitEstimate {
    components = List.copyOf(components);
    buffers = List.copyOf(buffers);
  }

  public FpgaResources total() {
    FpgaResources t = FpgaResources.ZERO;
    for (ComponentCost c : components) {
      t = t.plus(c.resources());
    }
    return t;
  }

  /** Used / available, e.g. 0.8 for 80 %. */
  public double utilization(Resource r) {
    return (double) total().get(r) / part.capacity().get(r);
  }

  /** Resources whose estimate exceeds the part. */
  public List<Resource> overflows() {
    List<Resource> over = new ArrayList<>();
    for (Resource r : Resource.values()) {
      if (total().get(r) > part.capacity().get(r)) {
        over.add(r);
      }
    }
    return over;
  }

  public boolean fits() {
    return overflows().isEmpty();
  }

  /** The cost of one component by name. */
  public FpgaResources component(String name) {
    for (ComponentCost c : components) {
      if (c.component().equals(name)) {
        return c.resources();
      }
    }
    throw new IllegalArgumentException("no component '" + name + "' in the estimate");
  }
}
