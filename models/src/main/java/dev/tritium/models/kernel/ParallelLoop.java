package dev.tritium.models.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of threads that splits an index range [0, count) into one contiguous chunk per thread
 * (chunk c = [count*c/n, count*(c+1)/n)); the caller runs chunk 0. Each thread runs its chunk front to back in
 * grains of a 64th of a chunk (at least one index); a thread done early takes grains from the end of a chunk not
 * yet done. Callers write disjoint outputs per index and never reduce across grains, so results do not depend on
 * the thread count or on which thread ran which grain.
 *
 * <p>Why not an ExecutorService: a decode token makes ~200 short parallel calls (a 640 x 2560 GEMV
 * takes ~50 us), and handing work through a blocking queue and futures costs tens of microseconds
 * per call. Workers here spin briefly on a volatile generation counter and park only when idle.
 * One caller at a time (calls are serialized).
 *
 * <p>Why chunks with stealing from their ends rather than grains handed out in turn: a thread's chunk of a weight
 * matrix is one contiguous address range, which the hardware prefetcher follows from tile to tile. Grains handed out
 * alternately (tried: a quarter chunk each, taken by whichever thread was free) broke those streams and made a decode
 * token up to twice as slow. With fixed chunks only, a delayed thread (a shared machine) made the other wait at the
 * end of every call, about a tenth of a decode token.
 */
public final class ParallelLoop implements AutoCloseable {

  /** Body of a loop over [from, to). */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /**
   * Body of a loop over [from, to) that also learns which thread runs it ({@code 0 <= thread < threads()}, the caller
   * being 0), for per-thread scratch that lives for one call: one thread runs many grains of a call, and scratch
   * allocated per grain is new memory to zero and fetch every time.
   */
  @FunctionalInterface
  public interface ThreadRangeBody {
    void run(int thread, int from, int to);
  }

  /** Spins (Thread.onSpinWait, about 25 ns each here) of a caller waiting for the other chunks before it yields. */
  private static final int SPINS_BEFORE_YIELD = 2000;

  /**
   * How long an idle worker spins before it parks. A decode token's serial steps between two parallel calls (norms,
   * quantization, attention's softmax) take tens to a few hundred microseconds; a worker that parked in one of them
   * costs the next call an unpark and a wake-up of tens of microseconds, about 200 times a token. Spinning through
   * 1 ms keeps the workers awake across a token and parks them soon after it.
   */
  private static final long SPIN_NANOS_BEFORE_PARK = 1_000_000;

  /**
   * One call's work; workers read it through one volatile reference, so they never mix two calls. Chunk c is
   * {@code [count*c/n, count*(c+1)/n)}, its unclaimed part packed in one long (front in the high half, end in the
   * low half): its owner claims grains from the front, a thread whose own chunk is done claims grains from the end
   * of another's. Each claim is one compare-and-set, so every index runs exactly once.
   */
  private static final class Task {
    final long generation;
    final ThreadRangeBody body;
    final int count;
    final int chunks;
    final int grain;
    final AtomicLongArray unclaimed;
    final AtomicInteger pending;
    volatile Throwable failure;

    Task(long generation, ThreadRangeBody body, int count, int chunks) {
      this.generation = generation;
      this.body = body;
      this.count = count;
      this.chunks = chunks;
      this.grain = (int) Math.max(1, (long) count / ((long) chunks * GRAINS_PER_CHUNK));
      this.unclaimed = new AtomicLongArray(chunks);
      for (int c = 0; c < chunks; c++) {
        unclaimed.set(c, pack((int) ((long) count * c / chunks), (int) ((long) count * (c + 1) / chunks)));
      }
      this.pending = new AtomicInteger(chunks - 1);
    }

    private static long pack(int front, int end) {
      return (long) front << 32 | (end & 0xffffffffL);
    }

    /** Chunk {@code own} from its front, then the other chunks' ends; the first failure is kept and ends this share. */
    void run(int own) {
      try {
        for (long[] range = new long[1]; claim(own, true, range); ) {
          body.run(own, (int) (range[0] >>> 32), (int) range[0]);
        }
        for (int i = 1; i < chunks; i++) {
          int victim = (own + i) % chunks;
          for (long[] range = new long[1]; claim(victim, false, range); ) {
            body.run(own, (int) (range[0] >>> 32), (int) range[0]);
          }
        }
      } catch (RuntimeException | Error e) {
        if (failure == null) {
          failure = e;
        }
      }
    }

    /** Claims chunk c's next grain from its front (its owner) or its end (another thread); false when none is left. */
    private boolean claim(int c, boolean fromFront, long[] range) {
      while (true) {
        long u = unclaimed.get(c);
        int front = (int) (u >>> 32);
        int end = (int) u;
        if (front >= end) {
          return false;
        }
        int cut = fromFront ? (int) Math.min(end, (long) front + grain) : (int) Math.max(front, (long) end - grain);
        long rest = fromFront ? pack(cut, end) : pack(front, cut);
        if (unclaimed.compareAndSet(c, u, rest)) {
          range[0] = fromFront ? pack(front, cut) : pack(cut, end);
          return true;
        }
      }
    }
  }

  /**
   * Grains per chunk: a thread done with its own chunk takes over a delayed thread's work in steps of this fraction
   * of a chunk, and the other waits at most one grain at the end. With 8 a grain of the LM head was 7 of its 126
   * tiles (37 MB, about 2 ms of streaming); with 64 it is one tile. A GEMV's tiles are fewer than 64 per chunk, so
   * its grain is one tile either way.
   */
  private static final int GRAINS_PER_CHUNK = 64;

  private final int threads;
  private final Worker[] workers;
  private volatile Task task = new Task(0, null, 0, 1);
  private volatile boolean closed;

  /** A loop over {@code threads} threads (the caller's thread is one of them). */
  public ParallelLoop(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Worker[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(i + 1);
      workers[i].start();
    }
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
    forRange(count, (thread, from, to) -> body.run(from, to));
  }

  /** As {@link #forRange(int, RangeBody)}, telling the body which thread runs each grain. */
  public synchronized void forRange(int count, ThreadRangeBody body) {
    if (closed) {
      throw new IllegalStateException("parallel loop is closed");
    }
    int n = Math.min(threads, count);
    if (n <= 1) {
      if (count > 0) {
        body.run(0, 0, count);
      }
      return;
    }
    Task t = new Task(task.generation + 1, body, count, n);
    task = t;
    for (int i = 0; i < n - 1; i++) {
      if (workers[i].parked) {
        LockSupport.unpark(workers[i]);
      }
    }
    t.run(0);
    int spins = 0;
    while (t.pending.get() != 0) {
      if (++spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    Throwable thrown = t.failure;
    if (thrown instanceof RuntimeException) {
      throw (RuntimeException) thrown;
    }
    if (thrown instanceof Error) {
      throw (Error) thrown;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Worker w : workers) {
      LockSupport.unpark(w);
    }
  }

  private final class Worker extends Thread {
    private final int chunk;
    private volatile boolean parked;

    Worker(int chunk) {
      super("tritium-kernel-" + chunk);
      this.chunk = chunk;
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        int spins = 0;
        long spinStart = System.nanoTime();
        Task t;
        while ((t = task).generation == seen) {
          if (closed) {
            return;
          }
          if ((++spins & 255) != 0 || System.nanoTime() - spinStart < SPIN_NANOS_BEFORE_PARK) {
            Thread.onSpinWait();
          } else {
            parked = true;
            // Re-check after publishing "parked": the caller publishes the task, then reads parked.
            if (task.generation == seen && !closed) {
              LockSupport.park(this);
            }
            parked = false;
            spinStart = System.nanoTime();
          }
        }
        seen = t.generation;
        if (chunk < t.chunks) {
          t.run(chunk);
          t.pending.decrementAndGet();
        }
      }
    }
  }
}
