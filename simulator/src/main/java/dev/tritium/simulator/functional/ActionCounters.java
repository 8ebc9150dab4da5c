package dev.tritium.simulator.functional;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IntWidth;
import java.util.EnumMap;
import java.util.Map;

/**
 * Mutable, exact action counters that the functional model (and, in timing-only mode, the count-only
 * path) increments; plain long fields so counting costs nothing next to the work counted.
 * {@link #snapshot()} gives the immutable {@link ActionCounts}. Value-dependent counts (ternary adds,
 * subs, skips, zero activations) are marked unknown as soon as one instruction was counted without
 * its values.
 */
public final class ActionCounters {

  private final PairTally macArray = new PairTally();
  private final PairTally lutPairs = new PairTally();
  private final PairTally floatArray = new PairTally();
  private long maskDecodes;
  private long lutBuildAdds;
  private long lutTableEntries;
  private long lutLookups;
  private long lutAccumulateAdds;
  private long lutFloatBuildAdds;
  private long lutFloatAccumulateAdds;
  private long lutBitPlaneEdgeMacs;
  private long int8Macs;
  private long codePairs;
  private long codeEdgeAdds;
  private IntArrayMacs intArray = IntArrayMacs.NONE;
  private BitPlaneCounts bitPlane = BitPlaneCounts.NONE;
  private final long[] fp32 = new long[Fp32Op.values().length];
  private final long[] sramRead = new long[Buffer.values().length];
  private final long[] sramWritten = new long[Buffer.values().length];
  private long dramRead;
  private long dramWritten;
  private long kvStoreRead;
  private long kvStoreWritten;

  /** Pair counts of one unit; {@code known} drops to false for good once a pair batch was unknown. */
  private static final class PairTally {
    long pairs;
    long adds;
    long subs;
    long skips;
    long zeroActivations;
    boolean known = true;

    void add(long p, WeightTileStats weights, long tokens, long zeroActs) {
      pairs += p;
      if (weights == null) {
        known = false;
        return;
      }
      adds += tokens * weights.plusOnes();
      subs += tokens * weights.minusOnes();
      skips += tokens * weights.zeros();
      zeroActivations += zeroActs;
    }

    TernaryPairCounts snapshot() {
      return known
          ? new TernaryPairCounts(pairs, adds, subs, skips, zeroActivations, CountSource.EXECUTED)
          : new TernaryPairCounts(pairs, 0, 0, 0, 0, CountSource.UNKNOWN);
    }
  }

  /**
   * A GEMM.T tile: m tokens against a weight tile whose values are {@code weights} (null when not
   * known, timing-only), with {@code zeroActivationPairs} pairs whose activation was zero.
   */
  public void macArrayTile(long m, long n, long k, WeightTileStats weights, long zeroActivationPairs) {
    macArray.add(m * n * k, weights, m, zeroActivationPairs);
  }

  /** A GEMM.SF tile (fp32 activations on the array's fp32 adders); weights null when not known. */
  public void floatArrayTile(long m, long n, long k, WeightTileStats weights) {
    floatArray.add(m * n * k, weights, m, 0);
  }

  /** The weight-activation pairs a LUT.GEMM covered (weights null when not known). */
  public void lutTile(long m, long n, long k, WeightTileStats weights, long zeroActivationPairs) {
    lutPairs.add(m * n * k, weights, m, zeroActivationPairs);
  }

  public void lutBuild(long buildAdds, long tableEntries) {
    lutBuildAdds += buildAdds;
    lutTableEntries += tableEntries;
  }

  public void lutLookups(long lookups, long accumulateAdds) {
    lutLookups += lookups;
    lutAccumulateAdds += accumulateAdds;
  }

  /** A LUT.BUILD.F16: fp32 adds (priced as fp adds, not as the integer builder's) and fp16 entries written. */
  /** LUT.GEMM.BP's zero-point multiply-adds at the LUT core's edge (one per output). */
  public void lutBitPlaneEdge(long macs) {
    lutBitPlaneEdgeMacs += macs;
  }

  public void lutFloatBuild(long floatAdds, long tableEntries) {
    lutFloatBuildAdds += floatAdds;
    lutTableEntries += tableEntries;
  }

  /** A LUT.GEMM.F16: lookups (counted with the integer ones) and their fp32 accumulate adds. */
  public void lutFloatLookups(long lookups, long floatAccumulateAdds) {
    lutLookups += lookups;
    lutFloatAccumulateAdds += floatAccumulateAdds;
  }

  /** A GEMM.Q2 tile: m * n * k PE adds and 2 * m * k edge adds (2a and 3a per activation). */
  public void codeArrayTile(long m, long n, long k) {
    codePairs += m * n * k;
    codeEdgeAdds += 2 * m * k;
  }

  public void int8Macs(long macs) {
    int8Macs += macs;
  }

  /** GEMM.IW multiply-accumulates of one pair of operand widths. */
  public void intArrayMacs(IntWidth weights, IntWidth activations, long macs) {
    intArray = intArray.plus(weights, activations, macs);
  }

  /** One GEMM.BP's AND + popcount byte operations, pass adds and zero-point multiply-adds. */
  public void bitPlane(BitPlaneCounts instruction) {
    bitPlane = bitPlane.plus(instruction);
  }

  public void fp32(Fp32Op op, long count) {
    fp32[op.ordinal()] += count;
  }

  public void sramRead(Buffer b, long bytes) {
    sramRead[b.ordinal()] += bytes;
  }

  public void sramWritten(Buffer b, long bytes) {
    sramWritten[b.ordinal()] += bytes;
  }

  public void dramRead(long bytes) {
    dramRead += bytes;
  }

  public void dramWritten(long bytes) {
    dramWritten += bytes;
  }

  /** Bytes the DMA read from the on-chip KV store (a LOAD from its window). */
  public void kvStoreRead(long bytes) {
    kvStoreRead += bytes;
  }

  /** Bytes the DMA wrote to the on-chip KV store (a STORE to its window). */
  public void kvStoreWritten(long bytes) {
    kvStoreWritten += bytes;
  }

  /** Weights whose masks a gated GEMM.SF decoded. */
  public void maskDecodes(long weights) {
    maskDecodes += weights;
  }

  public ActionCounts snapshot() {
    Map<Fp32Op, Long> ops = new EnumMap<>(Fp32Op.class);
    for (Fp32Op op : Fp32Op.values()) {
      if (fp32[op.ordinal()] != 0) {
        ops.put(op, fp32[op.ordinal()]);
      }
    }
    Map<Buffer, Long> reads = new EnumMap<>(Buffer.class);
    Map<Buffer, Long> writes = new EnumMap<>(Buffer.class);
    for (Buffer b : Buffer.values()) {
      reads.put(b, sramRead[b.ordinal()]);
      writes.put(b, sramWritten[b.ordinal()]);
    }
    return new ActionCounts(macArray.snapshot(), lutPairs.snapshot(),
        new LutCoreCounts(lutBuildAdds, lutTableEntries, lutLookups, lutAccumulateAdds, lutFloatBuildAdds,
            lutFloatAccumulateAdds, lutBitPlaneEdgeMacs), int8Macs, ops,
        new MemoryTraffic(reads, writes, dramRead, dramWritten, kvStoreRead, kvStoreWritten), floatArray.snapshot(),
        new CodeArrayCounts(codePairs, codeEdgeAdds), maskDecodes, intArray, bitPlane);
  }
}
