package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import picocli.CommandLine;

/**
 * The rule behind the hostile-input fixes, as a property over valid but extreme inputs: every figure a command
 * prints or writes is finite and non-negative, or the command refuses the input with exit 2. Covers estimate
 * (arch variants of every preset: clock, DRAM bandwidth and latency, array shape, buffer sizes, LUT rates),
 * fpga-fit on the same variants, and scalesim on GEMM layers from 1 to 2^31 - 1 per dimension. Seeded.
 */
class CommandOutputsProperties {

  /**
   * A negative number standing as a figure (after a blank, '(', ',', '=' or ':', not inside a name such as
   * "b1.58-2b", a range such as "7-180 nm" or "+1/-1"), NaN or an infinity.
   */
  private static final Pattern BAD = Pattern.compile("(?<![^\\s(,=:])-\\d|NaN|Infinity");

  private record Variant(String preset, String key, String value) {}

  private static final List<String[]> KNOBS = List.of(
      new String[] {"clock_mhz", "1", "100000"},
      new String[] {"dram.peak_bandwidth_GBps", "0.001", "100000"},
      new String[] {"dram.latency_ns", "0", "1000000"},
      new String[] {"buffers.weight.size_bytes", "65536", "1099511627776"},
      new String[] {"buffers.output.size_bytes", "131072", "1099511627776"},
      new String[] {"vector_unit.lanes", "1", "65536"},
      new String[] {"lut_core.lookups_per_cycle", "1", "65536"},
      new String[] {"lut_core.table_build_cycles", "1", "1000000"},
      new String[] {"dma.max_outstanding", "1", "65536"},
      new String[] {"dma.descriptor_overhead_cycles", "0", "1000000"});

  @Provide
  Arbitrary<Variant> archVariants() {
    Arbitrary<String> preset = Arbitraries.of(ArchConfigs.presetNames());
    Arbitrary<String[]> knob = Arbitraries.of(KNOBS);
    Arbitrary<Boolean> high = Arbitraries.of(false, true);
    return Combinators.combine(preset, knob, high).as((p, k, h) -> new Variant(p, k[0], h ? k[2] : k[1]));
  }

  @Property(tries = 24, seed = "20261207")
  void estimateFiguresAreFiniteAndNonNegativeOrRefused(@ForAll("archVariants") Variant v) throws IOException {
    Path dir = Files.createTempDirectory("prop-estimate");
    try {
      Path arch = writeVariant(dir, v);
      Path model = Files.writeString(dir.resolve("config.json"), "{\"architectures\": [\"BitNetForCausalLM\"],"
          + " \"hidden_act\": \"relu2\", \"hidden_size\": 256, \"intermediate_size\": 704,"
          + " \"max_position_embeddings\": 4096, \"model_type\": \"bitnet\", \"rms_norm_eps\": 1e-05,"
          + " \"num_attention_heads\": 4, \"num_hidden_layers\": 2, \"num_key_value_heads\": 2,"
          + " \"rope_theta\": 500000.0, \"tie_word_embeddings\": true, \"vocab_size\": 1000}");
      Result r = run("estimate", "--arch", arch.toString(), "--model", model.toString(), "--context", "32",
          "--tokens", "8", "--no-crosscheck");
      check(v + " estimate", r);
      Result fit = run("fpga-fit", "--arch", arch.toString(), "--part", "kv260");
      check(v + " fpga-fit", fit);
    } finally {
      deleteTree(dir);
    }
  }

  @Provide
  Arbitrary<long[]> gemmLayers() {
    Arbitrary<Long> dim = Arbitraries.oneOf(Arbitraries.longs().between(1, 4096),
        Arbitraries.of(65_535L, 1L << 20, 2_147_483_647L));
    Arbitrary<Long> side = Arbitraries.of(1L, 2L, 8L, 32L, 128L);
    return Combinators.combine(dim, dim, dim, side, side).as((m, n, k, r, c) -> new long[] {m, n, k, r, c});
  }

  @Property(tries = 30, seed = "20261207")
  void scalesimFiguresAreFiniteAndNonNegativeOrRefused(@ForAll("gemmLayers") long[] l,
      @ForAll("dataflows") String dataflow) throws IOException {
    Path dir = Files.createTempDirectory("prop-scalesim");
    try {
      Path cfg = Files.writeString(dir.resolve("s.cfg"), """
          [general]
          run_name = prop

          [architecture_presets]
          ArrayHeight:    %d
          ArrayWidth:     %d
          IfmapSramSzkB:    64
          FilterSramSzkB:   64
          OfmapSramSzkB:    64
          IfmapOffset:    0
          FilterOffset:   10000000
          OfmapOffset:    20000000
          Dataflow : %s
          MemoryBanks:   1

          [run_presets]
          InterfaceBandwidth: CALC
          """.formatted(l[3], l[4], dataflow));
      Path topo = Files.writeString(dir.resolve("t.csv"), "Layer, M, N, K,\nL0, %d, %d, %d,\n".formatted(l[0], l[1],
          l[2]));
      Path out = dir.resolve("out");
      Result r = run("scalesim", "--config", cfg.toString(), "--topology", topo.toString(), "--out", out.toString(),
          "--topology-format", "gemm");
      check("scalesim " + java.util.Arrays.toString(l) + " " + dataflow, r);
      if (r.code == 0) {
        try (Stream<Path> files = Files.list(out)) {
          for (Path f : files.toList()) {
            String text = withoutDramCycleIndices(f, Files.readString(f));
            Matcher m = BAD.matcher(text);
            assertTrue(!m.find(), () -> f + " has '" + m.group() + "':\n" + text);
          }
        }
      }
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * SCALE-Sim's DETAILED_ACCESS_REPORT gives DRAM start and stop cycles as cycle indices relative to the first
   * demand line, and its first prefetch runs before it (negative start, stop -1 when nothing more is fetched):
   * those six columns are positions in time, not figures, and are blanked; every other value must pass.
   */
  private static String withoutDramCycleIndices(Path f, String text) {
    if (!f.getFileName().toString().equals("DETAILED_ACCESS_REPORT.csv")) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    String[] header = lines[0].split(", ");
    StringBuilder b = new StringBuilder(lines[0]).append('\n');
    for (int i = 1; i < lines.length; i++) {
      String[] v = lines[i].split(", ");
      for (int c = 0; c < v.length && c < header.length; c++) {
        if (header[c].startsWith("DRAM") && header[c].contains("Cycle")) {
          v[c] = "0";
        }
      }
      b.append(String.join(", ", v)).append('\n');
    }
    return b.toString();
  }

  @Provide
  Arbitrary<String> dataflows() {
    return Arbitraries.of("ws", "os", "is");
  }

  private static Path writeVariant(Path dir, Variant v) throws IOException {
    ArchConfig base = ArchConfigs.preset(v.preset()).uncited();
    Path arch = dir.resolve("arch.yaml");
    try {
      ArchConfig a = ArchKeys.with(base, v.key(), v.value()).withName("prop");
      Files.writeString(arch, ArchConfigs.toYaml(a));
    } catch (IllegalArgumentException e) {
      // A value the reader itself refuses (e.g. a 1 TiB output buffer on a preset without one): write it anyway as
      // text, so that the command sees and refuses it.
      Files.writeString(arch, ArchConfigs.toYaml(base.withName("prop")));
    }
    return arch;
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TritiumCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static void check(String what, Result r) {
    assertTrue(r.code == 0 || r.code == 2, () -> what + ": exit " + r.code + "\n" + r.err);
    if (r.code == 2) {
      assertTrue(r.err.startsWith("tritium: error: ") && !r.err.contains("\tat "), () -> what + ":\n" + r.err);
      assertEquals(1, r.err.strip().lines().count(), () -> what + ": one-line error expected:\n" + r.err);
      return;
    }
    Matcher m = BAD.matcher(r.out);
    List<String> context = new ArrayList<>();
    while (m.find()) {
      int from = Math.max(0, r.out.lastIndexOf('\n', m.start()) + 1);
      int to = r.out.indexOf('\n', m.end());
      context.add(r.out.substring(from, to < 0 ? r.out.length() : to));
    }
    assertTrue(context.isEmpty(), () -> what + ": non-finite or negative figures in\n" + String.join("\n", context));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
