package dev.tritium.simulator.energy.accounting;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.CountSource;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.LutCoreCounts;
import dev.tritium.simulator.functional.MemoryTraffic;
import dev.tritium.simulator.functional.TernaryPairCounts;
import java.util.EnumMap;
import java.util.Map;

/** Hand-made action counts for the accounting tests. */
final class Counts {

  private Counts() {}

  static TernaryPairCounts pairs(long adds, long subs, long skips) {
    return new TernaryPairCounts(adds + subs + skips, adds, subs, skips, 0, CountSource.EXECUTED);
  }

  static TernaryPairCounts unknown(long pairs) {
    return new TernaryPairCounts(pairs, 0, 0, 0, 0, CountSource.UNKNOWN);
  }

  static ActionCounts of(TernaryPairCounts mac, long int8Macs, Map<Fp32Op, Long> fp32, long wgtRead, long actRead,
      long accWritten, long dramRead, long dramWritten) {
    Map<Buffer, Long> reads = new EnumMap<>(Buffer.class);
    Map<Buffer, Long> writes = new EnumMap<>(Buffer.class);
    reads.put(Buffer.WGT, wgtRead);
    reads.put(Buffer.ACT, actRead);
    writes.put(Buffer.ACC, accWritten);
    writes.put(Buffer.WGT, wgtRead);
    Map<Fp32Op, Long> ops = new EnumMap<>(Fp32Op.class); // ActionCounts copies into an EnumMap
    ops.putAll(fp32);
    return new ActionCounts(mac, TernaryPairCounts.NONE, new LutCoreCounts(0, 0, 0, 0), int8Macs, ops,
        new MemoryTraffic(reads, writes, dramRead, dramWritten));
  }

  /** A GEMV-like run: 10 adds, 6 subs, 4 skips; 3 int8 MACs; 2 exp + 5 fp32 adds; some traffic. */
  static ActionCounts small() {
    return of(pairs(10, 6, 4), 3, Map.of(Fp32Op.EXP, 2L, Fp32Op.ADD, 5L), 100, 40, 64, 140, 16);
  }
}
