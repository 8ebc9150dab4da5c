package dev.tritium.bench;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
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
 * Mapping plus timing-only simulation of a whole bitnet-b1.58-2B-4T call (target: a decode token in at
 * most 200 ms): a fresh {@link ModelEstimator} each invocation compiles one decoder layer (graph,
 * schedule, buffer plan, ISA program), simulates it and its per-group programs, reuses it for the 30
 * layers, and simulates the embedding, final norm and LM head. {@code decoderLayerUnitSearch} is the
 * decoder layer's mapping search (target: at most 1 s): both ternary units compiled and simulated, the
 * faster one kept, as {@code tritium map --layer decoder} does. Time per call, ms.
 *
 * <p>Run: {@code mvn -q -B -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar WholeTokenBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class WholeTokenBenchmark {

  @Param({"edge-fpga-mac"})
  public String arch;

  private ModelConfig model;
  private ArchConfig archConfig;

  @Setup
  public void setup() {
    model = ModelPresets.byName("bitnet-b1.58-2b-4t");
    archConfig = ArchConfigs.preset(arch);
  }

  @Benchmark
  public ModelEstimate decodeTokenMac() {
    return new ModelEstimator(model, archConfig, ComputeUnit.MAC).estimate(LayerShape.decode(1024));
  }

  @Benchmark
  public ModelEstimate decodeTokenLut() {
    return new ModelEstimator(model, archConfig, ComputeUnit.LUT).estimate(LayerShape.decode(1024));
  }

  @Benchmark
  public long decoderLayerUnitSearch() {
    long mac = new ModelEstimator(model, archConfig, ComputeUnit.MAC).layer(LayerShape.decode(1024)).cycles();
    long lut = new ModelEstimator(model, archConfig, ComputeUnit.LUT).layer(LayerShape.decode(1024)).cycles();
    return Math.min(mac, lut);
  }

  @Benchmark
  public ModelEstimate prefill128Mac() {
    return new ModelEstimator(model, archConfig, ComputeUnit.MAC).estimate(LayerShape.prefill(128));
  }
}
