package dev.tritium.mapper.intfmt;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.intfmt.CompiledIntLinear.Tiling;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.mapper.program.TileStream;
import dev.tritium.isa.Instruction;
import java.util.ArrayList;
import dev.tritium.models.format.FormatPreset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Compiles an {@link IntLinearPlan} for a target whose MAC array has int8 multipliers (GEMM.IW).
 *
 * <p>The m tokens' x [m][K] (fp32) loads into VEC, and VEC.QUANT writes its int8 codes to ACT and one scale s_x per
 * token to VEC. Then per tile of {@code tileRows} output rows: the weight codes stream in K tiles of {@code kTile}
 * columns (WGT), one GEMM.IW per K tile into the tile's int32 sums in ACC (accumulating from the second on: int32
 * sums are exact in any order), the tile's weight scales load into VEC right before s_x (VEC.ACC_SCALE reads s_w
 * [tileRows] then s_x [m] as one block), one VEC.ACC_SCALE (imm 2) writes {@code ((float) acc * s_w) / s_x}, and the
 * tile's outputs STORE to y [m][N] in DRAM. DMA and compute alternate (ProgramBuilder's token discipline), which is
 * correct for any buffer reuse; overlapping the next tile's weight load is not done yet.
 *
 * <p>DRAM: x at 0, y after it, the weight codes row-major [N][K] (one byte each), then the fp32 weight scales [N].
 */
public final class IntLinearLowering {

  /** GEMM.IW's m, n, k fields (14 bits) and VEC's rows field (12 bits). */
  private static final int MAX_DIM = (1 << 14) - 1;
  private static final int MAX_VEC_ROWS = (1 << 12) - 1;
  private static final int ALIGN = 64;

  private final IsaTarget target;

  /** @throws IllegalArgumentException naming the arch key when the MAC array has no int8 multipliers */
  public IntLinearLowering(IsaTarget target) {
    this.target = target;
    if (!target.hasMacArray() || !target.macIntMultiplies(8)) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no int8 multipliers in its MAC array: the"
          + " integer formats (w8a8, atom-w4a4, spinquant-w4a4kv4) run on GEMM.IW, which needs"
          + " mac_array.int_multipliers: int8 (found "
          + (target.macIntMultiplierBits() == 0 ? "none" : "int" + target.macIntMultiplierBits()) + ")");
    }
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit");
    }
  }

  /** Compiles with the largest tiles the buffers hold. */
  public CompiledIntLinear compile(IntPlan plan, int tokens) {
    return compile(plan, tokens, MAX_DIM);
  }

  /**
   * Compiles any plan: w8a8 and SpinQuant with K tiles of at most {@code maxKTile} columns; Atom with one K tile per
   * group (its groups are summed apart), {@code maxKTile} unused.
   */
  public CompiledIntLinear compile(IntPlan plan, int tokens, int maxKTile) {
    // The two plans of the sealed IntPlan (Java 17: no pattern switch).
    if (plan instanceof IntLinearPlan p) {
      return compile(p, tokens, maxKTile);
    }
    if (plan instanceof SpinQuantPlan s) {
      return new SpinQuantLowering(target).compile(s, tokens, maxKTile);
    }
    return new AtomLowering(target).compile((AtomPlan) plan, tokens);
  }

  /**
   * One projection of an integer format (w8a8, atom-w4a4, spinquant-w4a4kv4) with the seeded weights the
   * cross-checks use ({@link IntLinearCrossCheck#weights}), compiled with the largest tiles the buffers hold: the
   * whole-model estimator's entry.
   *
   * @param tensorId the tensor's seed offset (the projection's {@code LayerKind} ordinal in the CLI)
   * @throws IllegalArgumentException when the format is not an integer one, the arch lacks int8 multipliers or the
   *     shape does not fit its buffers
   */
  public static CompiledIntLinear compileSeeded(IsaTarget target, FormatPreset format, int n, int k, int tokens,
      long seed, int tensorId) {
    IntPlan plan = IntPlan.of(format.name(), IntLinearCrossCheck.weights(format, n, k, seed, tensorId));
    return new IntLinearLowering(target).compile(plan, tokens);
  }

  /**
   * Compiles with K tiles of at most {@code maxKTile} columns (smaller ones exercise the accumulate).
   *
   * @throws IllegalArgumentException when the tokens' activations or one tile do not fit the buffers
   */
  public CompiledIntLinear compile(IntLinearPlan plan, int tokens, int maxKTile) {
    if (plan.weights() != IntWidth.INT8) {
      throw new IllegalArgumentException(plan.name() + ": this lowering streams int8 weight codes, got "
          + plan.weights());
    }
    int n = plan.rows();
    int k = plan.cols();
    int m = tokens;
    if (m < 1 || m > MAX_VEC_ROWS || maxKTile < 1) {
      throw new IllegalArgumentException("tokens must be 1 to " + MAX_VEC_ROWS + " and the K tile positive, got "
          + tokens + " tokens, K tile " + maxKTile);
    }
    // ACC holds the tile's int32 sums; VEC holds x, s_x, the scale slot before it, all N steps and two output blocks
    // (TileStream: a row tile's STORE overlaps the next row tile's work); WGT two code tiles (the next one loads during
    // this GEMM.IW).
    long vecFixed = align(4L * m * k) + align(4L * m) + align(4L * n);
    int tileRows = (int) Math.min(Math.min(n, MAX_DIM), target.accBytes() / (4L * m));
    long vecLeft = target.vecBytes() - vecFixed - 3L * ALIGN;
    tileRows = (int) Math.max(0, Math.min(tileRows, vecLeft / (4L * (2L * m + 1))));
    int kTile = tileRows < 1 ? 0 : (int) Math.min(Math.min(k, maxKTile), Math.min(MAX_DIM,
        (target.wgtBytes() / 2 - ALIGN) / tileRows));
    if (tileRows < 1 || kTile < 1 || (long) m * k > target.actBytes()) {
      throw new IllegalArgumentException(String.format("%s: %d token(s) of K = %d do not fit arch '%s' (ACT %d bytes"
          + " for the int8 codes, VEC %d bytes for x, scales and two output tiles, ACC %d bytes for one row's int32"
          + " sums, WGT %d for two code tiles)", plan.name(), m, k, target.name(), target.actBytes(),
          target.vecBytes(), target.accBytes(), target.wgtBytes()));
    }
    // VEC: [scale slot: tileRows floats, right-aligned before s_x][s_x: m][x: m K][all steps: N][y0, y1: m tileRows]
    long sx = align(4L * tileRows);
    long x = sx + align(4L * m);
    long steps = x + align(4L * m * k);
    long y0 = steps + align(4L * n);
    long y1 = y0 + align(4L * m * tileRows);
    long slot1 = align((long) tileRows * kTile);
    // DRAM
    long inputAddr = 0;
    long outputAddr = align(4L * m * k);
    long codesAddr = outputAddr + align(4L * m * n);
    long scalesAddr = codesAddr + align((long) n * k);
    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, x, inputAddr, m, 4 * k, 4L * k),
        new Load(Deps.NONE, Buffer.VEC, steps, scalesAddr, 1, 4 * n, 4L * n)));
    pb.add(new Vec(Deps.NONE, VecOp.QUANT, 0, x, sx, m, k, 0));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, k));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    int kTiles = (k + kTile - 1) / kTile;
    List<TileStream.RowTile> rows = new ArrayList<>();
    for (int r0 = 0; r0 < n; r0 += tileRows) {
      int nt = Math.min(tileRows, n - r0);
      List<TileStream.Tile> tiles = new ArrayList<>();
      for (int k0 = 0; k0 < k; k0 += kTile) {
        int kt = Math.min(kTile, k - k0);
        tiles.add(new CodeTile(codesAddr + TileStream.tileOffset(n, k, tileRows, r0, k0), m, nt, k0, kt,
            k0 + kt == k ? steps + 4L * r0 : -1, sx));
      }
      rows.add(new TileStream.StoredRows(tiles, new Store(Deps.NONE, Buffer.VEC, 0, outputAddr + 4L * r0, m, 4 * nt,
          4L * n)));
    }
    TileStream.emit(pb, 0, slot1, y0, y1, rows);
    ByteBuffer scales = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : plan.weightScales()) {
      scales.putFloat(s);
    }
    return new CompiledIntLinear(pb.finish(), List.of(new DramSegment("weight codes", codesAddr,
        TileStream.tileMajor(plan.codes(), n, k, tileRows, kTile)), new DramSegment("weight scales", scalesAddr,
        scales.array())), inputAddr, outputAddr, m, n, k, new Tiling(tileRows, kTile, rows.size(), kTiles, m));
  }

  /**
   * One K tile of a row tile's int8 codes (one contiguous block in DRAM) and its GEMM.IW; the row tile's last also
   * copies its steps right before s_x and scales the int32 sums (VEC.ACC_SCALE imm 2: {@code ((float) acc * s_w) /
   * s_x}).
   *
   * @param rowSteps VEC address of the row tile's steps in the preloaded block, or -1 when not the last K tile
   */
  private record CodeTile(long from, int m, int nt, int k0, int kt, long rowSteps, long sx) implements TileStream.Tile {
    @Override
    public List<Load> loads(TileStream.Slot slot) {
      return List.of(TileStream.contiguousTile(slot.addr(), from, nt, kt));
    }

    @Override
    public List<Instruction> compute(TileStream.Slot slot, long out) {
      GemmIw gemm = new GemmIw(Deps.NONE, slot.addr(), k0, 0, m, nt, kt, IntWidth.INT8, IntWidth.INT8, k0 > 0);
      if (rowSteps < 0) {
        return List.of(gemm);
      }
      long sw = sx - 4L * nt;
      return List.of(gemm, new Vec(Deps.NONE, VecOp.COPY, sw, rowSteps, 0, 1, nt, 0),
          new Vec(Deps.NONE, VecOp.ACC_SCALE, out, 0, sw, m, nt, VecOp.ACC_SCALE_DIVIDE));
    }
  }

  private static long align(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
