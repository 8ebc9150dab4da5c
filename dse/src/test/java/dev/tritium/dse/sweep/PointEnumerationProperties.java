package dev.tritium.dse.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PointEnumerationProperties {

  /** Every id maps to a distinct combination, and idOf inverts valuesOf (the product is a bijection). */
  @Property(tries = 60, seed = "7")
  void idsEnumerateTheCartesianProductOnce(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 4) Integer>
      sizes) {
    List<SweepParameter> params = List.of(SweepParameter.of("mac_array.rows"), SweepParameter.of("mac_array.cols"),
        SweepParameter.of("clock_mhz"), SweepParameter.of("lut_core.lookups_per_cycle"));
    StringBuilder yaml = new StringBuilder("sweep: p\nworkload: {model: m, phase: decode, context: 1}\nparameters:\n");
    long expected = 1;
    for (int i = 0; i < sizes.size(); i++) {
      yaml.append("  ").append(params.get(i).key()).append(": {from: 1, to: ").append(sizes.get(i))
          .append(", step: 1}\n");
      expected *= sizes.get(i);
    }
    yaml.append("objectives: {area_um2: min}\n");
    SweepSpec s = SweepFiles.parse(yaml.toString(), "p.yaml", Path.of("."));
    assertEquals(expected, s.pointCount());
    Set<List<String>> seen = new HashSet<>();
    for (long id = 0; id < s.pointCount(); id++) {
      List<String> v = s.valuesOf(id);
      seen.add(v);
      int[] idx = new int[v.size()];
      for (int i = 0; i < v.size(); i++) {
        idx[i] = s.axes().get(i).values().indexOf(v.get(i));
      }
      assertEquals(id, s.idOf(idx));
    }
    assertEquals(expected, seen.size());
  }
}
