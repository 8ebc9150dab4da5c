package dev.tritium.bench;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.SearchResult;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.EnumSet;
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
 * Tiling search for one BitLinear layer (target: at most 1 s): enumerate, filter, estimate every legal
 * mapping, simulate the best four timing-only, over both units, uncached. Layers: the 2B-4T
 * projections at decode (q_proj 2560x2560, down_proj K=6912, up_proj N=6912) and up_proj at a
 * 128-token prefill, on the default edge preset. {@code cachedLayer} is the cache hit every further
 * layer of the same shape costs. Average time per search, in ms.
 *
 * <p>Run: {@code mvn -q -B -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar MappingSearchBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MappingSearchBenchmark {

  /** M x K x N. */
  @Param({"1x2560x2560", "1x6912x2560", "1x2560x6912", "128x2560x6912"})
  public String layer;

  @Param({"cycles", "energy"})
  public String objective;

  private TilingSearch search;
  private BitLinearShape shape;
  private Objective goal;

  @Setup
  public void setup() {
    search = new TilingSearch(ArchConfigs.preset("edge-fpga-mac"));
    String[] mkn = layer.split("x");
    shape = new BitLinearShape(Integer.parseInt(mkn[0]), Integer.parseInt(mkn[1]), Integer.parseInt(mkn[2]));
    goal = Objective.parse(objective);
    search.search(shape, goal);
  }

  @Benchmark
  public SearchResult searchLayer() {
    return search.searchUncached(shape, goal, EnumSet.allOf(ComputeUnit.class), TilingSearch.defaultWeights(shape));
  }

  @Benchmark
  public SearchResult cachedLayer() {
    return search.search(shape, goal);
  }
}
