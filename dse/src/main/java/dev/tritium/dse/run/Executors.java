package dev.tritium.dse.run;

/**
 * Makes the executor a request names. The Spark executor is loaded by name only when chosen, so that
 * nothing else touches Spark classes (Spark is a provided dependency: absent from the CLI's classpath).
 */
public final class Executors {

  static final String SPARK_EXECUTOR = "dev.tritium.dse.spark.SparkExecutor";

  private Executors() {}

  public static SweepExecutor create(String kind, int threads) {
    return switch (kind) {
      case "local" -> threads == 0 ? LocalExecutor.allCores() : new LocalExecutor(threads);
      case "spark" -> spark();
      default -> throw new IllegalArgumentException("--executor: unknown executor '" + kind
          + "' (expected local or spark)");
    };
  }

  private static SweepExecutor spark() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, Executors.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("--executor spark: Apache Spark is not on the classpath; run via "
          + "spark-submit with the dse shaded jar (dse/target/tritium-dse-spark.jar), see dse/README.md", e);
    }
    try {
      return (SweepExecutor) Class.forName(SPARK_EXECUTOR).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + SPARK_EXECUTOR, e);
    }
  }
}
