package dev.tritium.models.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed pool that splits an index range [0, count) into one contiguous chunk per thread. Callers
 * write disjoint outputs per index and never reduce across chunks, so results do not depend on the
 * thread count.
 */
public final class ParallelLoop implements AutoCloseable {

  /** Body of a loop over [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  /** A loop over {@code threads} threads (the caller's thread is one of them). */
  public ParallelLoop(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "tritium-kernel");
      t.setDaemon(true);
      return t;
    });
  }

  /** One thread per available processor. */
  public static ParallelLoop perProcessor() {
    return new ParallelLoop(Runtime.getRuntime().availableProcessors());
  }

  /** A single-threaded loop (runs on the caller). */
  public static ParallelLoop serial() {
    return new ParallelLoop(1);
  }

  public int threads() {
    return threads;
  }

  /** Runs body over [0, count) split into contiguous chunks; returns when all chunks are done. */
  public void forRange(int count, RangeBody body) {
    int chunks = Math.min(threads, count);
    if (chunks <= 1) {
      if (count > 0) {
        body.run(0, count);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(chunks - 1);
    for (int c = 1; c < chunks; c++) {
      int from = (int) ((long) count * c / chunks);
      int to = (int) ((long) count * (c + 1) / chunks);
      futures.add(pool.submit(() -> body.run(from, to)));
    }
    body.run(0, (int) ((long) count / chunks));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a kernel chunk", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
