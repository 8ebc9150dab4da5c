package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelLoopTest {

  @Test
  void everyIndexRunsExactlyOnceAcrossManyCalls() {
    try (ParallelLoop loop = new ParallelLoop(3)) {
      for (int call = 0; call < 5000; call++) {
        int count = call % 7;
        AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(count, 1));
        loop.forRange(count, (from, to) -> {
          for (int i = from; i < to; i++) {
            hits.incrementAndGet(i);
          }
        });
        for (int i = 0; i < count; i++) {
          assertEquals(1, hits.get(i), "call " + call + " index " + i);
        }
      }
    }
  }

  @Test
  void eachThreadRunsItsChunkFrontToBackInGrains() {
    int[] owner = new int[16];
    try (ParallelLoop loop = new ParallelLoop(2)) {
      loop.forRange(16, (from, to) -> {
        for (int i = from; i < to; i++) {
          owner[i] = from;
        }
      });
    }
    // 16 indices, 2 chunks of 8, grains of max(1, 16 / (2 * 64)) = 1: every index is its own grain.
    for (int i = 0; i < 16; i++) {
      assertEquals(i, owner[i]);
    }
  }

  @Test
  void aDelayedThreadsChunkIsTakenOverFromItsEnd() throws Exception {
    try (ParallelLoop loop = new ParallelLoop(2)) {
      java.util.Map<Integer, String> ranBy = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.concurrent.CountDownLatch workerStarted = new java.util.concurrent.CountDownLatch(1);
      loop.forRange(32, (from, to) -> {
        for (int i = from; i < to; i++) {
          ranBy.put(i, Thread.currentThread().getName());
        }
        if (Thread.currentThread().getName().equals("main")) {
          // Without this the caller could run all 32 before the worker sees the call.
          await(workerStarted);
        } else {
          workerStarted.countDown();
          // The worker (chunk [16, 32)) is slow: the caller finishes [0, 16) and takes grains from 31 downwards.
          sleep(20);
        }
      });
      assertEquals(32, ranBy.size());
      String main = Thread.currentThread().getName();
      for (int i = 0; i < 16; i++) {
        assertEquals(main, ranBy.get(i), "index " + i);
      }
      assertEquals(main, ranBy.get(31), "the last grain of the slow chunk");
      assertTrue(!ranBy.get(16).equals(main), "the slow chunk's first grain stays with its owner");
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void workerFailuresReachTheCaller() {
    try (ParallelLoop loop = new ParallelLoop(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.forRange(4, (from, to) -> {
        if (from > 0) {
          throw new IllegalStateException("chunk " + from);
        }
      }));
      assertTrue(e.getMessage().matches("chunk [123]"), e.getMessage());
      int[] sum = new int[1];
      loop.forRange(1, (from, to) -> sum[0] += to - from);
      assertEquals(1, sum[0]);
    }
  }

  @Test
  void rejectsNonPositiveThreads() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelLoop(0));
  }
}
