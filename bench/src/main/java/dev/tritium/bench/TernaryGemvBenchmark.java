package dev.tritium.bench;

import dev.tritium.models.kernel.ActivationPlanes;
import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.kernel.TernaryGemv;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.synth.SyntheticWeights;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ternary GEMV (M = 1) on the bitnet-b1.58-2B-4T shapes from sign-mask packed weights (2 bits per
 * weight). {@code streamed} cycles through 256 MiB of distinct matrices so weights come from DRAM;
 * {@code cached} repeats one matrix. Divide rows x cols by the time for ternary MAC/s and the packed
 * bytes by the time for weight GB/s; {@code tritium bench reference} prints those next to the
 * measured memory bandwidth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class TernaryGemvBenchmark {

  @Param({"2560x2560", "640x2560", "6912x2560", "2560x6912"})
  public String shape;

  private ParallelLoop loop;
  private MaskPackedWeights[] weights;
  private int[][] planes;
  private int[] acc;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    String[] nk = shape.split("x");
    int rows = Integer.parseInt(nk[0]);
    int cols = Integer.parseInt(nk[1]);
    loop = ParallelLoop.perProcessor();
    int copies = (int) Math.max(1, (256L << 20) / MaskPackedWeights.storageBytes(rows, cols));
    weights = new MaskPackedWeights[copies];
    for (int c = 0; c < copies; c++) {
      weights[c] = SyntheticWeights.ternary(rows, cols, SyntheticWeights.DEFAULT_ZERO_FRACTION, 42, c, loop);
    }
    SplittableRandom rnd = new SplittableRandom(1);
    float[] x = new float[cols];
    for (int i = 0; i < cols; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    QuantizedActivations q = Quantizers.quantizeActivations(x, 1, cols);
    planes = new int[][] {ActivationPlanes.of(q.values(), 0, cols)};
    acc = new int[rows];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public int[] streamed() {
    MaskPackedWeights w = weights[next];
    next = next + 1 == weights.length ? 0 : next + 1;
    TernaryGemv.accumulate(w, planes, acc, loop);
    return acc;
  }

  @Benchmark
  public int[] cached() {
    TernaryGemv.accumulate(weights[0], planes, acc, loop);
    return acc;
  }
}
