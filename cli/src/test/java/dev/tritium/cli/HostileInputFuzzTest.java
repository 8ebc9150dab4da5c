package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tritium.dse.run.FinishedRows;
import dev.tritium.dse.run.ResultsCsv;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import dev.tritium.models.config.HfConfigReader;
import dev.tritium.models.io.GgufFile;
import dev.tritium.models.io.Npy;
import dev.tritium.models.io.NpyArray;
import dev.tritium.models.io.SafetensorsFile;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.energy.CostTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import picocli.CommandLine;

/**
 * Hostile input for every reader: each property mutates a valid seed file (edits drawn from values that broke
 * readers before: NaN, infinities, numbers past 2^31 and 2^63, YAML aliases, deep nesting, truncation, stray
 * bytes) and feeds it to the command or reader a user would. Whatever the input, the outcome is a success
 * with only finite figures, or bad input named by file: exit 2 with one line that names the file (readers: an
 * IllegalArgumentException or IOException whose message names it). Never a stack trace, an internal error
 * (exit 70), another exception type, or a run longer than the time limit. Seeded, so a failure reproduces.
 */
class HostileInputFuzzTest {

  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final String[] HOSTILE = {"NaN", ".nan", "-.inf", "Infinity", "-1", "0", "1e309", "-1e309",
      "2147483648", "9223372036854775808", "99999999999999999999999", "4611686018427387904", "1e-320", "&a 1", "*a",
      "[", "]", "{", "}", ":", "- ", "\"", "'", "\t", "\u0000", "\uFFFF", "é", "null", "~", "true", "[[[[[[[[[[",
      "0x7fffffff", "-0", "1.5", "ws", "" };

  private static Path dir;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static String archSeed;
  private static String energySeed;
  private static String sweepSeed;
  private static String configSeed;
  private static String cfgSeed;
  private static final String TOPOLOGY_SEED = "Layer, M, N, K,\nq, 1, 256, 256,\nff, 4, 512, 256,\n";

  @BeforeContainer
  static void seeds() throws IOException {
    dir = Files.createTempDirectory("tritium-fuzz");
    archSeed = resource(ArchConfigs.class, "/arch/edge-fpga-mac.yaml");
    energySeed = resource(CostTables.class, "/energy/aladdin-40nm.yaml");
    configSeed = resource(HfConfigReader.class, "/dev/tritium/models/config/presets/bitnet-b1.58-large.json");
    sweepSeed = "sweep: fuzz\nbase_arch: edge-fpga-mac\nworkload: {model: bitnet-b1.58-large, phase: decode, context: 8}\n"
        + "parameters:\n  mac_array.rows: [16, 32]\n  clock_mhz: {from: 100, to: 300, step: 100}\n"
        + "  buffers.weight.size_bytes: {from: 65536, to: 1048576, powers_of_two: true}\n"
        + "constraints: {max_area_um2: 2.5e9}\nobjectives: {latency_ms: min, energy_mJ: min}\n";
    cfgSeed = "[general]\nrun_name = fuzz\n\n[architecture_presets]\nArrayHeight:    32\nArrayWidth:     32\n"
        + "IfmapSramSzkB:    64\nFilterSramSzkB:   64\nOfmapSramSzkB:    64\nIfmapOffset:    0\n"
        + "FilterOffset:   10000000\nOfmapOffset:    20000000\nBandwidth : 10\nDataflow : ws\nMemoryBanks:   1\n\n"
        + "[run_presets]\nInterfaceBandwidth: CALC\n";
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String resource(Class<?> anchor, String name) throws IOException {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- mutations ------------------------------------------------------------------------------------------

  /** A text edit: replace, insert or delete at a relative position, or truncate. */
  record Edit(int kind, double at, double len, String token) {
    String apply(String s) {
      if (s.isEmpty()) {
        return token;
      }
      int i = (int) (at * s.length());
      int j = Math.min(s.length(), i + 1 + (int) (len * 40));
      return switch (kind) {
        case 0 -> s.substring(0, i) + token + s.substring(j);
        case 1 -> s.substring(0, i) + token + s.substring(i);
        case 2 -> s.substring(0, i) + s.substring(j);
        default -> s.substring(0, i);
      };
    }
  }

  @Provide
  Arbitrary<List<Edit>> textEdits() {
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
        Arbitraries.doubles().between(0, 0.999).ofScale(4), Arbitraries.doubles().between(0, 1).ofScale(4),
        Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(6)))
        .as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(4);
  }

  /** A binary edit: overwrite bytes (often with 0xff, which makes lengths and counts huge) or truncate. */
  record ByteEdit(double at, int value, int count, boolean truncate) {
    byte[] apply(byte[] b) {
      if (b.length == 0) {
        return b;
      }
      int i = (int) (at * b.length);
      if (truncate) {
        return java.util.Arrays.copyOf(b, i);
      }
      byte[] c = b.clone();
      for (int k = 0; k < count && i + k < c.length; k++) {
        c[i + k] = (byte) value;
      }
      return c;
    }
  }

  @Provide
  Arbitrary<List<ByteEdit>> byteEdits() {
    Arbitrary<ByteEdit> edit = Combinators.combine(Arbitraries.doubles().between(0, 0.999).ofScale(4),
        Arbitraries.oneOf(Arbitraries.of(0x00, 0xff, 0x7f, 0x80), Arbitraries.integers().between(0, 255)),
        Arbitraries.integers().between(1, 8), Arbitraries.of(false, false, false, true))
        .as(ByteEdit::new);
    return edit.list().ofMinSize(1).ofMaxSize(3);
  }

  private static String edit(String seed, List<Edit> edits) {
    String s = seed;
    for (Edit e : edits) {
      s = e.apply(s);
    }
    return s;
  }

  private static byte[] edit(byte[] seed, List<ByteEdit> edits) {
    byte[] b = seed;
    for (ByteEdit e : edits) {
      b = e.apply(b);
    }
    return b;
  }

  private static Path file(String suffix, byte[] bytes) throws IOException {
    Path f = dir.resolve("fuzz" + COUNTER.incrementAndGet() + suffix);
    Files.write(f, bytes);
    return f;
  }

  private static Path file(String suffix, String text) throws IOException {
    return file(suffix, text.getBytes(StandardCharsets.UTF_8));
  }

  // ---- the two outcomes ------------------------------------------------------------------------------------

  private record Run(int exit, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int[] code = new int[1];
    assertTimeoutPreemptively(LIMIT, () -> {
      CommandLine cl = TritiumCommand.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      code[0] = cl.execute(args);
    }, () -> "no answer in " + LIMIT + ": tritium " + String.join(" ", args));
    return new Run(code[0], out.toString(), err.toString());
  }

  /** Exit 0 (or {@code allowed}) with finite figures, or exit 2 with one line naming {@code named}. */
  private static void assertCliOutcome(Run r, String named, int... allowed) {
    String what = "exit " + r.exit + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
    Statistics.collect("exit " + r.exit);
    assertFalse(r.err.contains("internal error") || r.err.contains("\tat ") || r.err.contains("Exception"), what);
    if (r.exit == 2) {
      assertEquals(1, r.err.strip().lines().count(), what);
      assertTrue(r.err.startsWith("tritium: error: "), what);
      assertTrue(r.err.contains(named), "the message must name " + named + ": " + what);
      return;
    }
    boolean ok = r.exit == 0;
    for (int a : allowed) {
      ok |= r.exit == a;
    }
    assertTrue(ok, what);
    assertFalse(r.out.matches("(?s).*(NaN|Infinity).*"), "non-finite figure printed: " + what);
  }

  /** A reader returns, or throws IllegalArgumentException / IOException naming {@code named}. */
  private static void assertReaderOutcome(String named, ThrowingRunnable read) {
    String outcome = assertTimeoutPreemptively(LIMIT, () -> {
      try {
        read.run();
        return "read";
      } catch (IllegalArgumentException | IOException e) {
        assertTrue(e.getMessage() != null && e.getMessage().contains(named),
            "the message must name " + named + ": " + e.getMessage());
        return "refused";
      } catch (Throwable t) {
        return fail("a reader threw " + t + " for " + named, t);
      }
    });
    Statistics.collect(outcome);
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ---- one property per reader ----------------------------------------------------------------------------

  @Property(tries = 150, seed = "1501")
  void archYaml(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path f = file(".yaml", edit(archSeed, edits));
    assertCliOutcome(cli("fpga-fit", "--arch", f.toString(), "--part", "kv260"), f.toString(), 1);
  }

  @Property(tries = 150, seed = "1502")
  void energyYaml(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path f = file(".yaml", edit(energySeed, edits));
    assertReaderOutcome(f.toString(), () -> CostTables.load(f));
  }

  @Property(tries = 150, seed = "1503")
  void sweepYaml(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path f = file(".yaml", edit(sweepSeed, edits));
    assertReaderOutcome(f.toString(), () -> SweepFiles.load(f));
  }

  @Property(tries = 150, seed = "1504")
  void hfConfigJson(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path d = Files.createDirectories(dir.resolve("cfg" + COUNTER.incrementAndGet()));
    Path f = d.resolve("config.json");
    Files.writeString(f, edit(configSeed, edits));
    assertReaderOutcome(f.toString(), () -> HfConfigReader.read(f));
  }

  @Property(tries = 100, seed = "1505")
  void npyWeightsThroughReferenceBitlinear(@ForAll("byteEdits") List<ByteEdit> edits) throws IOException {
    byte[] seed = Npy.toBytes(new NpyArray.Float32(new int[] {4, 8},
        new float[] {1, -2, 0, 3, 0.5f, -1, 2, 0, 1, 1, 1, -1, 0, 0, 2, -3, 4, 1, -1, 0, 2, 2, -2, 1, 0, 1, 0, -1, 3, 1,
            -1, 2}));
    Path w = file(".npy", edit(seed, edits));
    Path x = file(".npy", Npy.toBytes(new NpyArray.Float32(new int[] {2, 8},
        new float[] {1, 2, 3, 4, 5, 6, 7, 8, -1, -2, -3, -4, -5, -6, -7, -8})));
    assertCliOutcome(cli("reference", "bitlinear", "--weight", w.toString(), "--input", x.toString(), "--out",
        dir.resolve("y" + COUNTER.incrementAndGet() + ".npy").toString()), w.getFileName().toString());
  }

  @Property(tries = 100, seed = "1506")
  void safetensors(@ForAll("byteEdits") List<ByteEdit> edits) throws IOException {
    String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        + "\"__metadata__\":{\"format\":\"pt\"}}";
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length()).array());
    o.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    o.writeBytes(new byte[16]);
    Path f = file(".safetensors", edit(o.toByteArray(), edits));
    assertReaderOutcome(f.toString(), () -> {
      SafetensorsFile s = SafetensorsFile.open(f);
      for (String name : s.tensors().keySet()) {
        s.readFloats(name);
      }
    });
  }

  @Property(tries = 100, seed = "1507")
  void gguf(@ForAll("byteEdits") List<ByteEdit> edits) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(1).putLong(2);
    byte[] k1 = "general.architecture".getBytes(StandardCharsets.UTF_8);
    b.putLong(k1.length).put(k1).putInt(8);
    byte[] v1 = "bitnet".getBytes(StandardCharsets.UTF_8);
    b.putLong(v1.length).put(v1);
    byte[] k2 = "bitnet.block_count".getBytes(StandardCharsets.UTF_8);
    b.putLong(k2.length).put(k2).putInt(9).putInt(4).putLong(3).putInt(1).putInt(2).putInt(3);
    b.putLong(1).put((byte) 'w').putInt(2).putLong(2).putLong(2).putInt(0).putLong(0); // tensor w: f32 [2, 2]
    b.position((b.position() + 31) / 32 * 32);
    b.putFloat(1).putFloat(-2).putFloat(0.5f).putFloat(3);
    byte[] seed = java.util.Arrays.copyOf(b.array(), b.position());
    Path valid = file(".gguf", seed);
    assertEquals(1, GgufFile.open(valid).tensors().size(), "the seed itself must be a valid GGUF file");
    Path f = file(".gguf", edit(seed, edits));
    assertReaderOutcome(f.toString(), () -> GgufFile.open(f));
  }

  @Property(tries = 150, seed = "1508")
  void isaAssembly(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path f = file(".asm", edit(IsaCommandTest.PROGRAM, edits));
    assertCliOutcome(cli("isa", "validate", f.toString()), f.toString(), 1);
  }

  @Property(tries = 100, seed = "1509")
  void isaBinary(@ForAll("byteEdits") List<ByteEdit> edits) throws IOException {
    Path asm = file(".asm", IsaCommandTest.PROGRAM);
    Path bin = dir.resolve("seed" + COUNTER.incrementAndGet() + ".bin");
    assertEquals(0, cli("isa", "asm", asm.toString(), bin.toString()).exit);
    Path f = file(".bin", edit(Files.readAllBytes(bin), edits));
    assertCliOutcome(cli("isa", "disasm", f.toString()), f.toString());
  }

  @Property(tries = 100, seed = "1510")
  void scaleSimConfig(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path cfg = file(".cfg", edit(cfgSeed, edits));
    Path topo = file(".csv", TOPOLOGY_SEED);
    assertCliOutcome(cli("scalesim", "--config", cfg.toString(), "--topology", topo.toString(), "--topology-format",
        "gemm", "--out", dir.resolve("ss" + COUNTER.incrementAndGet()).toString()), cfg.getFileName().toString());
  }

  @Property(tries = 100, seed = "1511")
  void scaleSimTopology(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path cfg = file(".cfg", cfgSeed);
    Path topo = file(".csv", edit(TOPOLOGY_SEED, edits));
    assertCliOutcome(cli("scalesim", "--config", cfg.toString(), "--topology", topo.toString(), "--topology-format",
        "gemm", "--out", dir.resolve("ss" + COUNTER.incrementAndGet()).toString()), topo.getFileName().toString());
  }

  @Property(tries = 100, seed = "1512")
  void resultsCsvForResume(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path sweep = file(".yaml", sweepSeed);
    SweepSpec spec = SweepFiles.load(sweep);
    ResultsCsv layout = new ResultsCsv(spec);
    List<String> rows = new ArrayList<>();
    rows.add(layout.headerLine());
    StringBuilder metrics = new StringBuilder();
    for (int i = 0; i < dev.tritium.dse.eval.PointRunner.metricKeys().size(); i++) {
      metrics.append(",").append(1.5 + i);
    }
    for (long id = 0; id < 3; id++) {
      rows.add(id + "," + String.join(",", spec.valuesOf(id)) + metrics + ",ok,");
    }
    Path csv = file(".csv", edit(String.join("\n", rows) + "\n", edits));
    assertReaderOutcome(csv.toString(), () -> FinishedRows.read(csv, layout));
  }

  @Property(tries = 30, seed = "1513")
  void sweepJsonForReport(@ForAll("textEdits") List<Edit> edits) throws IOException {
    Path out = dev.tritium.cli.report.Fixtures.copy("sweep", dir.resolve("report" + COUNTER.incrementAndGet()));
    String json = Files.readString(out.resolve("sweep.json"));
    Files.writeString(out.resolve("sweep.json"), edit(json, edits));
    assertCliOutcome(cli("report", out.toString()), out.toString());
  }
}
