package dev.tritium.mapper.schedule;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.ProgramBuilder;

/**
 * Lowers one BitLinear inside a decoder program: the int8 input is already in ACT (from the
 * graph's QUANT node), the output goes to VEC. LOOP.GEMM streams the weights through two WGT slots
 * (half the buffer each) with whole rows per tile (tile_k = K) unless a row does not fit; the LUT
 * core builds its tables per K chunk that fits the LUT buffer and accumulates across chunks.
 *
 * <p>This is the decoder's own fixed tiling rule (fewest packed bytes, largest tile that fits); the
 * tiling search of {@code dev.tritium.mapper.bitlinear} optimizes single layers.
 */
public final class ProjectionLowering {

  /** Which compute unit runs the ternary projections. */
  private final IsaTarget target;
  private final ComputeUnit unit;

  public ProjectionLowering(IsaTarget target, ComputeUnit unit) {
    this.target = target;
    this.unit = unit;
    if (unit == ComputeUnit.MAC && !target.hasMacArray()) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no MAC array; use --unit lut");
    }
    if (unit == ComputeUnit.LUT && target.lut().isEmpty()) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no LUT core; use --unit mac");
    }
  }

  public ComputeUnit unit() {
    return unit;
  }

  /** The packing the weights are stored in for this unit: the target's packing with the fewest bytes. */
  public Packing packing() {
    if (unit == ComputeUnit.LUT) {
      LutUnit l = target.lut().orElseThrow();
      Packing p = Packing.forLut(l.groupSize(), l.variant());
      if (p == null || !target.packings().contains(p)) {
        throw new IllegalArgumentException("arch '" + target.name() + "': the LUT core (g=" + l.groupSize() + ", "
            + l.variant() + ") has no weight packing");
      }
      return p;
    }
    Packing best = null;
    for (Packing p : new Packing[] {Packing.BASE3, Packing.TWO_BIT}) {
      if (target.packings().contains(p) && (best == null || p.packedRowBytes(1 << 16) < best.packedRowBytes(1 << 16))) {
        best = p;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("arch '" + target.name() + "' supports neither BASE3 nor TWO_BIT for the MAC array");
    }
    return best;
  }

  /** Bytes of the packed weight matrix N x K in DRAM. */
  public long weightBytes(int n, int k) {
    return n * packing().packedRowBytes(k);
  }

  /** ACC bytes the projection needs: M x N int32. */
  public static long accBytes(int m, int n) {
    return 4L * m * n;
  }

  /**
   * Emits the projection.
   *
   * @param weightScale s_w for VEC.DEQUANT (any non-zero value in timing-only runs)
   * @return the VEC.DEQUANT that turns the accumulators into the fp32 output
   */
  public Vec emit(ProgramBuilder pb, int m, int n, int k, long weightsDram, float weightScale, long actAddr,
      long scalesAddr, long outAddr, long accAddr) {
    Packing p = packing();
    long slot = target.wgtBytes() / 2;
    long rowStride = p.packedRowBytes(k);
    int kChunk = kChunk(m, k);
    for (int k0 = 0; k0 < k; k0 += kChunk) {
      int kc = Math.min(kChunk, k - k0);
      int tileK = kc;
      if (p.packedRowBytes(kc) > slot) {
        if (unit == ComputeUnit.LUT || p.splitWeights() == 0) {
          throw new IllegalArgumentException("a weight row of K=" + kc + " (" + p.packedRowBytes(kc)
              + " bytes) does not fit half the WGT buffer (" + slot + " bytes)");
        }
        tileK = (int) (slot * p.splitWeights() / Math.max(1, p.packedRowBytes(p.splitWeights())) / p.splitWeights()
            * p.splitWeights());
      }
      int tileN = tileRows(n, (int) Math.min(Integer.MAX_VALUE, slot / p.packedRowBytes(tileK)), (k + kChunk - 1) / kChunk <= MAX_CHUNKS_FOR_MIN_TILES ? MIN_TILES : 2);
      boolean lut = unit == ComputeUnit.LUT;
      if (lut) {
        LutUnit l = target.lut().orElseThrow();
        boolean strided = m > 1 && kc < k;
        if (strided) {
          pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, k));
        }
        pb.add(new LutBuild(Deps.NONE, actAddr + k0, 0, m, kc, l.groupSize(), l.variant()));
        if (strided) {
          pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
        }
      }
      pb.slotBarrier();
      pb.add(new LoopWeights(Deps.NONE, weightsDram + p.packedRowBytes(k0), rowStride, 0, slot));
      pb.add(new LoopBounds(Deps.NONE, m, n, kc, tileN, tileK, lut ? ComputeUnit.LUT : ComputeUnit.MAC, p));
      pb.add(new LoopGemm(Deps.NONE, lut ? actAddr : actAddr + k0, accAddr, 0, k0 > 0, false, false));
    }
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, weightScale));
    Vec dequant = new Vec(Deps.NONE, VecOp.DEQUANT, outAddr, accAddr, scalesAddr, m, n, 0);
    pb.add(dequant);
    return dequant;
  }

  /**
   * Weight tiles a projection is cut into at least: only the first tile's DMA is exposed (later ones
   * overlap compute). Projections in many K chunks (the LUT core at prefill, whose tables for many tokens
   * hold a few dozen columns) keep two tiles per chunk: there each tile's fixed cost, paid once per K
   * chunk, outweighs the exposure (measured: 1-10% slower prefill on every preset with eight).
   */
  static final int MIN_TILES = 8;

  /** K chunks up to which {@link #MIN_TILES} applies (decode down_proj on the LUT core has 3). */
  static final int MAX_CHUNKS_FOR_MIN_TILES = 4;

  /**
   * Rows per weight tile: at most what a WGT slot holds, and about n / {@code tiles} so that the first
   * tile, which compute must wait for, is a small part of the weights (on asic-hbm-large two tiles of
   * q_proj left 17% of its cycles waiting for the first). On the MAC array a partial fold of the
   * array's columns costs a whole fold, so tiles are whole multiples of the columns (down_proj on
   * edge-fpga: 379-row tiles took 41 column folds for N = 2560, 320-row tiles take 40).
   */
  int tileRows(int n, int slotRows, int tiles) {
    int granule = unit == ComputeUnit.MAC ? Math.max(1, target.macCols()) : 1;
    int wanted = Math.min(slotRows, Math.max((n + tiles - 1) / tiles, granule));
    int rows = wanted >= granule ? wanted / granule * granule : wanted;
    return Math.max(1, Math.min(rows, n));
  }

  /** K per LUT build: the tables of m tokens must fit the LUT buffer; whole K for the MAC array. */
  int kChunk(int m, int k) {
    if (unit == ComputeUnit.MAC) {
      return k;
    }
    LutUnit l = target.lut().orElseThrow();
    long table = l.variant().tableBytes(l.groupSize());
    long groups = target.lutBytes() / ((long) m * table);
    int split = packing().splitWeights();
    if (split == 0) {
      // Layouts with a second section per row (mirror signs, bit planes) cannot be cut along K.
      if (groups * l.groupSize() < k) {
        throw new IllegalArgumentException("LUT buffer (" + target.lutBytes() + " bytes) cannot hold the tables of "
            + m + " tokens for the whole K = " + k + ", and packing " + packing().modelsName()
            + " cannot be cut along K");
      }
      return k;
    }
    long kc = groups * l.groupSize() / split * split;
    if (kc < split) {
      throw new IllegalArgumentException("LUT buffer (" + target.lutBytes() + " bytes) cannot hold the tables of "
          + m + " tokens for one K chunk of " + split + " weights");
    }
    return (int) Math.min(k, kc);
  }
}
