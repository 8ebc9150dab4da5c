package dev.tritium.bench;

import dev.tritium.dse.eval.AreaEstimator;
import dev.tritium.dse.eval.MapperEvaluatorFactory;
import dev.tritium.dse.eval.PointRunner;
import dev.tritium.dse.eval.ResultRow;
import dev.tritium.dse.sweep.SweepFiles;
import dev.tritium.dse.sweep.SweepSpec;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one design point of a sweep on one thread: the first {@link #POINTS} points of a 2B-4T decode
 * sweep around edge-fpga-mac (context 1024: MAC array shape, dataflow, weight SRAM, DRAM bandwidth and clock),
 * each mapped and simulated timing-only through the dse point runner, from an empty cache per invocation
 * (as a new sweep starts). Points per minute on c cores ~ c x 60000 / (ms per point).
 *
 * <p>Run: {@code mvn -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar DseSweepBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class DseSweepBenchmark {

  static final int POINTS = 16;

  static final String SWEEP = """
      sweep: jmh-edge
      base_arch: edge-fpga-mac
      workload: {model: bitnet-b1.58-2b-4t, phase: decode, context: 1024}
      parameters:
        mac_array.rows: [16, 32]
        mac_array.cols: [32, 64]
        mac_array.dataflow: [ws, os]
        dram.peak_bandwidth_GBps: [12.8, 25.6]
      objectives: {latency_ms: min, energy_mJ: min}
      """;

  private SweepSpec spec;

  @Setup
  public void setup() {
    spec = SweepFiles.parse(SWEEP, "DseSweepBenchmark", Path.of("."));
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public long pointsFromEmptyCache() {
    PointRunner runner = new PointRunner(spec, new MapperEvaluatorFactory().create(), new AreaEstimator());
    long sink = 0;
    for (long id = 0; id < POINTS; id++) {
      ResultRow r = runner.run(id);
      sink += r.metrics().get(0).length();
    }
    return sink;
  }
}
