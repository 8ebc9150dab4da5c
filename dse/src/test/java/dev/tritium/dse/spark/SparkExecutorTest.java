package dev.tritium.dse.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.dse.FakeEvaluatorFactory;
import dev.tritium.dse.TestSweeps;
import dev.tritium.dse.run.DseRequest;
import dev.tritium.dse.run.SweepRunner;
import dev.tritium.dse.run.SweepSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same sweep on Spark (local[2]) and on the local executor gives byte-identical files. */
class SparkExecutorTest {

  @TempDir Path tmp;

  @Test
  void sparkResultsEqualLocalResultsByteForByte() throws Exception {
    Path local = tmp.resolve("local");
    Path spark = tmp.resolve("spark");
    PrintWriter quiet = new PrintWriter(new StringWriter(), true);
    SweepRunner.run(new DseRequest(TestSweeps.small(), local, "local", 2, false, false, new FakeEvaluatorFactory()),
        quiet);
    String before = System.getProperty("spark.master");
    System.setProperty("spark.master", "local[2]");
    SweepSummary s;
    try {
      s = SweepRunner.run(new DseRequest(TestSweeps.small(), spark, "spark", 0, false, false,
          new FakeEvaluatorFactory()), quiet);
    } finally {
      SparkSession.active().stop();
      if (before == null) {
        System.clearProperty("spark.master");
      } else {
        System.setProperty("spark.master", before);
      }
    }
    assertTrue(s.executor().startsWith("spark local[2]"), s.executor());
    assertEquals(24, s.evaluated());
    for (String f : List.of("results.csv", "pareto.csv", "sweep.json")) {
      assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(spark.resolve(f)), f);
    }
  }
}
