package dev.tritium.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamReadKernelsTest {

  @Test
  void thePlainSumIsTheSumModulo2To64ForEveryShortRange() {
    SplittableRandom rnd = new SplittableRandom(5);
    long[] a = new long[100];
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 3 == 0 ? Long.MAX_VALUE : rnd.nextLong();
    }
    for (int from = 0; from < 10; from++) {
      for (int to = from; to <= a.length; to++) {
        long expected = 0;
        for (int i = from; i < to; i++) {
          expected += a[i];
        }
        assertEquals(expected, StreamReadKernels.plain().sum(a, from, to), "range [" + from + ", " + to + ")");
      }
    }
  }

  @Test
  void withoutTheVectorModuleTheProbeRunsThePlainKernelAndSaysWhy() {
    assertSame(StreamReadKernels.plain(), StreamReadKernels.selection().kernel(), StreamReadKernels.selection().reason());
    assertTrue(StreamReadKernels.selection().reason().contains(VectorProviders.VECTOR_MODULE));
  }

  @Test
  void theProbeRejectsAKernelThatSkipsOneElement() {
    StreamReadKernel skipsLast = new StreamReadKernel() {
      @Override
      public String description() {
        return "skips the last element of every range";
      }

      @Override
      public long sum(long[] a, int from, int to) {
        return StreamReadKernels.plain().sum(a, from, Math.max(from, to - 1));
      }
    };
    try (ParallelLoop loop = new ParallelLoop(2)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new MemoryBandwidth.Probe(1 << 16, loop, skipsLast));
      assertTrue(e.getMessage().contains("skipped or repeated"), e.getMessage());
      assertTrue(new MemoryBandwidth.Probe(1 << 16, loop).runGBps() > 0);
    }
  }

  @Test
  void theClosedFormCheckCatchesAnOffByOneTotal() {
    MemoryBandwidth.checkSum(4950, 100);
    assertThrows(IllegalStateException.class, () -> MemoryBandwidth.checkSum(4951, 100));
  }
}
