package dev.tritium.mapper.tiling;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.MappingTraffic;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.CountSource;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.LutCoreCounts;
import dev.tritium.simulator.functional.MemoryTraffic;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.functional.WeightTileStats;
import dev.tritium.simulator.unit.dram.DramChannel;
import dev.tritium.simulator.unit.lut.LutGemmTiming;
import dev.tritium.simulator.unit.lut.LutTensorCore;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.vector.VectorUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * Roofline-style estimate of a mapping without simulating it (mapper/README.md, "Tiling search"):
 * the compute queue's cycles come from the simulator's own unit timing formulas (MAC-array folds,
 * LUT-core builds and lookups, vector-unit sweeps) summed over the instructions the mapping emits;
 * DRAM cycles are the bytes at peak bandwidth plus a descriptor overhead per transfer; the two overlap
 * (double buffering) except for the pipeline fill and drain. Energy prices the value-independent
 * actions, with the ternary pairs split by the weight histogram.
 */
public final class AnalyticalEstimator {

  /** Sweeps VEC.QUANT makes (absmax, then scale-round-store), as the engine times it. */
  static final int QUANT_PASSES = 2;
  /** Sweeps VEC.DEQUANT makes. */
  static final int DEQUANT_PASSES = 1;

  private final ArchConfig arch;
  private final EnergyAccounting accounting;
  private final TernaryMacArray mac;
  private final LutTensorCore lut;
  private final VectorUnit vector;
  private final DramChannel dram;
  private final SramBuffer wgt;
  private final SramBuffer lutSram;
  private final long descriptorCycles;

  public AnalyticalEstimator(ArchConfig arch, EnergyAccounting accounting) {
    this.arch = arch;
    this.accounting = accounting;
    Machine machine = Machine.of(arch);
    this.mac = machine.macArray();
    this.lut = machine.lutCore();
    this.vector = machine.vectorUnit();
    this.dram = machine.dram();
    this.wgt = machine.buffer(Buffer.WGT);
    this.lutSram = machine.buffer(Buffer.LUT);
    this.descriptorCycles = arch.dma().descriptorOverheadCycles();
  }

  /** The estimate of a legal mapping; {@code weights} is the weight histogram (for energy). */
  public Estimate estimate(BitLinearShape s, Mapping m, SramLayout sram, WeightTileStats weights) {
    int mTiles = m.mTiles(s);
    long compute = 0;
    for (int mt = 0; mt < mTiles; mt++) {
      compute += mTileComputeCycles(s, m, sram, Math.min(m.tileM(), s.tokens() - mt * m.tileM()));
    }
    MappingTraffic t = MappingTraffic.of(s, m);
    long transfers = t.weightTiles() + inputLoads(s, m, sram) + outputStores(s, m, sram);
    long bytes = t.dramReadBytes() + t.outputBytes();
    long dramCycles = dram.cyclesForBytes(bytes) + transfers * descriptorCycles;
    int tm0 = Math.min(m.tileM(), s.tokens());
    long fill = 2 * (dram.latencyCycles() + descriptorCycles)
        + dram.cyclesForBytes(4L * Math.min(sram.quantRows(), tm0) * s.inFeatures())
        + vector.cycles(Math.min(sram.quantRows(), tm0), s.inFeatures(), QUANT_PASSES);
    int bn = Math.min(m.blockN(), s.outFeatures());
    long drain = vector.cycles(Math.min(sram.dequantRows(), tm0), bn, DEQUANT_PASSES) + dram.latencyCycles()
        + descriptorCycles + dram.cyclesForBytes(4L * Math.min(sram.dequantRows(), tm0) * bn);
    return new Estimate(compute, dramCycles, fill + drain, bytes, energyPj(s, m, t, weights));
  }


  private static long inputLoads(BitLinearShape s, Mapping m, SramLayout sram) {
    long loads = 0;
    for (int mt = 0; mt < m.mTiles(s); mt++) {
      int tm = Math.min(m.tileM(), s.tokens() - mt * m.tileM());
      loads += ceilDiv(tm, sram.quantRows());
    }
    return loads;
  }

  private static long outputStores(BitLinearShape s, Mapping m, SramLayout sram) {
    long stores = 0;
    for (int mt = 0; mt < m.mTiles(s); mt++) {
      int tm = Math.min(m.tileM(), s.tokens() - mt * m.tileM());
      stores += ceilDiv(tm, sram.dequantRows()) * m.nBlocks(s);
    }
    return stores;
  }

  /** Compute-queue cycles of one M tile of tm tokens. */
  private long mTileComputeCycles(BitLinearShape s, Mapping m, SramLayout sram, int tm) {
    long c = 0;
    for (int r0 = 0; r0 < tm; r0 += sram.quantRows()) {
      c += vector.cycles(Math.min(sram.quantRows(), tm - r0), s.inFeatures(), QUANT_PASSES);
    }
    long builds = m.unit() == ComputeUnit.LUT ? (m.order() == LoopOrder.N_OUTER && m.kBlocks(s) > 1 ? m.nBlocks(s) : 1) : 0;
    for (int nb = 0; nb < m.nBlocks(s); nb++) {
      int bn = Math.min(m.blockN(), s.outFeatures() - nb * m.blockN());
      for (int kb = 0; kb < m.kBlocks(s); kb++) {
        int bk = Math.min(m.blockK(), s.inFeatures() - kb * m.blockK());
        if (nb == 0 && builds > 0) {
          c += builds * lut.build(tm, bk).cycles();
        }
        c += blockCycles(m, tm, bn, bk);
      }
      for (int r0 = 0; r0 < tm; r0 += sram.dequantRows()) {
        c += vector.cycles(Math.min(sram.dequantRows(), tm - r0), bn, DEQUANT_PASSES);
      }
    }
    return c;
  }

  /** Cycles of one LOOP.GEMM: its full and edge tiles, each timed by the unit's formula. */
  private long blockCycles(Mapping m, int tm, int bn, int bk) {
    int tn = Math.min(m.tileN(), bn);
    int tk = Math.min(m.tileK(), bk);
    long fullN = bn / tn;
    int edgeN = bn % tn;
    long fullK = bk / tk;
    int edgeK = bk % tk;
    long c = fullN * fullK * tile(m, tm, tn, tk);
    if (edgeK > 0) {
      c += fullN * tile(m, tm, tn, edgeK);
    }
    if (edgeN > 0) {
      c += fullK * tile(m, tm, edgeN, tk);
      if (edgeK > 0) {
        c += tile(m, tm, edgeN, edgeK);
      }
    }
    return c;
  }

  /**
   * One weight tile: the later of the unit's compute and its slowest operand stream, as the engine
   * times a compute instruction (weights from WGT; on the LUT core, one table read per broadcast).
   */
  private long tile(Mapping m, int tm, int tn, int tk) {
    long weights = wgt.cyclesFor((long) tn * m.packing().packedRowBytes(tk));
    if (m.unit() == ComputeUnit.MAC) {
      return Math.max(mac.ternaryTile(tm, tn, tk).cycles(), weights);
    }
    LutGemmTiming t = lut.gemm(tm, tn, tk);
    return Math.max(Math.max(t.cycles(), weights), lutSram.cyclesFor(t.tableBroadcasts() * lut.tableBytes()));
  }

  /**
   * The mapping's dominant value-independent actions (ternary pairs split by the histogram, LUT builds
   * and lookups, operand SRAM bytes, DRAM bytes; no vector-unit ops) as the counts a run would report,
   * priced by the same {@link EnergyAccounting} that prices simulated runs.
   */
  private double energyPj(BitLinearShape s, Mapping m, MappingTraffic t, WeightTileStats w) {
    long mm = s.tokens();
    long n = s.outFeatures();
    long k = s.inFeatures();
    Map<Buffer, Long> reads = new EnumMap<>(Buffer.class);
    Map<Buffer, Long> writes = new EnumMap<>(Buffer.class);
    long wgtBytes = t.weightBytes() * t.weightPasses();
    sram(reads, writes, Buffer.WGT, wgtBytes, wgtBytes);
    sram(reads, writes, Buffer.VEC, 4 * mm * k + 4 * mm * n + 4 * mm * n, 4 * mm * k + 4 * mm * n + 4 * mm);
    long kTiles = (k + m.tileK() - 1) / m.tileK();
    sram(reads, writes, Buffer.ACC, 4 * mm * n * kTiles, 4 * mm * n * kTiles);
    TernaryPairCounts pairs = TernaryPairCounts.NONE;
    LutCoreCounts lutCounts = new LutCoreCounts(0, 0, 0, 0);
    if (m.unit() == ComputeUnit.MAC) {
      long all = mm * n * k;
      long adds = Math.round(all * ((double) w.plusOnes() / w.total()));
      long skips = Math.round(all * ((double) w.zeros() / w.total()));
      pairs = new TernaryPairCounts(all, adds, all - adds - skips, skips, 0, CountSource.WEIGHT_HISTOGRAM);
      long nTiles = 0;
      for (int nb = 0; nb < m.nBlocks(s); nb++) {
        int bn = Math.min(m.blockN(), s.outFeatures() - nb * m.blockN());
        nTiles += (bn + m.tileN() - 1) / m.tileN();
      }
      sram(reads, writes, Buffer.ACT, mm * k * nTiles, mm * k);
    } else {
      long groups = (k + arch.lutCore().groupSize() - 1) / arch.lutCore().groupSize();
      long entries = arch.lutCore().tableEntries();
      long tables = mm * groups * t.tableBuildsPerToken();
      long lookups = mm * n * groups * lut.planes();
      // Bit planes: each weight tile's LUT.GEMM reads its tokens' group sums (all-ones entries) once
      // and each output subtracts its token's sum (simulator/README.md, action counters).
      long offsetReads = lut.planes() == 2 ? mm * groups * t.weightTilesPerPass() : 0;
      long offsetAdds = lut.planes() == 2 ? offsetReads + mm * n : 0;
      lutCounts = new LutCoreCounts(tables * (entries - 1), tables * entries, lookups, lookups + offsetAdds);
      sram(reads, writes, Buffer.LUT, 2 * (lookups + offsetReads), 2 * tables * entries);
      sram(reads, writes, Buffer.ACT, mm * k * t.tableBuildsPerToken(), mm * k);
    }
    ActionCounts counts = new ActionCounts(pairs, TernaryPairCounts.NONE, lutCounts, 0, new EnumMap<>(Fp32Op.class),
        new MemoryTraffic(reads, writes, t.dramReadBytes(), t.outputBytes()));
    return accounting.price(counts, 0.0).dynamicPj();
  }

  private static void sram(Map<Buffer, Long> reads, Map<Buffer, Long> writes, Buffer b, long readBytes,
      long writeBytes) {
    reads.merge(b, readBytes, Long::sum);
    writes.merge(b, writeBytes, Long::sum);
  }
}
