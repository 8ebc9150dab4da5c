package dev.tritium.bench;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.scalesim.ScaleSimLayer;
import dev.tritium.simulator.scalesim.ScaleSimLayerReport;
import dev.tritium.simulator.scalesim.ScaleSimModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SCALE-Sim-compatible mode on one decode-token GEMM of BitNet b1.58 2B-4T (M = 1, K = 2560, N = 6912,
 * the FFN up projection) on a 128x128 array, per dataflow. SCALE-Sim itself builds per-cycle demand
 * matrices for this layer; the closed forms take microseconds.
 *
 * <p>Run: {@code mvn -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar ScaleSimBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScaleSimBenchmark {

  @Param({"ws", "os", "is"})
  public String dataflow;

  private Dataflow df;
  private ScaleSimLayer layer;

  @Setup
  public void setup() {
    df = Dataflow.parse(dataflow, "dataflow");
    layer = ScaleSimLayer.gemm("ffn_up", 1, 6912, 2560);
  }

  @Benchmark
  public ScaleSimLayerReport decodeFfnUp128x128() {
    return ScaleSimModel.layer(0, layer, 128, 128, df);
  }
}
