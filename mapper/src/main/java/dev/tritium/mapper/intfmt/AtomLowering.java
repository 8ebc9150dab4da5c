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
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.intfmt.CompiledIntLinear.Tiling;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.mapper.program.TileStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles an {@link AtomPlan}: per token the DMA gathers the normal and the outlier input channels into two dense
 * fp32 blocks in VEC (one LOAD per run of consecutive channels), QUANT.IG quantizes them (int4 per group of G, int8
 * over the outliers; codes to ACT, steps to VEC group-major). Then per tile of output rows and per normal group in
 * order, then the outlier group, as one {@link TileStream}: the group's weight codes (int4 nibbles, or int8) load
 * into one of two WGT slots and its weight steps into the VEC step slot of the same index, while the previous group
 * computes: a copy of the group's activation steps after the weight steps (VEC.COPY), one GEMM.IW (one K tile per
 * group: Atom sums each group apart) and one VEC.ACC_SCALE (imm 0 for the first group, 1 after) into the row tile's
 * output block (one of two), whose STORE to y overlaps the next row tile.
 *
 * <p>DRAM: x at 0, y after it, then per normal group its packed int4 rows [N][ceil(width / 2)], the normal steps
 * [groups][N], the outlier codes [N][C] and the outlier steps [N].
 */
final class AtomLowering {

  private static final int MAX_DIM = (1 << 14) - 1;
  private static final int MAX_VEC_ROWS = (1 << 12) - 1;
  private static final int ALIGN = 64;

  private final IsaTarget target;

  AtomLowering(IsaTarget target) {
    this.target = target;
  }

  CompiledIntLinear compile(AtomPlan p, int m) {
    int n = p.rows();
    int k = p.cols();
    int kn = p.normalColumns().length;
    int c = p.outlierColumns().length;
    int groups = p.groups();
    if (m < 1 || m > MAX_VEC_ROWS || p.group() > MAX_DIM || c > MAX_DIM) {
      throw new IllegalArgumentException(p.name() + ": tokens must be 1 to " + MAX_VEC_ROWS + " and the group and"
          + " outlier count at most " + MAX_DIM + ", got " + m + " tokens");
    }
    // VEC: [xn: m kn][xo: m c][sxn: groups m][sxo: m][two step slots: tileRows + m floats each][y0, y1: m tileRows]
    long fixed = align(4L * m * kn) + align(4L * m * c) + align(4L * groups * m) + align(4L * m);
    long vecLeft = target.vecBytes() - fixed - 6L * ALIGN;
    long wgtRow = Math.max((p.group() + 1) / 2, c);
    int tileRows = (int) Math.min(Math.min(n, MAX_DIM), Math.min(target.accBytes() / (4L * m),
        Math.min((vecLeft - 8L * m) / (8L * (m + 1)), (target.wgtBytes() / 2 - ALIGN) / wgtRow)));
    if (tileRows < 1 || (long) m * k > target.actBytes()) {
      throw new IllegalArgumentException(String.format("%s: %d token(s) of K = %d do not fit arch '%s' (ACT %d, VEC"
          + " %d, ACC %d, WGT %d bytes)", p.name(), m, k, target.name(), target.actBytes(), target.vecBytes(),
          target.accBytes(), target.wgtBytes()));
    }
    long xn = 0;
    long xo = xn + align(4L * m * kn);
    long sxn = xo + align(4L * m * c);
    long sxo = sxn + align(4L * groups * m);
    long steps0 = sxo + align(4L * m);
    long steps1 = steps0 + align(4L * (tileRows + m));
    long y0 = steps1 + align(4L * (tileRows + m));
    long y1 = y0 + align(4L * m * tileRows);
    long[] stepSlots = {steps0, steps1};
    long slot1 = align(wgtRow * tileRows);
    long actN = 0;
    long actO = align((long) m * kn);
    // DRAM
    long inputAddr = 0;
    long outputAddr = align(4L * m * k);
    long next = outputAddr + align(4L * m * n);
    long[] groupAddr = new long[groups];
    List<byte[]> packed = new ArrayList<>();
    for (int q = 0; q < groups; q++) {
      byte[] b = packGroup(p, q);
      packed.add(b);
      groupAddr[q] = next;
      next += align(b.length);
    }
    long normalStepsAddr = next;
    next += align(4L * p.normalSteps().length);
    long outlierCodesAddr = next;
    next += align(p.outlierCodes().length);
    long outlierStepsAddr = next;

    ProgramBuilder pb = new ProgramBuilder();
    List<Load> gather = new ArrayList<>();
    for (int t = 0; t < m; t++) {
      gatherRuns(gather, p.normalColumns(), xn + 4L * t * kn, inputAddr + 4L * t * k);
      gatherRuns(gather, p.outlierColumns(), xo + 4L * t * c, inputAddr + 4L * t * k);
    }
    pb.loads(gather);
    pb.add(new QuantIg(Deps.NONE, actN, xn, sxn, m, kn, p.group(), IntWidth.INT4));
    pb.add(new QuantIg(Deps.NONE, actO, xo, sxo, m, c, 0, IntWidth.INT8));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    // Every group of a row tile is a tile of the stream: its codes and its row steps load while the previous
    // group's GEMM.IW and ACC_SCALE run.
    List<TileStream.RowTile> rows = new ArrayList<>();
    for (int r0 = 0; r0 < n; r0 += tileRows) {
      int nt = Math.min(tileRows, n - r0);
      List<TileStream.Tile> tiles = new ArrayList<>();
      for (int q = 0; q < groups; q++) {
        int wq = p.groupWidth(q);
        int rb = (wq + 1) / 2;
        tiles.add(new GroupTile(groupAddr[q] + (long) r0 * rb, rb, normalStepsAddr + 4L * ((long) q * n + r0),
            stepSlots, sxn + 4L * q * m, actN + (long) q * p.group(), kn, m, nt, wq, IntWidth.INT4, q == 0));
      }
      tiles.add(new GroupTile(outlierCodesAddr + (long) r0 * c, c, outlierStepsAddr + 4L * r0, stepSlots, sxo, actO,
          c, m, nt, c, IntWidth.INT8, groups == 0));
      rows.add(new TileStream.StoredRows(tiles, new Store(Deps.NONE, Buffer.VEC, 0, outputAddr + 4L * r0, m, 4 * nt,
          4L * n)));
    }
    TileStream.emit(pb, 0, slot1, y0, y1, rows);
    int rowTiles = rows.size();
    List<DramSegment> segments = new ArrayList<>();
    for (int q = 0; q < groups; q++) {
      segments.add(new DramSegment("int4 codes of group " + q, groupAddr[q], packed.get(q)));
    }
    segments.add(new DramSegment("normal steps", normalStepsAddr, floats(p.normalSteps())));
    segments.add(new DramSegment("outlier codes", outlierCodesAddr, p.outlierCodes()));
    segments.add(new DramSegment("outlier steps", outlierStepsAddr, floats(p.outlierSteps())));
    return new CompiledIntLinear(pb.finish(), segments, inputAddr, outputAddr, m, n, k,
        new Tiling(tileRows, p.group(), rowTiles, groups + 1, m));
  }

  /**
   * One group of a row tile: its codes (one contiguous block, {@code rowBytes} per row) into the weight slot and its
   * row steps into the step slot of the same index; then the group's activation steps copied after the row steps
   * (ACC_SCALE reads {@code s_w} then {@code s_x} as one block), one GEMM.IW over the group's columns and one
   * VEC.ACC_SCALE into the output block (written by a row tile's first group, added by the others, in group order).
   */
  private record GroupTile(long codes, int rowBytes, long rowSteps, long[] stepSlots, long sx, long act, int actStride,
      int m, int nt, int width, IntWidth codeWidth, boolean first) implements TileStream.Tile {
    @Override
    public List<Load> loads(TileStream.Slot slot) {
      return List.of(TileStream.contiguousTile(slot.addr(), codes, nt, rowBytes),
          new Load(Deps.NONE, Buffer.VEC, stepSlots[slot.index()], rowSteps, 1, 4 * nt, 4L * nt));
    }

    @Override
    public List<Instruction> compute(TileStream.Slot slot, long out) {
      long sw = stepSlots[slot.index()];
      return List.of(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, actStride),
          new Vec(Deps.NONE, VecOp.COPY, sw + 4L * nt, sx, 0, 1, m, 0),
          new GemmIw(Deps.NONE, slot.addr(), act, 0, m, nt, width, codeWidth, codeWidth, false),
          new Vec(Deps.NONE, VecOp.ACC_SCALE, out, 0, sw, m, nt, first ? VecOp.ACC_SCALE_WRITE
              : VecOp.ACC_SCALE_ADD));
    }
  }

  /** One LOAD per run of consecutive columns of one token's row (the channel gather). */
  private static void gatherRuns(List<Load> out, int[] columns, long vecRow, long dramRow) {
    int j = 0;
    while (j < columns.length) {
      int start = j;
      while (j + 1 < columns.length && columns[j + 1] == columns[j] + 1) {
        j++;
      }
      j++;
      int run = j - start;
      out.add(new Load(Deps.NONE, Buffer.VEC, vecRow + 4L * start, dramRow + 4L * columns[start], 1, 4 * run,
          4L * run));
    }
  }

  /** Group q's int4 codes of every row, ceil(width / 2) bytes per row, even k in the low nibble. */
  static byte[] packGroup(AtomPlan p, int q) {
    int kn = p.normalColumns().length;
    int wq = p.groupWidth(q);
    int rb = (wq + 1) / 2;
    byte[] out = new byte[p.rows() * rb];
    for (int r = 0; r < p.rows(); r++) {
      for (int i = 0; i < wq; i++) {
        int nib = p.normalCodes()[r * kn + q * p.group() + i] & 0xF;
        out[r * rb + i / 2] |= (byte) ((i & 1) == 0 ? nib : nib << 4);
      }
    }
    return out;
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
