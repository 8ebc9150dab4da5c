package dev.tritium.mapper.schedule;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Load;
import dev.tritium.isa.LutGemm;
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
import dev.tritium.isa.Store;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.bitlinear.WeightImage;
import dev.tritium.mapper.program.ProgramBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers one BitLinear inside a decoder program: the int8 input is already in ACT (from the
 * graph's QUANT node), the output goes to VEC. LOOP.GEMM streams the weights through two WGT slots
 * (half the buffer each), or through one slot of the whole buffer when the target's weight buffer is not
 * double-buffered, with whole rows per tile (tile_k = K) unless a row does not fit; the LUT
 * core builds its tables per K chunk that fits the LUT buffer and accumulates across chunks.
 *
 * <p>This is the decoder's own fixed tiling rule (fewest packed bytes, largest tile that fits); the
 * tiling search of {@code dev.tritium.mapper.bitlinear} optimizes single layers.
 */
public final class ProjectionLowering {

  /** Which compute unit runs the ternary projections. */
  private final IsaTarget target;
  private final ComputeUnit unit;
  private final WeightAlphabet alphabet;

  /** Ternary projections. */
  public ProjectionLowering(IsaTarget target, ComputeUnit unit) {
    this(target, unit, WeightAlphabet.TERNARY);
  }

  /** Projections whose weights take the values of {@code alphabet} (binary weights may use a 1-bit packing). */
  public ProjectionLowering(IsaTarget target, ComputeUnit unit, WeightAlphabet alphabet) {
    this.target = target;
    this.unit = unit;
    this.alphabet = java.util.Objects.requireNonNull(alphabet, "alphabet");
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

  public WeightAlphabet alphabet() {
    return alphabet;
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
      if (!alphabet.fits(p)) {
        throw new IllegalArgumentException("arch '" + target.name() + "': the LUT core's " + l.variant().key()
            + " tables hold binary {-1, +1} weights only, and these weights are ternary");
      }
      return p;
    }
    Packing best = null;
    for (Packing p : new Packing[] {Packing.BASE3, Packing.TWO_BIT, Packing.SIGN_BITS}) {
      if (target.packings().contains(p) && alphabet.fits(p)
          && (best == null || p.packedRowBytes(1 << 16) < best.packedRowBytes(1 << 16))) {
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
   * Emits the projection: output columns [col0, col0 + n) of a weight matrix of nTotal x k stored at
   * {@code weightsBase} in this lowering's DRAM layout ({@link #dramImage}).
   *
   * @param weightScale s_w for VEC.DEQUANT (any non-zero value in timing-only runs)
   * @return the VEC.DEQUANT that turns the accumulators into the fp32 output
   */
  public Vec emit(ProgramBuilder pb, int m, int n, int k, long weightsBase, int nTotal, int col0, float weightScale,
      long actAddr, long scalesAddr, long outAddr, long accAddr) {
    Packing p = packing();
    boolean single = target.weightSlots() == 1;
    long slot = single ? target.wgtBytes() : target.wgtBytes() / 2;
    int layout = layoutChunk(k);
    if (resident(m, k)) {
      emitResident(pb, m, n, k, weightsBase, nTotal, col0, actAddr, accAddr);
      return dequantize(pb, m, n, weightScale, scalesAddr, outAddr, accAddr);
    }
    int kChunk = kChunk(m, k);
    int chunks = 0;
    for (int c0 = 0; c0 < k; c0 += layout) {
      chunks += (Math.min(layout, k - c0) + kChunk - 1) / kChunk;
    }
    for (int c0 = 0; c0 < k; c0 += layout) {
      int cl = Math.min(layout, k - c0);
      long rowStride = p.packedRowBytes(cl);
      long chunkBase = weightsBase + (long) nTotal * p.packedRowBytes(c0) + (long) col0 * rowStride;
      for (int k0 = c0; k0 < c0 + cl; k0 += kChunk) {
        int kc = Math.min(kChunk, c0 + cl - k0);
        int tileK = kc;
        if (p.packedRowBytes(kc) > slot) {
          if (unit == ComputeUnit.LUT || p.splitWeights() == 0) {
            throw new IllegalArgumentException("a weight row of K=" + kc + " (" + p.packedRowBytes(kc)
                + " bytes) does not fit " + (single ? "the" : "half the") + " WGT buffer (" + slot + " bytes)");
          }
          tileK = (int) (slot * p.splitWeights() / Math.max(1, p.packedRowBytes(p.splitWeights())) / p.splitWeights()
              * p.splitWeights());
        }
        // One slot: load and compute alternate whatever the tiling, so the fewest tiles (the whole slot) pay the
        // fewest descriptor and fill overheads.
        int minTiles = single ? 1 : chunks <= MAX_CHUNKS_FOR_MIN_TILES ? MIN_TILES : 2;
        int tileN = tileRows(n, (int) Math.min(Integer.MAX_VALUE, slot / p.packedRowBytes(tileK)), minTiles);
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
        pb.add(new LoopWeights(Deps.NONE, chunkBase + p.packedRowBytes(k0 - c0), rowStride, 0, single ? 0 : slot));
        pb.add(new LoopBounds(Deps.NONE, m, n, kc, tileN, tileK, lut ? ComputeUnit.LUT : ComputeUnit.MAC, p));
        pb.add(new LoopGemm(Deps.NONE, lut ? actAddr : actAddr + k0, accAddr, 0, k0 > 0, false, false));
      }
    }
    return dequantize(pb, m, n, weightScale, scalesAddr, outAddr, accAddr);
  }

  private static Vec dequantize(ProgramBuilder pb, int m, int n, float weightScale, long scalesAddr, long outAddr,
      long accAddr) {
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, weightScale));
    Vec dequant = new Vec(Deps.NONE, VecOp.DEQUANT, outAddr, accAddr, scalesAddr, m, n, 0);
    pb.add(dequant);
    return dequant;
  }

  /**
   * Weight-resident LUT lowering, for calls whose tables for all m tokens do not fit the LUT buffer at once
   * (prefill on a small table store) while the call's weights fit one WGT slot: the weights of all K are loaded
   * once, then each token builds its own tables one layout chunk at a time and looks them up against the resident
   * weights (token-serial, as a table-lookup engine with one block of register tables works). Streaming would
   * instead cut K into chunks of a few activations and reload every weight once per chunk of tokens.
   */
  private void emitResident(ProgramBuilder pb, int m, int n, int k, long weightsBase, int nTotal, int col0,
      long actAddr, long accAddr) {
    int groupCols = (int) Math.min(n, wgtSlotBytes() / packing().packedRowBytes(k));
    for (int g0 = 0; g0 < n; g0 += groupCols) {
      int cols = Math.min(groupCols, n - g0);
      loadResident(pb, k, weightsBase, nTotal, col0 + g0, cols);
      for (int t = 0; t < m; t++) {
        lookUpToken(pb, t, k, cols, actAddr, accAddr + 4L * ((long) t * n + g0));
      }
    }
  }

  /**
   * Loads columns [firstCol, firstCol + cols) of an nTotal x k chunk-major weight matrix into WGT from address 0,
   * chunk after chunk (chunk c at cols x packedRowBytes(c0)), after every earlier instruction is done with WGT.
   */
  private void loadResident(ProgramBuilder pb, int k, long weightsBase, int nTotal, int firstCol, int cols) {
    Packing p = packing();
    int layout = layoutChunk(k);
    List<Load> loads = new ArrayList<>();
    for (int c0 = 0; c0 < k; c0 += layout) {
      long rowBytes = p.packedRowBytes(Math.min(layout, k - c0));
      long dram = weightsBase + (long) nTotal * p.packedRowBytes(c0) + (long) firstCol * rowBytes;
      loads.add(new Load(Deps.NONE, Buffer.WGT, (long) cols * p.packedRowBytes(c0), dram, cols, (int) rowBytes,
          rowBytes));
    }
    pb.slotBarrier();
    pb.loads(loads);
  }

  /** Token t against the resident weights: per layout chunk one LUT.BUILD (m = 1) and one LUT.GEMM into accAddr. */
  private void lookUpToken(ProgramBuilder pb, int t, int k, int cols, long actAddr, long accAddr) {
    Packing p = packing();
    LutUnit l = target.lut().orElseThrow();
    int layout = layoutChunk(k);
    for (int c0 = 0; c0 < k; c0 += layout) {
      int cl = Math.min(layout, k - c0);
      pb.add(new LutBuild(Deps.NONE, actAddr + (long) t * k + c0, 0, 1, cl, l.groupSize(), l.variant()));
      pb.add(new LutGemm(Deps.NONE, (long) cols * p.packedRowBytes(c0), 0, accAddr, 1, cols, cl, p, c0 > 0));
    }
  }

  /**
   * True when a call of m tokens and n x k weights can lower weight-resident with its output rows going straight
   * to DRAM ({@link #emitResidentRows}): it lowers weight-resident ({@link #resident}) and all n columns' weights fit
   * one WGT slot, so each token's tables are built once for the whole projection.
   */
  public boolean residentRows(int m, int n, int k) {
    return resident(m, k) && (long) n * packing().packedRowBytes(k) <= wgtSlotBytes();
  }

  /**
   * A whole projection weight-resident and token by token, each token's output row dequantized and stored to DRAM
   * as soon as it is done, so the accumulators and the fp32 staging hold one row ([1][n]) instead of the call's
   * [m][n]: a token's tables are built once for all n columns (a [m][n_block] schedule rebuilds them per block of
   * columns), as a table-lookup engine that streams one token's outputs does.
   *
   * @param dramOut fp32 output [m][n] in DRAM (row t at {@code dramOut + 4 t n})
   * @return each token's VEC.DEQUANT, in token order (where the cross-check observes the token's row)
   */
  public List<Vec> emitResidentRows(ProgramBuilder pb, int m, int n, int k, long weightsBase, float weightScale,
      long actAddr, long scalesAddr, long accAddr, long stagingAddr, long dramOut) {
    loadResident(pb, k, weightsBase, n, 0, n);
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, weightScale));
    List<Vec> dequants = new ArrayList<>();
    for (int t = 0; t < m; t++) {
      lookUpToken(pb, t, k, n, actAddr, accAddr);
      Vec dq = new Vec(Deps.NONE, VecOp.DEQUANT, stagingAddr, accAddr, scalesAddr + 4L * t, 1, n, 0);
      pb.add(dq);
      dequants.add(dq);
      pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, stagingAddr, dramOut + 4L * t * n, 1, 4 * n, 0)));
    }
    return dequants;
  }

  /** Bytes of the WGT region one weight stream (or one resident weight block) uses. */
  private long wgtSlotBytes() {
    return target.weightSlots() == 1 ? target.wgtBytes() : target.wgtBytes() / 2;
  }

  /**
   * True when a call of m tokens lowers weight-resident ({@link #emitResident}): the LUT core, more than one
   * token, a table store too small for the m tokens' tables over one layout chunk, and one weight row of all K
   * fitting a WGT slot.
   */
  boolean resident(int m, int k) {
    if (unit != ComputeUnit.LUT || m <= 1 || packing().packedRowBytes(k) > wgtSlotBytes()) {
      return false;
    }
    LutUnit l = target.lut().orElseThrow();
    long tables = (long) m * l.variant().tableBytes(l.groupSize()) * IntMath.ceilDiv(layoutChunk(k), l.groupSize());
    return tables > target.lutBytes();
  }

  /** Throws when no lowering of m tokens and K inputs fits the target (the compilers' feasibility check). */
  void requireLowerable(int m, int k) {
    if (!resident(m, k)) {
      kChunk(m, k);
    }
  }

  /**
   * K per weight-layout chunk: the weights are stored in DRAM chunk-major, [K / L][N][packedRowBytes(L)], so that
   * the columns of one chunk, which one LUT.BUILD serves, are one contiguous stream (row-major weights cut along
   * K would be N short strided rows, one DRAM burst each). L is the K chunk of one token's tables (the largest
   * chunk any call uses; prefill chunks of more tokens cut inside it). The MAC array reads whole rows: L = K,
   * which is the plain row-major layout.
   */
  public int layoutChunk(int k) {
    return unit == ComputeUnit.MAC ? k : kChunk(1, k);
  }

  /**
   * The DRAM image of an N x K weight matrix in this lowering's layout, from its row-major packed bytes (rows of
   * {@code packedRowBytes(K)}; a chunk boundary is a whole byte of a row, as the packing guarantees for cuts at
   * multiples of its split granularity).
   */
  public byte[] dramImage(byte[] rowMajor, int n, int k) {
    return WeightImage.chunkMajor(rowMajor, packing(), n, k, layoutChunk(k));
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
