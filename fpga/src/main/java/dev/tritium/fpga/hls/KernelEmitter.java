package dev.tritium.fpga.hls;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes kernel.h and kernel.c for a layer design: HLS-ready C99 (fixed-size arrays, no dynamic
 * allocation or recursion, compile-time loop bounds, stdint types), with Vitis HLS pragmas through
 * the {@code HLS()} macro.
 */
final class KernelEmitter {

  private final LayerDesign design;
  private final KernelPlan plan;
  private final String banner;

  KernelEmitter(LayerDesign design, KernelPlan plan, String banner) {
    this.design = design;
    this.plan = plan;
    this.banner = banner;
  }

  String header() {
    CCode h = new CCode();
    h.line("/* kernel.h: " + banner + " */");
    h.line("#ifndef TRITIUM_KERNEL_H");
    h.line("#define TRITIUM_KERNEL_H").line("");
    h.line("#include <stdint.h>").line("");
    h.linef("#define TOKENS %d", design.stages().get(0).tokens());
    new DatapathEmitter(plan).defines(h);
    design.defines(h);
    for (Stage s : design.stages()) {
      new DatapathEmitter(plan).stageDefines(h, s);
    }
    h.line("");
    h.comment(design.description());
    h.comment("Returns the number of invalid packed weight codes met (0 for a well-formed weight image).");
    for (Port p : design.ports()) {
      h.comment("  " + p.name() + ": " + p.doc());
    }
    h.line(prototype() + ";").line("");
    h.line("#endif");
    return h.toString();
  }

  private String prototype() {
    List<String> params = new ArrayList<>();
    for (Port p : design.ports()) {
      params.add(p.parameter());
    }
    return "int32_t " + design.topName() + "(" + String.join(", ", params) + ")";
  }

  String source() {
    DatapathEmitter datapath = new DatapathEmitter(plan);
    CCode c = new CCode();
    c.line("/* kernel.c: " + banner + " */");
    c.line("#include <math.h>");
    c.line("#include \"kernel.h\"").line("");
    c.comment("Vitis HLS pragmas are active only when synthesizing (__SYNTHESIS__), so that gcc -Wall -Werror");
    c.comment("never meets an unknown pragma; _Pragma in a macro is the form UG1399 documents.");
    c.line("#define HLS_PRAGMA_(x) _Pragma(#x)");
    c.line("#ifdef __SYNTHESIS__");
    c.line("#define HLS(x) HLS_PRAGMA_(HLS x)");
    c.line("#else");
    c.line("#define HLS(x)");
    c.line("#endif").line("");
    datapath.helpers(c);
    for (Stage s : design.stages()) {
      VectorEmitter.quantize(c, s);
      datapath.matmul(c, s);
      VectorEmitter.dequantize(c, s);
    }
    design.vectorFunctions(c);
    c.open(prototype());
    for (Port p : design.ports()) {
      if (p.direction() == Port.Direction.IN_SCALAR) {
        c.pragmaf("INTERFACE s_axilite port=%s bundle=control", p.name());
      } else {
        c.pragmaf("INTERFACE m_axi port=%s offset=slave bundle=%s depth=%d", p.name(), p.bundle(), p.count());
        c.pragmaf("INTERFACE s_axilite port=%s bundle=control", p.name());
      }
    }
    c.pragma("INTERFACE s_axilite port=return bundle=control");
    design.topBody(c);
    c.close();
    return c.toString();
  }
}
