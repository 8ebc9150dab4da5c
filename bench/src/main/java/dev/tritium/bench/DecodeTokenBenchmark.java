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

/** One full bitnet-b1.58-2B-4T decode token (30 layers + LM head) on seeded synthetic weights. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class DecodeTokenBenchmark {

  private static final int CONTEXT = 64;

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
  public void freshCacheWhenFull() {
    if (cache == null || cache.length() == cache.capacity()) {
      cache = model.newCache(CONTEXT);
    }
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
