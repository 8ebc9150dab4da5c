package dev.tritium.dse.eval;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.dse.sweep.Workload;
import dev.tritium.simulator.config.ArchConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CompletionException;

/**
 * Reuses results across points that give the evaluator the same inputs. The key is the arch with its
 * name cleared (the point id is in the name) plus the unit and workload; two points that differ only in
 * parameters the chosen unit never reads map to the same key once {@link #normalise} clears those.
 * Concurrent requests for one key wait for a single evaluation.
 */
public final class CachingEvaluator implements PointEvaluator {

  private record Key(ArchConfig arch, ComputeUnit unit, Workload workload) {}

  private final PointEvaluator inner;
  private final ConcurrentMap<Key, CompletableFuture<WorkloadResult>> cache = new ConcurrentHashMap<>();

  public CachingEvaluator(PointEvaluator inner) {
    this.inner = inner;
  }

  @Override
  public WorkloadResult evaluate(ArchConfig arch, ComputeUnit unit, Workload workload) {
    Key key = new Key(normalise(arch), unit, workload);
    CompletableFuture<WorkloadResult> mine = new CompletableFuture<>();
    CompletableFuture<WorkloadResult> f = cache.putIfAbsent(key, mine);
    if (f == null) {
      try {
        mine.complete(inner.evaluate(arch, unit, workload));
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
      f = mine;
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Distinct evaluations done so far. */
  public int size() {
    return cache.size();
  }

  /** The arch as a cache key: the name carries the point id and changes no result. */
  static ArchConfig normalise(ArchConfig arch) {
    return arch.withName("");
  }
}
