package dev.tritium.dse.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tritium.dse.sweep.Objective;
import dev.tritium.dse.sweep.SweepAxis;
import dev.tritium.dse.sweep.SweepSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DIR/sweep.json: the resolved sweep for reports (base arch in full, every axis value, point count,
 * enumeration order, CSV columns). Deterministic text; resume compares it to refuse a changed sweep.
 */
public final class SweepJson {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** How point ids are assigned, as stated in sweep.json and dse/README.md. */
  public static final String ENUMERATION = "cartesian product of the parameters in file order, first parameter "
      + "outermost, last varying fastest; point_id = sum_i index_i * prod_{j>i} size_j";

  private SweepJson() {}

  public static String render(SweepSpec spec, ResultsCsv layout) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("sweep", spec.name());
    root.put("description", spec.description());
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("ref", spec.baseArchRef());
    base.put("config", JSON.valueToTree(spec.baseArch()));
    root.put("base_arch", base);
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("model", spec.workload().model());
    w.put("phase", spec.workload().phase().key());
    w.put("tokens", spec.workload().tokens());
    w.put("context", spec.workload().context());
    if (spec.axes().stream().noneMatch(a -> a.parameter().isFormat())) {
      // The one weight format of every point; a sweep that varies it lists the formats under parameters.
      w.put("format", spec.workload().format());
    }
    w.put("kv_format", spec.workload().kvFormat());
    root.put("workload", w);
    Map<String, Object> params = new LinkedHashMap<>();
    for (SweepAxis a : spec.axes()) {
      params.put(a.parameter().key(), a.values());
    }
    root.put("parameters", params);
    root.put("point_count", spec.pointCount());
    root.put("enumeration", ENUMERATION);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("max_area_um2", spec.constraints().maxAreaUm2());
    c.put("max_power_W", spec.constraints().maxPowerW());
    c.put("fits_fpga_part", spec.constraints().fpgaPart());
    root.put("constraints", c);
    Map<String, Object> o = new LinkedHashMap<>();
    for (Objective obj : spec.objectives()) {
      o.put(obj.metric().key(), obj.goal().key());
    }
    root.put("objectives", o);
    root.put("columns", layout.header());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render sweep.json", e);
    }
  }
}
