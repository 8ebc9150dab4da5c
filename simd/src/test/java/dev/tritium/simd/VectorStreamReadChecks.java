package dev.tritium.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.models.kernel.MemoryBandwidth;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.kernel.StreamReadKernel;
import dev.tritium.models.kernel.StreamReadKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector stream-read kernel returns the plain kernel's sum (modulo 2^64) for every range, tails included. */
class VectorStreamReadChecks {

  private static final StreamReadKernel VECTOR = new VectorStreamRead();
  private static final StreamReadKernel PLAIN = StreamReadKernels.plain();

  @Test
  void sumsEqualThePlainKernelsForEveryShortRangeAndWrapAround() {
    SplittableRandom rnd = new SplittableRandom(17);
    long[] a = new long[300];
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 7 == 0 ? Long.MAX_VALUE - i : i % 11 == 0 ? Long.MIN_VALUE + i : rnd.nextLong();
    }
    for (int from = 0; from < 40; from++) {
      for (int to = from; to <= a.length; to++) {
        assertEquals(PLAIN.sum(a, from, to), VECTOR.sum(a, from, to), "range [" + from + ", " + to + ")");
      }
    }
  }

  @Test
  void theProbeRunsWithTheVectorKernelAndItsCheckHolds() {
    try (ParallelLoop loop = new ParallelLoop(2)) {
      MemoryBandwidth.Probe p = new MemoryBandwidth.Probe(1 << 20, loop, VECTOR);
      assertTrue(p.runGBps() > 0);
      assertTrue(p.kernelDescription().startsWith("vector, "), p.kernelDescription());
    }
  }

  @Test
  void aRangeOutsideTheArrayIsRefusedBeforeAnyVectorLoad() {
    long[] a = new long[64];
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.sum(a, -1, 8));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.sum(a, 0, 65));
    org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> VECTOR.sum(a, 9, 8));
  }
}
