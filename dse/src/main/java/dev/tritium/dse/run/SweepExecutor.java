package dev.tritium.dse.run;

import dev.tritium.dse.eval.ResultRow;
import java.util.function.Consumer;

/**
 * Evaluates a set of point ids of a job and hands each finished row to {@code sink} (called from any
 * thread, in any order; the sink is thread-safe). Results must not depend on the executor: every
 * implementation turns ids into rows with {@link SweepJob#runner()}.
 */
public interface SweepExecutor {

  void run(SweepJob job, long[] pendingIds, Consumer<ResultRow> sink) throws Exception;

  /** A short description for the console ("local, 2 threads"). */
  String describe();
}
