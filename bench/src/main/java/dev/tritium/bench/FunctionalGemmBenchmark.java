package dev.tritium.bench;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import java.util.EnumSet;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * Functional GEMM.T throughput on 2B-4T BitLinear shapes, one whole-layer instruction from packed
 * bytes in simulated WGT (scan + multiply + accumulator write-back + counts). Ternary MAC/s =
 * m * n * k / (time per op); the bar is 1 G MAC/s. Run:
 * {@code java -jar bench/target/benchmarks.jar FunctionalGemmBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FunctionalGemmBenchmark {

  /** "m x n x k": decode (M = 1) and 128-token prefill on the 2B-4T FFN (up/gate, down) and attention. */
  @Param({"1x6912x2560", "1x2560x6912", "1x2560x2560", "128x6912x2560", "128x2560x6912"})
  public String shape;

  @Param({"TWO_BIT", "BASE3"})
  public String packing;

  private final FunctionalModel model = new FunctionalModel();
  private MachineState state;
  private GemmTernary gemm;

  @Setup
  public void setup() {
    String[] d = shape.split("x");
    int m = Integer.parseInt(d[0]);
    int n = Integer.parseInt(d[1]);
    int k = Integer.parseInt(d[2]);
    Packing p = Packing.valueOf(packing);
    long wgtBytes = n * p.packedRowBytes(k);
    IsaTarget target = new IsaTarget("bench", wgtBytes, (long) m * k, 4L * m * n, 0, 0, 128, 128,
        Optional.empty(), 0, EnumSet.of(p));
    state = new MachineState(target);
    SplittableRandom rnd = new SplittableRandom(42);
    byte[] w = state.buffer(Buffer.WGT).bytes();
    int perByte = p == Packing.BASE3 ? 5 : 4;
    for (int r = 0; r < n; r++) {
      for (int b = 0; b < p.packedRowBytes(k); b++) {
        int real = Math.min(perByte, k - b * perByte);
        int v = 0;
        for (int i = real - 1; i >= 0; i--) {
          int digit = rnd.nextInt(3);
          v = p == Packing.BASE3 ? v * 3 + digit : v << 2 | digit;
        }
        if (p == Packing.BASE3) {
          for (int i = real; i < perByte; i++) {
            v += (int) Math.pow(3, i); // padding digits are weight 0
          }
        }
        w[(int) (r * p.packedRowBytes(k) + b)] = (byte) v;
      }
    }
    byte[] act = state.buffer(Buffer.ACT).bytes();
    for (int i = 0; i < act.length; i++) {
      act[i] = (byte) rnd.nextInt(-127, 128);
    }
    gemm = new GemmTernary(Deps.NONE, 0, 0, 0, m, n, k, p, false);
  }

  @Benchmark
  public ActionCounters gemmT() {
    ActionCounters counters = new ActionCounters();
    model.execute(gemm, state, counters);
    return counters;
  }
}
