package dev.tritium.bench;

import dev.tritium.models.kernel.Bf16Kernels;
import dev.tritium.models.kernel.Bf16MatVecKernel;
import dev.tritium.models.kernel.Bf16Matrix;
import dev.tritium.models.kernel.ParallelLoop;
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
 * The reference engine's LM head alone: one token's logits from the bitnet-b1.58-2B-4T tied embedding,
 * 128,256 x 2,560 bf16 values (656.7 MB, far larger than the caches, so every call streams it from DRAM),
 * with fp32 sums. Divide 2 x rows x cols bytes by the time for weight GB/s and compare with the bandwidth that
 * {@code tritium bench reference} measures beside its C probe.
 *
 * <p>{@code kernel}: {@code vector} is module simd's Vector API kernel (the forked JVM gets
 * {@code --add-modules jdk.incubator.vector}; the trial fails if the kernel is unavailable rather than measuring
 * something else), {@code scalar} the plain-Java kernel of models. Both give the same bits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC", "--add-modules", "jdk.incubator.vector"})
public class LmHeadBenchmark {

  static final int VOCAB = 128_256;
  static final int HIDDEN = 2_560;

  @Param({"vector", "scalar"})
  public String kernel;

  private Bf16MatVecKernel impl;
  private ParallelLoop loop;
  private Bf16Matrix head;
  private float[] x;
  private float[] logits;

  @Setup(Level.Trial)
  public void setUp() {
    if (kernel.equals("scalar")) {
      impl = Bf16Kernels.scalar();
    } else if (kernel.equals("vector")) {
      impl = Bf16Kernels.provided().orElseThrow(() -> new IllegalStateException(
          "no vector kernel: " + Bf16Kernels.selectionReason()));
    } else {
      throw new IllegalArgumentException("kernel must be vector or scalar, got " + kernel);
    }
    loop = ParallelLoop.perProcessor();
    SplittableRandom rnd = new SplittableRandom(7);
    short[] bits = new short[VOCAB * HIDDEN];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Bf16Matrix.toBf16((float) (rnd.nextGaussian() * 0.02));
    }
    head = new Bf16Matrix(VOCAB, HIDDEN, bits);
    x = new float[HIDDEN];
    for (int i = 0; i < HIDDEN; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    logits = new float[VOCAB];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public float[] logits() {
    head.matVec(x, logits, loop, impl);
    return logits;
  }
}
