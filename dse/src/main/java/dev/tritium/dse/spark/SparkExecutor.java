package dev.tritium.dse.spark;

import dev.tritium.dse.eval.ResultRow;
import dev.tritium.dse.run.ResultsCsv;
import dev.tritium.dse.run.SweepExecutor;
import dev.tritium.dse.run.SweepJob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Evaluates points on Apache Spark: pending ids become a {@code Dataset<Long>} partitioned over the
 * cluster, each partition turns ids into CSV lines with the job's {@link dev.tritium.dse.eval.PointRunner}
 * (the same code as the local executor), and the driver appends the lines to results.csv. Ids go out in
 * waves of {@link #WAVE_PER_CORE} points per core so that rows stream to disk while the sweep runs (a
 * killed driver loses at most the wave in flight). The master comes from spark-submit; run directly,
 * it defaults to {@code local[*]}. Loaded by name only when {@code --executor spark} is chosen.
 */
public final class SparkExecutor implements SweepExecutor {

  /** Points per core in one wave. */
  static final int WAVE_PER_CORE = 32;

  private String description = "spark";

  @Override
  public void run(SweepJob job, long[] pendingIds, Consumer<ResultRow> sink) {
    String master = System.getProperty("spark.master", "local[*]");
    SparkSession.Builder builder = SparkSession.builder()
        .appName("tritium-dse " + job.spec().name())
        .master(master)
        .config("spark.ui.enabled", "false");
    if (master.startsWith("local") && System.getProperty("spark.driver.bindAddress") == null
        && System.getenv("SPARK_LOCAL_IP") == null) {
      // A local run talks to itself only: keep the driver on the loopback interface.
      builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    }
    SparkSession spark = builder.getOrCreate();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int cores = context.defaultParallelism();
    description = "spark " + spark.sparkContext().master() + ", " + cores + " cores";
    ResultsCsv layout = new ResultsCsv(job.spec());
    int wave = Math.max(cores, cores * WAVE_PER_CORE);
    for (int from = 0; from < pendingIds.length; from += wave) {
      long[] ids = Arrays.copyOfRange(pendingIds, from, Math.min(pendingIds.length, from + wave));
      List<Long> boxed = new ArrayList<>(ids.length);
      for (long id : ids) {
        boxed.add(id);
      }
      // parallelize slices the ids without a shuffle (a Dataset of a local list would need a repartition)
      Dataset<Long> points = spark.createDataset(context.parallelize(boxed, Math.min(cores, ids.length)).rdd(),
          Encoders.LONG());
      Dataset<String> lines = points.mapPartitions(new EvaluatePartition(job), Encoders.STRING());
      for (String line : lines.collectAsList()) {
        sink.accept(layout.parse(line, "spark result"));
      }
    }
  }

  @Override
  public String describe() {
    return description;
  }

  /** Runs on the executors: ids in, CSV lines out. */
  private static final class EvaluatePartition implements MapPartitionsFunction<Long, String> {

    private static final long serialVersionUID = 1L;
    private final SweepJob job;

    EvaluatePartition(SweepJob job) {
      this.job = job;
    }

    @Override
    public Iterator<String> call(Iterator<Long> ids) {
      ResultsCsv layout = new ResultsCsv(job.spec());
      List<String> out = new ArrayList<>();
      while (ids.hasNext()) {
        out.add(layout.line(job.runner().run(ids.next())));
      }
      return out.iterator();
    }
  }
}
