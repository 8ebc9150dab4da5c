package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tritium dse} end to end with the real evaluator (mapper + timing-only simulation). */
class DseCommandTest extends CliTestBase {

  @TempDir Path dir;
  static Path smallSweep() {
    return Path.of("../examples/sweep-small.yaml").toAbsolutePath().normalize();
  }

  @Test
  void smallSweepRunsEndToEndAndResumeHasNothingLeft() throws Exception {
    Path o = dir.resolve("out");
    assertEquals(0, run("dse", "--sweep", smallSweep().toString(), "--out", o.toString(), "--threads", "2"), err.toString());
    assertTrue(out.toString().startsWith("dse: 24 points (0 resumed, 24 evaluated"), out.toString());
    assertTrue(out.toString().contains("12 ok, 4 infeasible, 8 failed"), out.toString());
    List<String> rows = Files.readAllLines(o.resolve("results.csv"));
    assertEquals(25, rows.size());
    assertTrue(rows.get(1).startsWith("0,16,32,mac,12.8,") && rows.get(1).endsWith(",ok,"), rows.get(1));
    assertTrue(Files.readAllLines(o.resolve("pareto.csv")).size() >= 2);
    assertTrue(Files.readString(o.resolve("sweep.json")).contains("\"point_count\" : 24"));
    byte[] before = Files.readAllBytes(o.resolve("results.csv"));
    assertEquals(0, run("dse", "--sweep", smallSweep().toString(), "--out", o.toString(), "--resume"));
    assertTrue(out.toString().contains("(24 resumed, 0 evaluated"), out.toString());
    assertEquals(new String(before), Files.readString(o.resolve("results.csv")));
  }

  @Test
  void userErrorsAreOneLineWithExitCode2() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "sweep: b\nworkload: {model: m, phase: decode, context: 1}\n"
        + "parameters: {mac_array.rowz: [1]}\nobjectives: {latency_ms: min}\n");
    assertEquals(2, run("dse", "--sweep", bad.toString(), "--out", dir.resolve("b").toString()));
    assertTrue(err.toString().startsWith("tritium: error: " + bad + ": key 'parameters.mac_array.rowz': unknown "
        + "parameter"), err.toString());
    assertEquals(1, err.toString().strip().lines().count());
    StringWriter fresh = new StringWriter();
    CommandLine cl = TritiumCommand.commandLine();
    cl.setErr(new PrintWriter(fresh, true));
    assertEquals(2, cl.execute("dse", "--sweep", smallSweep().toString(), "--out", dir.resolve("s").toString(),
        "--executor", "spark"));
    assertEquals("tritium: error: --executor spark: Apache Spark is not on the classpath; run via spark-submit with "
        + "the dse shaded jar (dse/target/tritium-dse-spark.jar), see dse/README.md", fresh.toString().strip());
  }

  /** A sweep whose every point fails (an unknown model) is an input error, exit 2, not a successful sweep. */
  @Test
  void aSweepWhereEveryPointFailsExits2WithTheReason() throws Exception {
    Path bad = Files.writeString(dir.resolve("gpt5.yaml"), "sweep: g\nbase_arch: edge-fpga-mac\n"
        + "workload: {model: gpt-5, phase: decode, context: 16}\n"
        + "parameters: {mac_array.rows: [16, 32]}\nobjectives: {latency_ms: min}\n");
    assertEquals(2, run("dse", "--sweep", bad.toString(), "--out", dir.resolve("g").toString()), err.toString());
    assertTrue(err.toString().contains("tritium: error: every one of the 2 points failed, all with: "), err.toString());
    assertTrue(err.toString().contains("gpt-5"), err.toString());
  }
}
