package dev.tritium.bench;

import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.OpCounter;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.nn.KvCache;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full bitnet-b1.58-2B-4T decode token (30 layers + LM head) on seeded synthetic weights, in a JVM set up as
 * {@code ./tritium bench reference} sets up its own: with {@code jdk.incubator.vector}, so the LM head runs module
 * simd's vector kernel (without it the fork measured the scalar LM head). Average time over 2-second iterations
 * (about 25 tokens each) after 5 warm-up iterations: single tokens timed one by one spread over +-150 % while the
 * JIT was still compiling. Each iteration starts from an empty cache, so the context runs from 0 to about 25.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
// -Xmn512m as ./tritium sets it for bench and reference: a fixed young generation (models/README.md, "Heap").
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xmn512m", "-XX:+UseParallelGC", "--add-modules", "jdk.incubator.vector",
    "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0"})
public class DecodeTokenBenchmark {

  /** Cache positions per iteration: far more tokens than a 2-second iteration decodes. */
  private static final int CONTEXT = 1024;

  private ParallelLoop loop;
  private BitNetModel model;
  private KvCache cache;
  private final OpCounter counter = new OpCounter(List.of());
  private int token = 1;

  @Setup(Level.Trial)
  public void setUp() {
    loop = ParallelLoop.perProcessor();
    model = new BitNetModel(SyntheticWeights.generate(ModelPresets.byName("bitnet-b1.58-2b-4t"), 42,
        SyntheticWeights.DEFAULT_ZERO_FRACTION, loop));
  }

  @Setup(Level.Iteration)
  public void freshCache() {
    cache = model.newCache(CONTEXT);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public float[][] decodeToken() {
    counter.reset();
    token = (token * 31 + 7) % 128256;
    return model.forward(new int[] {token}, cache, 1, loop, counter);
  }
}
