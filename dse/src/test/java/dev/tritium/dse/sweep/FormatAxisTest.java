package dev.tritium.dse.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code format} axis and {@code workload.format}: canonical values, refusals with file, key and line. */
class FormatAxisTest {

  private static final String OBJ = "objectives: {latency_ms: min}\n";

  private static SweepSpec parse(String workloadExtra, String params) {
    return SweepFiles.parse("sweep: t\nworkload: {model: bitnet-b1.58-large, phase: decode, context: 8" + workloadExtra
        + "}\nparameters:\n" + params + OBJ, "t.yaml", Path.of("."));
  }

  private static String error(String workloadExtra, String params) {
    return assertThrows(IllegalArgumentException.class, () -> parse(workloadExtra, params)).getMessage();
  }

  @Test
  void formatValuesAreCanonicalAndSetEachPointsWorkload() {
    SweepSpec s = parse("", "  format: [BitNet-B1.58, ' bitnet-w1']\n  compute_unit: [mac, lut]\n");
    assertEquals(List.of("bitnet-b1.58", "bitnet-w1"), s.axes().get(0).values());
    assertEquals(4, s.pointCount());
    assertEquals("bitnet-b1.58", s.workloadOf(s.valuesOf(1)).format());
    assertEquals("bitnet-w1", s.workloadOf(s.valuesOf(2)).format());
    assertEquals(s.workload().withFormat("bitnet-w1"), s.workloadOf(s.valuesOf(3)));
    // The format leaves the arch alone.
    assertEquals(s.archOf(s.baseArch(), 0, s.valuesOf(0)).withName(""),
        s.archOf(s.baseArch(), 2, s.valuesOf(2)).withName(""));
  }

  @Test
  void workloadFormatAppliesToEveryPointAndDefaultsToTernary() {
    assertEquals("bitnet-b1.58", parse("", "  compute_unit: [mac]\n").workload().format());
    SweepSpec w1 = parse(", format: bitnet-w1", "  compute_unit: [mac]\n");
    assertEquals("bitnet-w1", w1.workloadOf(w1.valuesOf(0)).format());
  }

  @Test
  void everyPresetIsKeptAndUnknownOrMalformedOnesAreRefused() {
    // Every preset has a datapath; a point whose arch lacks it fails with the key it needs (not the file).
    SweepSpec all = parse("", "  format: [bitnet-b1.58, abq-wpaq, spinquant-w4a4kv4, fp16]\n");
    assertEquals(List.of("bitnet-b1.58", "abq-wpaq:w=2,a=8", "spinquant-w4a4kv4:proj=other", "fp16"),
        all.axes().get(0).values());
    // The formats whose projections are programs of their own are kept too: a point with their datapath runs them.
    SweepSpec q = parse(", format: quip-w2", "  compute_unit: [mac]\n");
    assertEquals("quip-w2", q.workloadOf(q.valuesOf(0)).format());
    SweepSpec i = parse("", "  format: [w8a8, atom-w4a4]\n");
    assertEquals(List.of("w8a8", "atom-w4a4:group=128,outliers=128"), i.axes().get(0).values());
    // The fp16-activation formats are kept: a point whose arch has fp32 adders in its MAC array runs them.
    SweepSpec f = parse("", "  format: [onebit, ternaryllm]\n  mac_array.float_adders: [none, fp32]\n");
    assertEquals(List.of("onebit", "ternaryllm:group=128"), f.axes().get(0).values());
    String unknown = error("", "  format: [bitnet-b2]\n");
    assertTrue(unknown.contains("'parameters.format[0]': unknown weight format 'bitnet-b2'; expected one of: "
        + "bitnet-b1.58, bitnet-w1"), unknown);
    assertTrue(unknown.startsWith("t.yaml: ") && unknown.endsWith("(line 4)"), unknown);
    String dup = error("", "  format: [bitnet-w1, BITNET-W1]\n");
    assertTrue(dup.contains("'parameters.format[1]': duplicate value bitnet-w1"), dup);
    String range = error("", "  format: {from: 1, to: 2, step: 1}\n");
    assertTrue(range.contains("a range needs a numeric parameter; list the weight formats"), range);
    String both = error(", format: bitnet-w1", "  format: [bitnet-b1.58]\n");
    assertTrue(both.contains("'workload.format': the sweep varies parameters.format"), both);
  }
}
