package dev.tritium.bench;

import dev.tritium.models.kernel.MaskPackedWeights;
import dev.tritium.models.kernel.PackedActivations;
import dev.tritium.models.kernel.PackedTernary;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.TritPackedWeights;
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
 * Ternary GEMV (M = 1) on the bitnet-b1.58-2B-4T shapes, in both of the reference engine's layouts:
 * {@code kernel=lut} is the table-lookup kernel on 1.78-bit trit words (module {@code simd}; the fork gets
 * {@code --add-modules jdk.incubator.vector} and the launcher's {@code VECTOR_ACCESS_OOB_CHECK=0}; the trial fails
 * if the provider is missing rather than timing the scalar fallback), {@code kernel=popcount} the plain-Java
 * kernel on 2-bit sign masks. {@code streamed} cycles through 256 MiB of distinct matrices so weights come from
 * DRAM; {@code cached} repeats one matrix. Divide rows x cols by the time for ternary MAC/s and the packed bytes by
 * the time for weight GB/s; {@code tritium bench reference} prints those next to the measured memory bandwidth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC", "--add-modules", "jdk.incubator.vector",
    "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0"})
public class TernaryGemvBenchmark {

  @Param({"2560x2560", "640x2560", "6912x2560", "2560x6912"})
  public String shape;

  @Param({"lut", "popcount"})
  public String kernel;

  private ParallelLoop loop;
  private PackedTernary[] weights;
  private PackedActivations input;
  private int[] acc;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    String[] nk = shape.split("x");
    int rows = Integer.parseInt(nk[0]);
    int cols = Integer.parseInt(nk[1]);
    if (!kernel.equals("lut") && !kernel.equals("popcount")) {
      // A -p value shared with another benchmark (LmHeadBenchmark's kernel=vector) must not time popcount unnoticed.
      throw new IllegalArgumentException("kernel must be lut or popcount, got " + kernel);
    }
    boolean lut = kernel.equals("lut");
    if (lut && TernaryKernels.selection().tritKernel().isEmpty()) {
      throw new IllegalStateException("no table-lookup kernel: " + TernaryKernels.selection().reason());
    }
    loop = ParallelLoop.perProcessor();
    long bytes = lut ? TritPackedWeights.storageBytes(rows, cols) : MaskPackedWeights.storageBytes(rows, cols);
    int copies = (int) Math.max(1, (256L << 20) / bytes);
    weights = new PackedTernary[copies];
    for (int c = 0; c < copies; c++) {
      MaskPackedWeights m = SyntheticWeights.ternary(rows, cols, SyntheticWeights.DEFAULT_ZERO_FRACTION, 42, c, loop);
      weights[c] = lut ? TritPackedWeights.fromMasks(m, loop) : m;
    }
    SplittableRandom rnd = new SplittableRandom(1);
    float[] x = new float[cols];
    for (int i = 0; i < cols; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    input = new PackedActivations(Quantizers.quantizeActivations(x, 1, cols));
    acc = new int[rows];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public int[] streamed() {
    PackedTernary w = weights[next];
    next = next + 1 == weights.length ? 0 : next + 1;
    w.accumulate(input, acc, loop);
    return acc;
  }

  @Benchmark
  public int[] cached() {
    weights[0].accumulate(input, acc, loop);
    return acc;
  }
}
