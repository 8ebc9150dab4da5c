package dev.tritium.dse.run;

import dev.tritium.dse.eval.PointRunner;
import dev.tritium.dse.eval.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Evaluates points on worker threads of this JVM. Workers take the next pending id from a shared
 * counter (ascending ids, so early rows arrive early), so the load balances itself whatever each point
 * costs.
 */
public final class LocalExecutor implements SweepExecutor {

  private final int threads;

  public LocalExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  /** One thread per available core. */
  public static LocalExecutor allCores() {
    return new LocalExecutor(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void run(SweepJob job, long[] pendingIds, Consumer<ResultRow> sink) throws Exception {
    PointRunner runner = job.runner();
    forEach(pendingIds, id -> sink.accept(runner.run(id)));
  }

  /** Runs {@code task} for every id on the worker threads; rethrows the first failure. */
  void forEach(long[] ids, LongConsumer task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    int n = Math.min(threads, Math.max(1, ids.length));
    for (int t = 0; t < n; t++) {
      Thread w = new Thread(() -> {
        try {
          for (int i = next.getAndIncrement(); i < ids.length && failure.get() == null; i = next.getAndIncrement()) {
            task.accept(ids[i]);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "dse-worker-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    Throwable e = failure.get();
    if (e instanceof Exception ex) {
      throw ex;
    }
    if (e instanceof Error err) {
      throw err;
    }
  }

  @Override
  public String describe() {
    return "local, " + threads + (threads == 1 ? " thread" : " threads");
  }
}
