package dev.tritium.bench;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Store;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.loop.LoopExpander;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Engine;
import dev.tritium.simulator.engine.EngineOptions;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.stats.SimulationStats;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The timing engine (timing-only) on the 2B-4T FFN up projection, one decode token
 * (M = 1, K = 2560, N = 6912, 2-bit weights) written as one LOOP.GEMM on the edge-fpga-mac preset (the
 * MAC-array design the figures in simulator/README.md were measured on), with
 * weight tiles from 256 x 2560 (27 tiles, 58 expanded instructions) down to 16 x 32 (34560 tiles,
 * 69124 expanded instructions) so the per-instruction cost shows. The macro is streamed, never
 * materialised. Throughput mode: the primary score is layer simulations per second; the
 * {@code simulatedCycles} and {@code expandedInstructions} counters are rates per wall second.
 *
 * <p>Run: {@code mvn -q -B -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar EngineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class EngineBenchmark {

  /** tile_n x tile_k of the weight stream. */
  @Param({"256x2560", "64x256", "32x64", "16x32"})
  public String tile;

  private ArchConfig arch;
  private List<Instruction> program;

  /** Simulated cycles, reported per wall second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Simulated {
    public long simulatedCycles;
    public long expandedInstructions;

    @Setup(Level.Iteration)
    public void reset() {
      simulatedCycles = 0;
      expandedInstructions = 0;
    }
  }

  @Setup
  public void setup() {
    arch = ArchConfigs.preset("edge-fpga-mac");
    String[] nk = tile.split("x");
    program = ffnUp(Integer.parseInt(nk[0]), Integer.parseInt(nk[1]));
    System.out.println("\n" + tile + ": " + program.size() + " program instructions, "
        + LoopExpander.expandedSize(program) + " expanded");
  }

  /** The 1 x 2560 x 6912 BitLinear as a LOOP.GEMM, then its output stored. */
  static List<Instruction> ffnUp(int tileN, int tileK) {
    int m = 1;
    int n = 6912;
    int k = 2560;
    long rowBytes = Packing.TWO_BIT.packedRowBytes(k);
    long slotBytes = tileN * Packing.TWO_BIT.packedRowBytes(tileK);
    return List.of(
        new LoopWeights(Deps.NONE, 0, rowBytes, 0, slotBytes),
        new LoopBounds(Deps.NONE, m, n, k, tileN, tileK, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(new Deps(false, false, false, true), 0, 0, 0, false, false, false),
        new Store(new Deps(true, false, false, false), Buffer.ACC, 0, 1L << 32, m, 4 * n, 4L * n),
        new Finish(Deps.NONE));
  }

  @Benchmark
  public SimulationStats timingOnly(Simulated counters) {
    SimulationStats s = new Engine(Machine.of(arch), EngineOptions.timingOnly()).run(program);
    counters.simulatedCycles += s.totalCycles();
    counters.expandedInstructions += s.instructions();
    return s;
  }
}
