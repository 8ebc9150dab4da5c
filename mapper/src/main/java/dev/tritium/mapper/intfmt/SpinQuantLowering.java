package dev.tritium.mapper.intfmt;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.intfmt.CompiledIntLinear.Tiling;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.mapper.program.TileStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link SpinQuantPlan}, in the format's apply order: x [m][K] (fp32) loads into VEC; for {@code proj=down}
 * VEC.FWHT transforms each token's row in place (the format's {@code Hadamard.fwht}, same slices and butterfly order)
 * and VEC.SCALE multiplies it by c (CFG VEC_SCALE, the format's {@code t[k] * c}); QUANT.IG (asymmetric, INT4, one
 * group of K) writes the bytes {@code q - z} to ACT and one step s_x per token to VEC (the weight steps of all rows
 * load with x). Then per tile of output rows: the int4 weight codes stream in K tiles (WGT, kt / 2 bytes per row),
 * one GEMM.IW (INT4 weights, INT8 activations: {@code q - z} needs five bits) per K tile into the tile's int32 sums
 * (exact in any order, so K tiles accumulate), VEC.COPY puts the tile's steps right before s_x, VEC.ACC_SCALE imm 0
 * writes {@code 0f + ((float) acc * s_w) * s_x}, and the tile STOREs to y. The codes stream through two WGT slots
 * and the outputs through two VEC blocks ({@link TileStream}): the next K tile's LOAD runs during this GEMM.IW, a row
 * tile's STORE during the next row tile's work. The leading {@code 0f +} changes only a -0, and
 * none arises: s_w and s_x are at least 0, an acc of 0 gives +0, and a nonzero acc times two nonzero steps (each at
 * least 2^-24, fp16's smallest) is at least 2^-48, far above fp32's underflow, so the bits are apply's
 * {@code ((float) acc * s_w) * s_x}.
 *
 * <p>DRAM: x at 0, y after it, the packed int4 codes [N][K / 2] (even k in the low nibble), then the fp32 steps [N].
 */
final class SpinQuantLowering {

  /** GEMM.IW's m, n, k fields (14 bits) and the VEC rows field (12 bits). */
  private static final int MAX_DIM = (1 << 14) - 1;
  private static final int MAX_VEC_ROWS = (1 << 12) - 1;
  private static final int ALIGN = 64;
  /**
   * A token chunk is shrunk until its row tiles hold at least this many output rows (or all N). ASSUMED: one edge
   * MAC-array width (64 columns), so a tile keeps the array's columns busy; not tuned.
   */
  private static final int MIN_TILE_ROWS = 64;

  private final IsaTarget target;

  SpinQuantLowering(IsaTarget target) {
    this.target = target;
  }

  /**
   * Compiles with K tiles of at most {@code maxKTile} columns (rounded down to even, so a tile starts on a byte of
   * the packed rows).
   *
   * <p>Tokens run in chunks when the buffers do not hold all of them (each chunk its own transform, quantization and
   * pass over the weights).
   *
   * @throws IllegalArgumentException when one token's activations or one tile do not fit the buffers
   */
  CompiledIntLinear compile(SpinQuantPlan p, int m, int maxKTile) {
    int n = p.rows();
    int k = p.cols();
    if (m < 1 || m > MAX_VEC_ROWS || k > MAX_DIM || maxKTile < 2) {
      throw new IllegalArgumentException(p.name() + ": tokens must be 1 to " + MAX_VEC_ROWS + ", K at most " + MAX_DIM
          + " (one VEC.FWHT and QUANT.IG row) and the K tile at least 2, got " + m + " tokens, K = " + k + ", K tile "
          + maxKTile);
    }
    Layout lay = null;
    // The largest token chunk whose row tiles keep MIN_TILE_ROWS rows (or all N), else the largest that fits at all;
    // each chunk re-streams the weights, so fewer, larger chunks read less DRAM.
    for (int mc = m; mc >= 1 && (lay == null || lay.tileRows() < Math.min(n, MIN_TILE_ROWS)); mc--) {
      Layout l = layout(n, k, mc, maxKTile);
      if (l != null && (lay == null || l.tileRows() >= Math.min(n, MIN_TILE_ROWS))) {
        lay = l;
      }
    }
    if (lay == null) {
      throw new IllegalArgumentException(String.format("%s: one token of K = %d does not fit arch '%s' (ACT %d bytes"
          + " for the codes, VEC %d bytes for x, steps and two output tiles, ACC %d bytes for one row's int32 sums,"
          + " WGT %d for two weight tiles)", p.name(), k, target.name(), target.actBytes(), target.vecBytes(),
          target.accBytes(), target.wgtBytes()));
    }
    int mc = lay.tokenChunk();
    int tileRows = lay.tileRows();
    int kTile = lay.kTile();
    // VEC: [s_w slot: tileRows floats, right-aligned before s_x][s_x: mc][x: mc K][all steps: N][y0, y1: mc tileRows]
    long sx = align(4L * tileRows);
    long x = sx + align(4L * mc);
    long steps = x + align(4L * mc * k);
    long y0 = steps + align(4L * n);
    long y1 = y0 + align(4L * mc * tileRows);
    long slot1 = align((long) tileRows * kTile / 2);
    long inputAddr = 0;
    long outputAddr = align(4L * m * k);
    long codesAddr = outputAddr + align(4L * m * n);
    long stepsAddr = codesAddr + align((long) n * (k / 2));

    ProgramBuilder pb = new ProgramBuilder();
    int rowTiles = 0;
    int kTiles = (k + kTile - 1) / kTile;
    for (int t0 = 0; t0 < m; t0 += mc) {
      int tc = Math.min(mc, m - t0);
      pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, x, inputAddr + 4L * t0 * k, tc, 4 * k, 4L * k),
          new Load(Deps.NONE, Buffer.VEC, steps, stepsAddr, 1, 4 * n, 4L * n)));
      if (p.downProj()) {
        if (p.negatedInput() >= 0 && t0 == 0) {
          // the cross-check's fault: one input of token 0 negated, as if one column of H had the wrong sign
          pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.VEC_SCALE, -1f));
          long at = x + 4L * p.negatedInput();
          pb.add(new Vec(Deps.NONE, VecOp.SCALE, at, at, 0, 1, 1, 0));
        }
        pb.add(new Vec(Deps.NONE, VecOp.FWHT, x, x, 0, tc, k, 0));
        pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.VEC_SCALE, p.hadamardScale()));
        pb.add(new Vec(Deps.NONE, VecOp.SCALE, x, x, 0, tc, k, 0));
      }
      pb.add(new QuantIg(Deps.NONE, 0, x, sx, tc, k, 0, IntWidth.INT4, true));
      pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, k));
      pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
      List<TileStream.RowTile> rows = new ArrayList<>();
      for (int r0 = 0; r0 < n; r0 += tileRows) {
        int nt = Math.min(tileRows, n - r0);
        List<TileStream.Tile> tiles = new ArrayList<>();
        for (int k0 = 0; k0 < k; k0 += kTile) {
          int kt = Math.min(kTile, k - k0);
          boolean last = k0 + kt == k;
          tiles.add(new CodeTile(codesAddr + TileStream.tileOffset(n, k / 2, tileRows, r0, k0 / 2), tc, nt, k0, kt,
              last ? steps + 4L * r0 : -1, sx));
        }
        rows.add(new TileStream.StoredRows(tiles, new Store(Deps.NONE, Buffer.VEC, 0,
            outputAddr + 4L * (t0 * (long) n + r0), tc, 4 * nt, 4L * n)));
      }
      TileStream.emit(pb, 0, slot1, y0, y1, rows);
      rowTiles = rows.size();
    }
    return new CompiledIntLinear(pb.finish(), List.of(new DramSegment("int4 weight codes", codesAddr,
        pack(p, tileRows, kTile)),
        new DramSegment("weight steps", stepsAddr, floats(p.steps()))), inputAddr, outputAddr, m, n, k,
        new Tiling(tileRows, kTile, rowTiles, kTiles, mc));
  }

  /** One token chunk's tile sizes. */
  private record Layout(int tokenChunk, int tileRows, int kTile) {}

  /**
   * The tiles for {@code mc} tokens at a time, or null when they do not fit: VEC holds the chunk's x, its steps, all
   * N weight steps and two output tiles, ACC one tile's int32 sums, WGT two code tiles, ACT the chunk's codes.
   */
  private Layout layout(int n, int k, int mc, int maxKTile) {
    long vecFixed = align(4L * mc * k) + align(4L * mc) + align(4L * n);
    long vecLeft = target.vecBytes() - vecFixed - 3L * ALIGN;
    int tileRows = (int) Math.max(0, Math.min(Math.min(n, MAX_DIM), Math.min(target.accBytes() / (4L * mc),
        vecLeft / (4L * (2L * mc + 1)))));
    // WGT: two slots of tileRows packed rows of kTile / 2 bytes (TileStream: the next tile loads during this GEMM.IW)
    int kTile = tileRows < 1 ? 0 : (int) Math.min(Math.min(k, maxKTile), Math.min(MAX_DIM - 1,
        (target.wgtBytes() - 2L * ALIGN) / tileRows));
    kTile &= ~1;
    if (tileRows < 1 || kTile < 2 || (long) mc * k > target.actBytes()) {
      return null;
    }
    return new Layout(mc, tileRows, kTile);
  }

  /**
   * One K tile of a row tile's int4 codes and its GEMM.IW (INT4 weights, INT8 activations: the {@code q - z} bytes);
   * the row tile's last also copies its steps right before s_x and scales the int32 sums (VEC.ACC_SCALE imm 0).
   *
   * @param rowSteps VEC address of the row tile's steps in the preloaded block, or -1 when not the last K tile
   */
  private record CodeTile(long from, int m, int nt, int k0, int kt, long rowSteps, long sx)
      implements TileStream.Tile {
    /** The tile is one contiguous block in DRAM (tile-major codes, {@link #pack}). */
    @Override
    public List<Load> loads(TileStream.Slot slot) {
      return List.of(TileStream.contiguousTile(slot.addr(), from, nt, kt / 2));
    }

    @Override
    public List<Instruction> compute(TileStream.Slot slot, long out) {
      GemmIw gemm = new GemmIw(Deps.NONE, slot.addr(), k0, 0, m, nt, kt, IntWidth.INT4, IntWidth.INT8, k0 > 0);
      if (rowSteps < 0) {
        return List.of(gemm);
      }
      long sw = sx - 4L * nt;
      return List.of(gemm, new Vec(Deps.NONE, VecOp.COPY, sw, rowSteps, 0, 1, nt, 0),
          new Vec(Deps.NONE, VecOp.ACC_SCALE, out, 0, sw, m, nt, VecOp.ACC_SCALE_WRITE));
    }
  }

  /**
   * The codes as int4 nibbles (K is even: the format refuses odd K), even k low, K / 2 bytes per row, laid out
   * tile-major for tiles of {@code tileRows} x {@code kTile} (TileStream.tileMajor): every tile one contiguous block
   * in DRAM. Stored row-major, each tile would be one strided piece of kTile / 2 bytes per row, and every piece would
   * pay whole DRAM bursts (1.85 bus bytes per code byte on llama-3-8b's gate_proj).
   */
  static byte[] pack(SpinQuantPlan p, int tileRows, int kTile) {
    int k = p.cols();
    int rb = k / 2;
    byte[] rowMajor = new byte[p.rows() * rb];
    for (int r = 0; r < p.rows(); r++) {
      for (int i = 0; i < k; i++) {
        int nib = p.codes()[r * k + i] & 0xF;
        rowMajor[r * rb + i / 2] |= (byte) ((i & 1) == 0 ? nib : nib << 4);
      }
    }
    return TileStream.tileMajor(rowMajor, p.rows(), rb, tileRows, kTile / 2);
  }

  private static byte[] floats(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  private static long align(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
