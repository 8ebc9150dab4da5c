package dev.tritium.isa.loop;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One LOOP.GEMM with its configuration, and its expansion as random access: {@link #instruction(long)}
 * builds the i-th expanded instruction in O(1), so expansions stream without being materialized.
 *
 * <p>Tiles: NT = ceil(N/tile_n), KT = ceil(K/tile_k), T = NT*KT, tile t = (nt = t / KT, kt = t % KT),
 * K innermost. Emission order (2T + 4 instructions):
 * <ol>
 *   <li>CFG ACT_ROW_STRIDE_BYTES = K (MAC) or CFG LUT_ROW_STRIDE_BYTES = ceil(K/g) * tableBytes (LUT;
 *       0 when KT = 1)</li>
 *   <li>CFG ACC_ROW_STRIDE_BYTES = 4N</li>
 *   <li>LOAD tile 0; then for t = 0..T-2: LOAD tile t+1, OP tile t; then OP tile T-1. With one slot
 *       (slot0_addr == slot1_addr): LOAD tile 0; then for t = 0..T-2: OP tile t, LOAD tile t+1; then OP tile
 *       T-1, and each load after the first waits for the op before it</li>
 *   <li>two CFGs restoring both registers to their values before the loop</li>
 * </ol>
 */
public record LoopPlan(LoopWeights weights, LoopBounds bounds, LoopGemm gemm, long restoreStride,
    long restoreAccStride) {

  /** One field-level problem of a loop configuration. */
  public record Problem(String field, String message) {}

  public long nTiles() {
    return ceilDiv(bounds.n(), bounds.tileN());
  }

  public long kTiles() {
    return ceilDiv(bounds.k(), bounds.tileK());
  }

  /** T, the number of weight tiles. */
  public long tiles() {
    return nTiles() * kTiles();
  }

  /** Number of expanded instructions: 2T + 4. */
  public long size() {
    return 2 * tiles() + 4;
  }

  /** Bytes of one WGT slot the largest tile needs. */
  public long slotBytes() {
    return Math.min(bounds.tileN(), bounds.n()) * bounds.packing().packedRowBytes(Math.min(bounds.tileK(), bounds.k()));
  }

  private CfgReg strideReg() {
    return bounds.unit() == ComputeUnit.MAC ? CfgReg.ACT_ROW_STRIDE_BYTES : CfgReg.LUT_ROW_STRIDE_BYTES;
  }

  /** The LUT core's table bytes for this loop's packing (LUT unit only). */
  public long tableBytes(int targetGroupSize) {
    Packing p = bounds.packing();
    return switch (p) {
      case LUT_G3_MIRROR -> LutVariant.TERNARY_MIRROR.tableBytes(3);
      case BIT_PLANES -> LutVariant.BIT_SERIAL.tableBytes(targetGroupSize);
      default -> LutVariant.TERNARY_BASE3.tableBytes(lutGroup(p));
    };
  }

  private static int lutGroup(Packing p) {
    return switch (p) {
      case LUT_G2 -> 2;
      case LUT_G3, LUT_G3_MIRROR -> 3;
      case LUT_G4 -> 4;
      default -> 0;
    };
  }

  private long strideValue() {
    if (bounds.unit() == ComputeUnit.MAC) {
      return bounds.k();
    }
    // KT > 1 only for the LUT_G2/G3/G4 packings (validated), whose group size the packing fixes.
    return kTiles() == 1 ? 0 : ceilDiv(bounds.k(), lutGroup(bounds.packing())) * tableBytes(0);
  }

  /** The i-th expanded instruction, 0 &lt;= i &lt; size(). */
  public Instruction instruction(long i) {
    long t = tiles();
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("expansion ordinal " + i + " of " + size());
    }
    if (i == 0) {
      return new Cfg(Deps.NONE, strideReg(), strideValue());
    }
    if (i == 1) {
      return new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * bounds.n());
    }
    if (i == 2) {
      return load(0);
    }
    if (i == size() - 2) {
      return new Cfg(Deps.NONE, strideReg(), restoreStride);
    }
    if (i == size() - 1) {
      return new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, restoreAccStride);
    }
    long j = i - 3;
    if (singleSlot()) {
      return j % 2 == 0 ? op(j / 2) : load(j / 2 + 1);
    }
    if (j == 2 * (t - 1)) {
      return op(t - 1);
    }
    return j % 2 == 0 ? load(j / 2 + 1) : op(j / 2);
  }

  /**
   * True when both slot addresses are equal: the weight buffer has one slot, so tile t+1 loads only after op
   * t has finished with it (load and compute alternate instead of overlapping).
   */
  public boolean singleSlot() {
    return weights.slot0Addr() == weights.slot1Addr();
  }

  /** Slots the loop streams through: 1 or 2. */
  private int slots() {
    return singleSlot() ? 1 : 2;
  }

  private long slot(long tile) {
    return tile % 2 == 0 ? weights.slot0Addr() : weights.slot1Addr();
  }

  private Load load(long tile) {
    long t = tiles();
    long nt = tile / kTiles();
    long kt = tile % kTiles();
    long n0 = nt * bounds.tileN();
    long k0 = kt * bounds.tileK();
    int tn = (int) Math.min(bounds.tileN(), bounds.n() - n0);
    long tk = Math.min(bounds.tileK(), bounds.k() - k0);
    Packing p = bounds.packing();
    int slots = slots();
    boolean popNext = tile >= slots || (gemm.waitSlots() && tile < Math.min(t, slots));
    return new Load(new Deps(false, popNext, false, true), Buffer.WGT, slot(tile),
        weights.dramAddr() + n0 * weights.dramRowStrideBytes() + p.packedRowBytes(k0), tn,
        (int) p.packedRowBytes(tk), weights.dramRowStrideBytes());
  }

  private Instruction op(long tile) {
    long t = tiles();
    long nt = tile / kTiles();
    long kt = tile % kTiles();
    long n0 = nt * bounds.tileN();
    long k0 = kt * bounds.tileK();
    int tn = (int) Math.min(bounds.tileN(), bounds.n() - n0);
    int tk = (int) Math.min(bounds.tileK(), bounds.k() - k0);
    int slots = slots();
    boolean pushPrev = tile + slots < t || (gemm.freeSlots() && tile >= t - slots);
    Deps d = new Deps(true, gemm.deps().popNext() && tile == 0, pushPrev, gemm.deps().pushNext() && tile == t - 1);
    boolean accumulate = kt > 0 || gemm.accumulate();
    long acc = gemm.accAddr() + 4 * n0;
    if (bounds.unit() == ComputeUnit.MAC) {
      return new GemmTernary(d, slot(tile), gemm.actAddr() + k0, acc, bounds.m(), tn, tk, bounds.packing(), accumulate);
    }
    long lut = gemm.lutAddr() + (kTiles() == 1 ? 0 : k0 / lutGroup(bounds.packing()) * tableBytes(0));
    return new LutGemm(d, slot(tile), lut, acc, bounds.m(), tn, tk, bounds.packing(), accumulate);
  }

  /**
   * Problems of a loop configuration (empty when it can be expanded). {@code weights} or
   * {@code bounds} may be null when no such configuration preceded the macro.
   */
  public static List<Problem> problems(LoopWeights weights, LoopBounds bounds, LoopGemm gemm) {
    List<Problem> out = new ArrayList<>();
    if (weights == null) {
      out.add(new Problem("loop", "no LOOP.WEIGHTS precedes this LOOP.GEMM"));
    }
    if (bounds == null) {
      out.add(new Problem("loop", "no LOOP.BOUNDS precedes this LOOP.GEMM"));
    }
    if (!gemm.deps().equals(new Deps(false, gemm.deps().popNext(), false, gemm.deps().pushNext()))) {
      out.add(new Problem("deps", "LOOP.GEMM may carry only pop_next and push_next (its load<->compute tokens"
          + " come from the expansion; order earlier loads with a compute SYNC [pop_prev])"));
    }
    if (weights == null || bounds == null) {
      return out;
    }
    for (String[] dim : new String[][] {{"m"}, {"n"}, {"k"}, {"tile_n"}, {"tile_k"}}) {
      long v = switch (dim[0]) {
        case "m" -> bounds.m();
        case "n" -> bounds.n();
        case "k" -> bounds.k();
        case "tile_n" -> bounds.tileN();
        default -> bounds.tileK();
      };
      if (v < 1) {
        out.add(new Problem(dim[0], "LOOP.BOUNDS " + dim[0] + " must be >= 1, got " + v));
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    Packing p = bounds.packing();
    if (!p.readableBy(bounds.unit())) {
      out.add(new Problem("packing", "unit " + bounds.unit() + " cannot read packing " + p
          + (bounds.unit() == ComputeUnit.MAC ? " (MAC reads TWO_BIT, BASE3 or SIGN_BITS)"
              : " (LUT reads LUT_*, BIT_PLANES or, with binary tables, SIGN_BITS)")));
    }
    LoopPlan plan = new LoopPlan(weights, bounds, gemm, 0, 0);
    if (bounds.unit() == ComputeUnit.LUT && p == Packing.SIGN_BITS && plan.kTiles() > 1) {
      // The table stride of a K-tiled LUT loop comes from the packing's g; SIGN_BITS does not fix g (the core's
      // binary tables do), so a LUT loop over SIGN_BITS rows keeps each row whole.
      out.add(new Problem("tile_k", "a LUT loop over SIGN_BITS weights cannot cut rows along K: tile_k "
          + bounds.tileK() + " must cover K = " + bounds.k()));
    }
    if (plan.kTiles() > 1 && (p.splitWeights() == 0 || bounds.tileK() % p.splitWeights() != 0)) {
      out.add(new Problem("tile_k", p.splitWeights() == 0
          ? "packing " + p + " rows cannot be cut, so tile_k must cover K = " + bounds.k()
          : "tile_k " + bounds.tileK() + " must be a multiple of " + p.splitWeights()
              + " for packing " + p + " (a K tile must start on a byte boundary)"));
    }
    long rowBytes = p.packedRowBytes(bounds.k());
    if (weights.dramRowStrideBytes() < rowBytes && bounds.n() > 1) {
      out.add(new Problem("dram_row_stride_bytes", "LOOP.WEIGHTS dram_row_stride_bytes " + weights.dramRowStrideBytes()
          + " is smaller than one packed row of K = " + bounds.k() + " weights (" + rowBytes + " bytes)"));
    }
    if (plan.tiles() > 1) {
      long s = plan.slotBytes();
      long a = weights.slot0Addr();
      long b = weights.slot1Addr();
      if (a != b && a < b + s && b < a + s) {
        out.add(new Problem("slot1_addr", "WGT slots [0x" + Long.toHexString(a) + ", 0x" + Long.toHexString(a + s)
            + ") and [0x" + Long.toHexString(b) + ", 0x" + Long.toHexString(b + s) + ") overlap (a tile takes " + s
            + " bytes)"));
      }
    }
    return out;
  }

  /**
   * A checked plan; {@code registers} are the CFG values before the loop (for the restore). Throws
   * IllegalArgumentException naming the first problem.
   */
  public static LoopPlan of(LoopWeights weights, LoopBounds bounds, LoopGemm gemm, long restoreStride,
      long restoreAccStride) {
    List<Problem> p = problems(weights, bounds, gemm);
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("LOOP.GEMM field " + p.get(0).field() + ": " + p.get(0).message());
    }
    return new LoopPlan(weights, bounds, gemm, restoreStride, restoreAccStride);
  }
}
