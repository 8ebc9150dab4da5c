package dev.tritium.dse.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.DseMain;
import dev.tritium.dse.FakeEvaluatorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real dse process mid-sweep (SIGKILL via destroyForcibly, nothing gets to clean up), resumes
 * in-process, and checks the result equals an uninterrupted run byte for byte.
 */
class ResumeKillTest {

  @TempDir Path tmp;

  @Test
  void killedRunResumesToTheSameBytes() throws Exception {
    Path sweep = tmp.resolve("kill.yaml");
    Files.writeString(sweep, """
        sweep: kill
        base_arch: edge-fpga-mac
        workload: {model: bitnet-b1.58-2b-4t, phase: decode, context: 16}
        parameters:
          mac_array.rows: {from: 8, to: 64, powers_of_two: true}
          mac_array.cols: {from: 16, to: 128, powers_of_two: true}
          dram.peak_bandwidth_GBps: [9.6, 19.2, 38.4]
          compute_unit: [mac, lut]
        objectives: {latency_ms: min, energy_mJ: min}
        """);
    long total = 4 * 4 * 3 * 2;
    Path killed = tmp.resolve("killed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Ddse.fake.delayMs=40", "-cp", System.getProperty("java.class.path"),
        DseMain.class.getName(), "--sweep", sweep.toString(), "--out", killed.toString(), "--threads", "2",
        "--evaluator-factory", FakeEvaluatorFactory.class.getName())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    Path csv = killed.resolve("results.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (rows(csv) < 12 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(p.isAlive(), "the child finished before it could be killed: " + Files.readString(
        tmp.resolve("child.log")));
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    long before = rows(csv);
    assertTrue(before >= 12 && before < total, "rows at kill: " + before);

    SweepSummary resumed = SweepRunnerTest.run(sweep, killed, 2, true);
    assertTrue(resumed.resumed() >= 12 && resumed.resumed() < total, "resumed " + resumed.resumed());
    assertEquals(total, resumed.resumed() + resumed.evaluated());

    Path clean = tmp.resolve("clean");
    SweepRunnerTest.run(sweep, clean, 1, false);
    for (String f : List.of("results.csv", "pareto.csv", "sweep.json")) {
      assertArrayEquals(Files.readAllBytes(clean.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
    }
    List<String> lines = Files.readAllLines(csv);
    assertEquals(total + 1, lines.size());
  }

  /** Complete data lines in the file (header excluded); 0 while it does not exist. */
  private static long rows(Path csv) throws Exception {
    if (!Files.exists(csv)) {
      return 0;
    }
    String s = Files.readString(csv);
    return Math.max(0, s.chars().filter(c -> c == '\n').count() - 1);
  }
}
