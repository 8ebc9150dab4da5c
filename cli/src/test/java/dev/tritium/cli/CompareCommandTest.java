package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest extends CliTestBase {

  @TempDir Path dir;
  private Path smallConfig() throws IOException {
    return smallConfig(dir);
  }

  /** The baseline/ternary ratio printed on a row. */
  private static double ratio(String output, String rowLabel) {
    Matcher m = Pattern.compile(Pattern.quote(rowLabel) + "\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").matcher(output);
    assertTrue(m.find(), "no row '" + rowLabel + "' in:\n" + output);
    return Double.parseDouble(m.group(3));
  }

  @Test
  void reducedModelEndToEnd() throws IOException {
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--baseline", "fp16", "--node", "45",
        "--context", "16"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("fp16/ternary"), o);
    assertTrue(o.contains("at 45 nm") && o.contains("Stillmaker & Baas 2017"), o);
    assertTrue(o.contains("reference nodes of the entries: 45 nm, 40 nm"), o);
    // Horowitz 45 nm: fp16 MAC 1.5 pJ vs ternary add 0.1 pJ / skip 0.0144 pJ: ratio between 15 and 1.5/0.0144.
    double matmul = ratio(o, "BitLinear matmul arithmetic (mJ)");
    assertTrue(matmul > 15 && matmul < 104, o);
    // fp16: 2 B per weight, 737280 weights per layer; base-3 rows byte-aligned: 2176 rows of K = 256 at
    // ceil(256/5) = 52 B and 256 rows of K = 704 at 141 B = 149248 B per layer (printed to 3 digits).
    assertEquals(2.0 * 737280 / 149248, ratio(o, "of which projection weights (MB)"), 0.005);
    assertEquals(1.0, ratio(o, "int8 matmul arithmetic, attention+LM head (mJ)"), 1e-9);
    assertTrue(ratio(o, "memory dram (mJ)") > 1, o);
  }

  @Test
  void fullSize2b4tDecodeOnTheEdgePreset() {
    assertEquals(0, run("compare", "--baseline", "int8"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("model bitnet-b1.58-2b-4t, decode 1 token at context 1024, arch edge-fpga"), o);
    assertTrue(o.contains("at 16 nm"), o);
    // int8: 1 B per weight vs ternary base-3 (1.6 bit): 5x the projection bytes, up to row padding.
    assertEquals(5.0, ratio(o, "of which projection weights (MB)"), 0.02);
  }

  @Test
  void userErrorsNameTheOption() throws IOException {
    assertEquals(2, run("compare", "--baseline", "bf16"));
    assertTrue(err.toString().contains("--baseline: expected fp16, int8 or int4, got 'bf16'"), err.toString());
    assertEquals(2, run("compare", "--baseline", "fp16", "--node", "3"));
    assertTrue(err.toString().toLowerCase(Locale.ROOT).contains("--node 3"), err.toString());
    assertEquals(2, run("compare", "--baseline", "fp16", "--phase", "train"));
    assertTrue(err.toString().contains("--phase: expected decode or prefill, got 'train'"), err.toString());
    assertEquals(2, run("compare", "--model", smallConfig().toString(), "--baseline", "fp16", "--energy-table",
        dir.resolve("missing.yaml").toString()));
    assertTrue(err.toString().contains("missing.yaml"), err.toString());
  }

  /** The BitNet papers' convention is priced from the same tables: Table 2 at 7 nm gives their 71.4x. */
  @Test
  void printsThePapersConventionBesideTritiumsAccounting() {
    assertEquals(0, run("compare", "--baseline", "fp16", "--node", "7", "--energy-preset", "bitnet-table2"),
        err.toString());
    assertTrue(out.toString().contains("(0.1600 + 0.3400 pJ) / 0.007000 pJ = 71.4x per weight"), out.toString());
  }

  /** The numeric cells of a --formats row: bits/w, footprint, stored_as, dram MB, tokens/s, mJ. */
  private static String[] formatRow(String output, String format) {
    for (String line : output.split("\n")) {
      if (line.startsWith(format + " ")) {
        return line.trim().split("\\s+");
      }
    }
    throw new AssertionError("no row for " + format + " in:\n" + output);
  }

  @Test
  void formatsSideBySideOnTheMacArray() throws IOException {
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--formats",
        "bitnet-b1.58,bitnet-w1,pb-llm:salient=0.1,index=csr,ternaryllm:group=128", "--unit", "mac", "--context", "16"),
        err.toString());
    String o = out.toString();
    String[] b158 = formatRow(o, "bitnet-b1.58");
    String[] w1 = formatRow(o, "bitnet-w1");
    assertEquals("1.585", b158[1]);
    assertEquals("1.000", w1[1]);
    assertEquals("base3", b158[3]);
    assertEquals("sign-bits", w1[3]);
    // the 1-bit packing reads fewer DRAM bytes per token than base-3 and spends less energy
    assertTrue(Double.parseDouble(w1[6]) < Double.parseDouble(b158[6]), o);
    assertTrue(Double.parseDouble(w1[8]) < Double.parseDouble(b158[8]), o);
    // "index=csr" continues pb-llm's parameters; the fp16-activation formats need fp adders edge-fpga lacks
    String[] pb = formatRow(o, "pb-llm:salient=0.1,index=csr");
    assertEquals("-", pb[3]);
    assertTrue(o.contains("needs floating-point adders in the MAC array (mac_array.float_adders: fp32 or fp16)"), o);
    assertTrue(formatRow(o, "ternaryllm:group=128")[3].equals("-"), o);
    // every simulated format also has its projections' figures
    assertTrue(Double.parseDouble(w1[10]) > 0 && Double.parseDouble(b158[10]) > 0, o);
  }

  @Test
  void theFp16ActivationFormatsGetProjectionFiguresOnAnArchWithFp32Adders() throws IOException {
    Path arch = dir.resolve("fp32-adders.yaml");
    dev.tritium.simulator.config.ArchConfigs.write(dev.tritium.simulator.config.ArchKeys.with(
        dev.tritium.simulator.config.ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32"), arch);
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--arch", arch.toString(), "--formats",
        "bitnet-w1,onebit,ternaryllm:group=32", "--unit", "mac", "--context", "16"), err.toString());
    String o = out.toString();
    String[] one = formatRow(o, "onebit");
    String[] w1 = formatRow(o, "bitnet-w1");
    assertEquals("sign-add", one[3]);
    // whole decoder layers on the sign-add path: tokens/s and mJ per token too
    assertTrue(Double.parseDouble(one[6]) > 0 && Double.parseDouble(one[7]) > 0 && Double.parseDouble(one[8]) > 0, o);
    // [3..5] is "sign-add on mac"; [10..12] the projections' ms, DRAM MB and mJ per token
    assertTrue(Double.parseDouble(one[10]) > 0 && Double.parseDouble(one[11]) > 0 && Double.parseDouble(one[12]) > 0,
        o);
    // Both stream one sign bit per weight; OneBit adds its fp32 row and column scale vectors (a few per cent).
    double oneDram = Double.parseDouble(one[11]);
    double w1Dram = Double.parseDouble(w1[11]);
    assertTrue(oneDram > w1Dram && oneDram < 1.5 * w1Dram, o);
    assertTrue(o.contains("runs bit-exact (crosscheck --layer decoder --format onebit --unit mac)"), o);
  }

  @Test
  void formatsWhoseProjectionsAreProgramsOfTheirOwnGetWholeModelFigures() throws IOException {
    String every = Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml").toString();
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--arch", every, "--formats",
        "bitnet-b1.58,quip-w2,w8a8,atom-w4a4:group=32,outliers=16", "--context", "16"), err.toString());
    String o = out.toString();
    String[] q = formatRow(o, "quip-w2");
    String[] w8 = formatRow(o, "w8a8");
    String[] atom = formatRow(o, "atom-w4a4:group=32,outliers=16");
    // [3..5] "q2-codes on mac", "int8 on mac", "int4+int8 on mac"; then DRAM MB, tokens/s, mJ, area, projections
    assertEquals("q2-codes", q[3], o);
    assertEquals("int8", w8[3], o);
    assertEquals("int4+int8", atom[3], o);
    for (String[] r : new String[][] {q, w8, atom}) {
      for (int i = 6; i <= 12; i++) {
        assertTrue(Double.parseDouble(r[i]) > 0, r[0] + " cell " + i + ": " + o);
      }
    }
    // Eight bits per weight stream more bytes than four, which stream more than two (the layer's other traffic,
    // attention's KV cache and the LM head, is the same for all three).
    assertTrue(Double.parseDouble(w8[6]) > Double.parseDouble(atom[6])
        && Double.parseDouble(atom[6]) > Double.parseDouble(q[6]), o);
    assertTrue(o.contains("projections bit-exact as programs of their own (crosscheck --format w8a8 --layer q_proj)"),
        o);
    // SpinQuant (down_proj rotated online) and the dense fp16 baseline through the same path.
    out.getBuffer().setLength(0);
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--arch", every, "--formats",
        "spinquant-w4a4kv4,fp16,abq-wpaq:w=2,a=8", "--context", "16"), err.toString());
    String more = out.toString();
    assertEquals("int4+fwht", formatRow(more, "spinquant-w4a4kv4:proj=other")[3], more);
    assertEquals("fp16", formatRow(more, "fp16")[3], more);
    assertEquals("bit-planes", formatRow(more, "abq-wpaq:w=2,a=8")[3], more);
    // sixteen bits per weight stream the most bytes of all
    assertTrue(Double.parseDouble(formatRow(more, "fp16")[6]) > Double.parseDouble(w8[6]), more + o);
    // Without the datapath the row says which key is missing instead of a figure.
    out.getBuffer().setLength(0);
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--formats", "w8a8,quip-w2", "--context",
        "16"), err.toString());
    String plain = out.toString();
    assertEquals("-", formatRow(plain, "w8a8")[3], plain);
    assertTrue(plain.contains("mac_array.int_multipliers: int8") && plain.contains("mac_array.float_adders: fp32"),
        plain);
  }

  @Test
  void theKvFormatAppliesToEveryFormatsRow() throws IOException {
    String[] fp16 = null;
    String[] int4 = null;
    for (String kvFormat : new String[] {"fp16", "int4:group=32"}) {
      out.getBuffer().setLength(0);
      assertEquals(0, run("compare", "--model", smallConfig().toString(), "--formats", "bitnet-b1.58", "--unit", "mac",
          "--context", "256", "--kv-format", kvFormat), err.toString());
      assertTrue(out.toString().contains("KV cache " + kvFormat), out.toString());
      String[] row = formatRow(out.toString(), "bitnet-b1.58");
      if (kvFormat.equals("fp16")) {
        fp16 = row;
      } else {
        int4 = row;
      }
    }
    // Same weights, a quarter of the cache bits (plus a step and zero point per group of 32): fewer DRAM bytes.
    assertTrue(Double.parseDouble(int4[6]) < Double.parseDouble(fp16[6]), String.join(" ", int4) + " | "
        + String.join(" ", fp16));
  }

  @Test
  void estimateOfAnIntegerFormatRunsItsProjectionCrossCheck() throws IOException {
    String every = Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml").toString();
    assertEquals(0, run("estimate", "--model", smallConfig().toString(), "--arch", every, "--format", "w8a8", "--unit",
        "mac", "--context", "16", "--tokens", "8"), err.toString());
    String o = out.toString();
    assertTrue(o.contains("each projection is its own program") && o.contains("prefill: 8 tokens"), o);
    assertTrue(o.contains("w8a8 as its own program): PASS"), o);
  }

  @Test
  void storedMasksAreNamedAndReadFewerBytes() throws IOException {
    Path arch = dir.resolve("masks.yaml");
    dev.tritium.simulator.config.ArchConfig fp32 = dev.tritium.simulator.config.ArchKeys.with(
        dev.tritium.simulator.config.ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32");
    dev.tritium.simulator.config.ArchConfigs.write(dev.tritium.simulator.config.ArchKeys.with(fp32,
        "mac_array.mask_decode", "true"), arch);
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--arch", arch.toString(), "--formats",
        "billm,pb-llm:salient=0.1,pb-llm:salient=0.1,index=csr", "--unit", "mac", "--context", "16"), err.toString());
    String masked = out.toString();
    String billm = "billm:salient=0.1,block=128";
    assertEquals("sign-add+masks", formatRow(masked, billm)[3], masked);
    assertEquals("sign-add+masks", formatRow(masked, "pb-llm:salient=0.1,index=bitmap")[3], masked);
    assertEquals("sign-add", formatRow(masked, "pb-llm:salient=0.1,index=csr")[3], masked);
    out.getBuffer().setLength(0);
    Path planes = dir.resolve("planes.yaml");
    dev.tritium.simulator.config.ArchConfigs.write(fp32, planes);
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--arch", planes.toString(), "--formats",
        "billm", "--unit", "mac", "--context", "16"), err.toString());
    // [11]: the projections' DRAM MB per token: two sign bits and a column bit against four ternary planes.
    assertTrue(Double.parseDouble(formatRow(masked, billm)[11]) * 2
        < Double.parseDouble(formatRow(out.toString(), billm)[11]), masked + out);
  }

  @Test
  void formatsReportDrawsTheTableAsBarsAndTheReportCommandRereadsIt() throws IOException {
    Path rep = dir.resolve("fmt-report");
    assertEquals(0, run("compare", "--model", smallConfig().toString(), "--formats", "bitnet-b1.58,bitnet-w1,onebit",
        "--unit", "mac", "--context", "16", "--report", rep.toString()), err.toString());
    String o = out.toString();
    List<String> csv = Files.readAllLines(rep.resolve("formats.csv"));
    assertEquals("model,arch,workload,format,bits_per_weight,footprint_MB,stored_as,dram_MB_per_token,tokens_per_s,"
        + "mJ_per_token,area_mm2,projections_ms_per_token,projections_dram_MB_per_token,projections_mJ_per_token,note",
        csv.get(0));
    assertEquals(4, csv.size());
    // The CSV holds the printed figures (to the printed precision).
    String[] w1 = formatRow(o, "bitnet-w1");
    String[] w1Csv = csv.get(2).split(",");
    assertEquals(w1[6], String.format(Locale.ROOT, "%.1f", Double.parseDouble(w1Csv[7])));
    assertTrue(csv.get(3).startsWith("small,edge-fpga,decode 1 token at context 16,onebit,") || csv.get(3)
        .contains(",onebit,"), csv.get(3));
    String html = Files.readString(rep.resolve("report.html"));
    assertTrue(html.contains("<title>Tritium format comparison:"), html);
    assertTrue(html.contains("<table id=\"formats\">"), html);
    for (String chart : List.of("formats-projections", "formats-dram", "formats-energy", "formats-speed")) {
      assertTrue(html.contains("id=\"" + chart + "\""), chart);
    }
    assertTrue(html.contains("1 format(s) not simulated: see the table."), html);
    assertTrue(html.contains("needs floating-point adders in the MAC array"), "the table says what onebit lacks");
    // Two bars per chart: the formats the units run.
    assertEquals(8, count(html, "class=\"mark bar\""), html);
    // tritium report DIR reads formats.csv back and draws the same page.
    Files.delete(rep.resolve("report.html"));
    assertEquals(0, run("report", rep.toString()), err.toString());
    assertEquals(html.replace(rep.toString(), "DIR"), Files.readString(rep.resolve("report.html")).replace(rep.toString(),
        "DIR"));
    // --report naming a file is refused before any simulation.
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    out.getBuffer().setLength(0);
    assertEquals(2, run("compare", "--model", smallConfig().toString(), "--formats", "bitnet-b1.58", "--report",
        file.toString()));
    assertTrue(err.toString().contains("--report: " + file + " exists and is not a directory"), err.toString());
    assertEquals("", out.toString(), "no table printed before the refusal");
    // A broken formats.csv is a file error naming the line and column.
    String[] first = csv.get(1).split(",", -1);
    first[4] = "NaN";
    Files.writeString(rep.resolve("formats.csv"), csv.get(0) + "\n" + String.join(",", first) + "\n");
    assertEquals(2, run("report", rep.toString()));
    assertTrue(err.toString().contains("formats.csv:2: column 'bits_per_weight': expected a finite number, got 'NaN'"),
        err.toString());
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void baselineAndFormatsAreExclusive() throws IOException {
    assertEquals(2, run("compare", "--model", smallConfig().toString()));
    assertTrue(err.toString().contains("exactly one of --baseline"), err.toString());
  }
}
