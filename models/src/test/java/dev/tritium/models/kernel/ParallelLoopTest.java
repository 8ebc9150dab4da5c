package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
  void chunksAreContiguousAndStable() {
    int[] owner = new int[10];
    try (ParallelLoop loop = new ParallelLoop(2)) {
      loop.forRange(10, (from, to) -> {
        for (int i = from; i < to; i++) {
          owner[i] = from;
        }
      });
    }
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 5, 5, 5, 5, 5}, owner);
  }

  @Test
  void workerFailuresReachTheCaller() {
    try (ParallelLoop loop = new ParallelLoop(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.forRange(4, (from, to) -> {
        if (from > 0) {
          throw new IllegalStateException("chunk " + from);
        }
      }));
      assertEquals("chunk 2", e.getMessage());
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
