package dev.tritium.mapper.dense;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.dense.CompiledDense.Tiling;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.mapper.program.TileStream;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.Fp16Dense;
import dev.tritium.models.format.QuantizedMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link DensePlan} to one standalone program on the vector unit, in the format's apply order: per K tile
 * of {@code kTile} columns the tokens' x columns [m][kt] (fp32) load into a VEC staging block and VEC.TO_F16 rounds
 * them to binary16 into ACT, one dense block [m][kt] per K tile (the format's {@code x16 = fp16(x)}); then per tile
 * of output rows and per K tile the fp16 weight rows [nt][kt] stream from DRAM into ACT and one GEMM.F16 (the lanes:
 * each fp16 value widened exactly, {@code s = s + a * b} k ascending, the product exact and every sum rounded to
 * fp32) writes the tile's outputs in VEC, accumulating from the second K tile on; GEMM.F16's accumulate starts each
 * sum from the stored value and keeps adding in k order, so K tiles give the same bits as one pass over K, which is
 * the format's {@code s = 0f; s = s + w16[k] * x16[k]}. The outputs STORE to y. The weight tiles stream through two
 * ACT slots and the outputs through two VEC blocks ({@link TileStream}), so the next tile's LOAD runs during this
 * tile's GEMM.F16 and a row tile's STORE during the next row tile's.
 *
 * <p>The A and B blocks are dense rows of 2 kt bytes, so CFG ACT_ROW_STRIDE_BYTES (which GEMM.F16 applies to both)
 * stays 0. DRAM: x at 0, y after it, then the fp16 weights [N][K] (little-endian binary16).
 */
public final class DenseLowering {

  /** GEMM.F16's m, n, k fields (14 bits) and the VEC rows field (12 bits). */
  private static final int MAX_DIM = (1 << 14) - 1;
  private static final int MAX_VEC_ROWS = (1 << 12) - 1;
  private static final int ALIGN = 64;
  /**
   * A token chunk is shrunk until its row tiles hold at least this many weight rows (or all N). ASSUMED: enough rows
   * that each GEMM.F16's fixed latency is small against its m n k / lanes cycles on the edge arrays; not tuned.
   */
  private static final int MIN_TILE_ROWS = 64;

  private final IsaTarget target;

  /** @throws IllegalArgumentException when the target has no vector unit (GEMM.F16 runs on its lanes) */
  public DenseLowering(IsaTarget target) {
    this.target = target;
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit: the fp16 baseline runs on"
          + " GEMM.F16 on the vector unit's fp32 lanes (vector_unit.lanes >= 1)");
    }
  }

  /**
   * One {@code fp16} projection with the seeded weights the cross-checks use ({@link BitLinearCase#formatWeights}),
   * compiled with the largest tiles the buffers hold: the whole-model estimator's entry.
   *
   * @param tensorId the tensor's seed offset (the projection's {@code LayerKind} ordinal in the CLI)
   * @throws IllegalArgumentException when the format is not {@code fp16}, the arch has no vector unit or the shape
   *     does not fit its buffers
   */
  public static CompiledDense compileSeeded(IsaTarget target, FormatPreset format, int n, int k, int tokens, long seed,
      int tensorId) {
    return new DenseLowering(target).compile(plan(format, n, k, seed, tensorId), tokens);
  }

  /** The seeded plan of an {@code fp16} projection. */
  public static DensePlan plan(FormatPreset format, int n, int k, long seed, long tensorId) {
    QuantizedMatrix m = BitLinearCase.formatWeights(format, n, k, seed, tensorId);
    if (!(m instanceof Fp16Dense.Weights w)) {
      throw new IllegalArgumentException("weight format '" + format.name() + "' is not the dense fp16 baseline; the"
          + " dense lowering runs 'fp16' only");
    }
    return DensePlan.of(format.name(), w);
  }

  /** Compiles with the largest tiles the buffers hold. */
  public CompiledDense compile(DensePlan plan, int tokens) {
    return compile(plan, tokens, MAX_DIM);
  }

  /**
   * Compiles with K tiles of at most {@code maxKTile} columns (smaller ones exercise the accumulate).
   *
   * <p>Tokens run in chunks when the buffers do not hold all of them (each chunk rounds its x and re-streams the
   * weights).
   *
   * @throws IllegalArgumentException when one token's fp16 activations or one tile do not fit the buffers
   */
  public CompiledDense compile(DensePlan plan, int tokens, int maxKTile) {
    int n = plan.rows();
    int k = plan.cols();
    int m = tokens;
    if (m < 1 || m > MAX_VEC_ROWS || maxKTile < 1) {
      throw new IllegalArgumentException("tokens must be 1 to " + MAX_VEC_ROWS + " and the K tile positive, got "
          + tokens + " tokens, K tile " + maxKTile);
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
          + " for the fp16 activations and two weight tiles, VEC %d bytes for one K tile of x and two output tiles)",
          plan.name(), k, target.name(), target.actBytes(), target.vecBytes()));
    }
    int mc = lay.tokenChunk();
    int kTile = lay.kTile();
    int tileRows = lay.tileRows();
    // VEC: [x staging: mc kTile][y0, y1: mc tileRows]; ACT: [fp16 x blocks of all K tiles: mc K][slot0][slot1]
    long staging = 0;
    long y0 = align(4L * mc * kTile);
    long y1 = y0 + align(4L * mc * tileRows);
    long xAct = 0;
    long slot0 = align(2L * mc * k);
    long slot1 = slot0 + align(2L * tileRows * kTile);
    long inputAddr = 0;
    long outputAddr = align(4L * m * k);
    long weightsAddr = outputAddr + align(4L * m * n);

    ProgramBuilder pb = new ProgramBuilder();
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    int kTiles = (k + kTile - 1) / kTile;
    int rowTiles = 0;
    for (int t0 = 0; t0 < m; t0 += mc) {
      int tc = Math.min(mc, m - t0);
      for (int k0 = 0; k0 < k; k0 += kTile) {
        int kt = Math.min(kTile, k - k0);
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, staging, inputAddr + 4L * (t0 * (long) k + k0), tc, 4 * kt,
            4L * k)));
        pb.add(new Vec(Deps.NONE, VecOp.TO_F16, xAct + 2L * tc * k0, staging, 0, tc, kt, 0));
      }
      List<TileStream.RowTile> rows = new ArrayList<>();
      for (int r0 = 0; r0 < n; r0 += tileRows) {
        rows.add(rowTile(tc, n, k, r0, Math.min(tileRows, n - r0), kTile, xAct, weightsAddr,
            outputAddr + 4L * t0 * n));
      }
      TileStream.emit(pb, slot0, slot1, y0, y1, rows);
      rowTiles = rows.size();
    }
    return new CompiledDense(pb.finish(), List.of(new DramSegment("fp16 weights", weightsAddr, bytes(plan.w16()))),
        inputAddr, outputAddr, m, n, k, new Tiling(tileRows, kTile, rowTiles, kTiles, mc));
  }

  /** One token chunk's tile sizes. */
  private record Layout(int tokenChunk, int tileRows, int kTile) {}

  /**
   * The tiles for {@code mc} tokens at a time, or null when they do not fit: K tiles of at most half of VEC's bytes of
   * fp32 x (the staging block), as many weight rows as two ACT slots hold beside the chunk's fp16 x and two VEC output
   * blocks beside the staging block.
   */
  private Layout layout(int n, int k, int mc, int maxKTile) {
    int kTile = (int) Math.min(Math.min(k, maxKTile), Math.min(MAX_DIM, target.vecBytes() / 2 / (4L * mc)));
    if (kTile < 1) {
      return null;
    }
    long actLeft = target.actBytes() - align(2L * mc * k) - 2L * ALIGN;
    long vecLeft = target.vecBytes() - align(4L * mc * kTile) - 2L * ALIGN;
    long tileRows = Math.min(Math.min(n, MAX_DIM), Math.min(actLeft / (4L * kTile), vecLeft / (8L * mc)));
    return tileRows < 1 ? null : new Layout(mc, (int) tileRows, kTile);
  }

  /** Row tile r0 (nt rows): per K tile a weight LOAD [nt][kt] and one GEMM.F16, then the STORE of its outputs. */
  private static TileStream.RowTile rowTile(int m, int n, int k, int r0, int nt, int kTile, long xAct,
      long weightsAddr, long outputAddr) {
    List<TileStream.Tile> tiles = new ArrayList<>();
    for (int k0 = 0; k0 < k; k0 += kTile) {
      tiles.add(new WeightTile(weightsAddr + 2L * ((long) r0 * k + k0), 2L * k, xAct + 2L * m * k0, m, nt,
          Math.min(kTile, k - k0), k0 > 0));
    }
    return new OutputRows(tiles, new Store(Deps.NONE, Buffer.VEC, 0, outputAddr + 4L * r0, m, 4 * nt, 4L * n));
  }

  /** One weight tile [nt][kt] at {@code from} (DRAM rows {@code stride} apart) and its GEMM.F16 on the x block a. */
  private record WeightTile(long from, long stride, long a, int m, int nt, int kt, boolean accumulate)
      implements TileStream.Tile {
    @Override
    public List<Load> loads(TileStream.Slot slot) {
      return List.of(new Load(Deps.NONE, Buffer.ACT, slot.addr(), from, nt, 2 * kt, stride));
    }

    @Override
    public List<Instruction> compute(TileStream.Slot slot, long out) {
      return List.of(new GemmF16(Deps.NONE, a, slot.addr(), out, m, nt, kt, false, accumulate));
    }
  }

  /** A row tile's weight tiles and its STORE (the source address is the stream's output block). */
  private record OutputRows(List<TileStream.Tile> tiles, Store store) implements TileStream.RowTile {
    @Override
    public Store store(long out) {
      return new Store(Deps.NONE, store.buffer(), out, store.dramAddr(), store.rows(), store.rowBytes(),
          store.dramStrideBytes());
    }
  }

  private static byte[] bytes(short[] w) {
    byte[] out = new byte[2 * w.length];
    for (int i = 0; i < w.length; i++) {
      out[2 * i] = (byte) w[i];
      out[2 * i + 1] = (byte) (w[i] >> 8);
    }
    return out;
  }

  private static long align(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
