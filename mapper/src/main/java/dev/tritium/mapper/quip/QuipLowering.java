package dev.tritium.mapper.quip;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.models.format.Hadamard;
import dev.tritium.models.format.IntGrid;
import dev.tritium.models.format.Quip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@code quip-w2} layer ({@link Quip.Weights}) for a target whose MAC array has fp32 adders, in the order
 * of {@code Quip.Weights.apply}. Per chunk of tokens, in VEC: {@code x16 = fp16(x)} (VEC.ROUND_F16); {@code t = D_V
 * x16} (VEC.MUL_ROW by the ±1 vector D_V: a multiplication by ±1 is exactly a sign flip, isa/README.md);
 * {@code t = FWHT_K(t)} (VEC.FWHT); then per WGT tile of code rows one GEMM.Q2 writes the tile's columns of
 * {@code acc [m][N]}; {@code v = acc * s} (VEC.MUL_ROW by the steps); {@code v = FWHT_N(v)} (VEC.FWHT);
 * {@code y = v * (D_U c)} (VEC.MUL_ROW by the vector {@code D_U[r] * c}: {@code (D_U[r] v) * c} and
 * {@code v * (D_U[r] c)} are the same rounding of the same exact product, as rounding to nearest is symmetric in
 * sign), then a STORE of y.
 *
 * <p>Loads and compute alternate strictly (each load step waits for the compute step before it, each compute step for
 * its load), and each chunk's STORE finishes before the next chunk writes its v: simple and hazard-free, with no
 * overlap of DMA and compute. DRAM: the vectors [D_V | s | D_U c] at 0, the code rows from {@code codesAddr} (tile by
 * tile, contiguous), x and y after them.
 */
public final class QuipLowering {

  /** The DMA's row_bytes field holds 17 bits: blobs load in 64 KiB pieces. */
  private static final int PIECE_BYTES = 1 << 16;
  /** The TILE_DIM fields (m, n, k of GEMM.Q2) and VEC's 12-bit rows. */
  private static final int MAX_DIM = (1 << 14) - 1;
  private static final int MAX_VEC_ROWS = (1 << 12) - 1;
  private static final long ALIGN = 64;

  private final IsaTarget target;

  /**
   * @throws IllegalArgumentException naming the arch key when the MAC array lacks fp32 adders or there is no vector
   *     unit
   */
  public QuipLowering(IsaTarget target) {
    this.target = target;
    if (!target.hasMacArray() || target.macFloatAdderBits() != 32) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has " + (target.macFloatAdders()
          ? "fp" + target.macFloatAdderBits() + " adders" : "no floating-point adders") + " in its MAC array: quip-w2"
          + " runs its 2-bit codes on GEMM.Q2, which needs mac_array.float_adders: fp32");
    }
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit: quip-w2's Hadamard"
          + " transforms run on VEC.FWHT");
    }
  }

  /** Compiles {@code tokens} tokens of the layer {@code w}. */
  public CompiledQuip compile(Quip.Weights w, int tokens) {
    int n = w.rows();
    int k = w.cols();
    if (tokens < 1) {
      throw new IllegalArgumentException("quip-w2 layer: tokens must be >= 1, got " + tokens);
    }
    if (n > MAX_DIM || k > MAX_DIM) {
      throw new IllegalArgumentException("quip-w2 layer " + n + " x " + k + ": GEMM.Q2's n and k fields hold at most "
          + MAX_DIM + "; expected both dimensions <= " + MAX_DIM);
    }
    Hadamard.requireEven(k, "input (K) of a " + n + " x " + k + " quip-w2 matrix");
    Hadamard.requireEven(n, "output (N) of a " + n + " x " + k + " quip-w2 matrix");
    long rowBytes = GemmQ2.rowBytes(k);
    int tileRows = (int) Math.min(n, target.wgtBytes() / rowBytes);
    if (tileRows < 1) {
      throw new IllegalArgumentException("quip-w2 layer " + n + " x " + k + ": one code row is " + rowBytes
          + " bytes, WGT holds " + target.wgtBytes() + " on arch '" + target.name() + "'; expected WGT >= " + rowBytes);
    }
    int tiles = IntMath.ceilDiv(n, tileRows);
    // VEC: [D_V | s | D_U c] then x [m][K] and acc [m][N]
    long vectors = align(4L * (k + 2L * n));
    long perToken = 4L * (k + n);
    long chunkCap = (target.vecBytes() - vectors) / (perToken + ALIGN);
    int chunk = (int) Math.min(Math.min(tokens, chunkCap), MAX_VEC_ROWS);
    if (chunk < 1) {
      throw new IllegalArgumentException("quip-w2 layer " + n + " x " + k + ": VEC (" + target.vecBytes()
          + " bytes on arch '" + target.name() + "') holds the sign and scale vectors (" + vectors + " bytes) but not"
          + " one token's x and acc (" + perToken + " bytes); expected VEC >= " + (vectors + perToken + ALIGN));
    }
    long vx = vectors;
    long vv = align(vx + 4L * chunk * k);

    // DRAM
    List<DramSegment> segments = new ArrayList<>();
    segments.add(new DramSegment("vectors D_V, s, D_U c", 0, vectorBytes(w)));
    long codesAddr = align(4L * (k + 2L * n));
    long[] tileAddr = new long[tiles];
    long at = codesAddr;
    for (int i = 0; i < tiles; i++) {
      int r0 = i * tileRows;
      int rows = Math.min(tileRows, n - r0);
      tileAddr[i] = at;
      segments.add(new DramSegment("codes of tile " + i, at, codeRows(w, r0, rows, (int) rowBytes)));
      at = align(at + rows * rowBytes);
    }
    long inputAddr = align(at);
    long outputAddr = align(inputAddr + 4L * tokens * k);

    List<Instruction> p = new ArrayList<>();
    boolean first = true;
    int chunks = IntMath.ceilDiv(tokens, chunk);
    for (int c = 0; c < chunks; c++) {
      int t0 = c * chunk;
      int m = Math.min(chunk, tokens - t0);
      boolean lastChunk = c == chunks - 1;
      // load step: (the vectors, first chunk only) and x
      List<Instruction> loads = new ArrayList<>();
      if (first) {
        pieces(loads, Buffer.VEC, 0, 0, 4L * (k + 2L * n));
      }
      loads.add(new Load(Deps.NONE, Buffer.VEC, vx, inputAddr + 4L * t0 * k, m, 4 * k, 4 * k));
      loadStep(p, loads, !first);
      if (first) {
        // GEMM.Q2 writes columns r0.. of acc rows 4N bytes apart; its activations are dense (4K)
        p.add(new Cfg(new Deps(true, c > 0, false, false), CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n));
        p.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
        p.add(new Vec(Deps.NONE, VecOp.ROUND_F16, vx, vx, 0, m, k, 0));
      } else {
        // pops the load's token and the previous chunk's STORE token (acc is about to be rewritten)
        p.add(new Vec(new Deps(true, true, false, false), VecOp.ROUND_F16, vx, vx, 0, m, k, 0));
      }
      first = false;
      p.add(new Vec(Deps.NONE, VecOp.MUL_ROW, vx, vx, 0, m, k, 0));
      p.add(new Vec(new Deps(false, false, true, false), VecOp.FWHT, vx, vx, 0, m, k, 0));
      for (int i = 0; i < tiles; i++) {
        int r0 = i * tileRows;
        int rows = Math.min(tileRows, n - r0);
        List<Instruction> tile = new ArrayList<>();
        pieces(tile, Buffer.WGT, 0, tileAddr[i], rows * rowBytes);
        loadStep(p, tile, true);
        boolean moreLoads = i < tiles - 1 || !lastChunk;
        p.add(new GemmQ2(new Deps(true, false, moreLoads, false), 0, vx, vv + 4L * r0, m, rows, k, false));
      }
      long steps = 4L * k;
      long duc = 4L * (k + n);
      p.add(new Vec(Deps.NONE, VecOp.MUL_ROW, vv, vv, steps, m, n, 0));
      p.add(new Vec(Deps.NONE, VecOp.FWHT, vv, vv, 0, m, n, 0));
      p.add(new Vec(new Deps(false, false, false, true), VecOp.MUL_ROW, vv, vv, duc, m, n, 0));
      p.add(new Store(new Deps(true, false, true, false), Buffer.VEC, vv, outputAddr + 4L * t0 * n, m, 4 * n, 4 * n));
    }
    p.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    p.add(new Finish(Deps.NONE));
    return new CompiledQuip(p, segments, inputAddr, outputAddr, tokens, n, k, chunk, tileRows, tiles);
  }

  /**
   * One load step: its first LOAD waits for the compute step before it ({@code pop}), its last pushes the token the
   * next compute step pops.
   */
  private static void loadStep(List<Instruction> p, List<Instruction> loads, boolean pop) {
    for (int i = 0; i < loads.size(); i++) {
      Load l = (Load) loads.get(i);
      p.add(l.withDeps(new Deps(false, pop && i == 0, false, i == loads.size() - 1)));
    }
  }

  /** Contiguous bytes as LOADs of at most 64 KiB rows (full pieces in one LOAD, the rest in another). */
  private static void pieces(List<Instruction> out, Buffer b, long sram, long dram, long bytes) {
    long full = bytes / PIECE_BYTES;
    if (full > 0) {
      out.add(new Load(Deps.NONE, b, sram, dram, (int) full, PIECE_BYTES, PIECE_BYTES));
    }
    long rest = bytes - full * PIECE_BYTES;
    if (rest > 0) {
      out.add(new Load(Deps.NONE, b, sram + full * PIECE_BYTES, dram + full * PIECE_BYTES, 1, (int) rest,
          (int) rest));
    }
  }

  /** [D_V (+1f / -1f) | s (the rows' fp16 steps) | D_U[r] * c] as little-endian fp32. */
  static byte[] vectorBytes(Quip.Weights w) {
    int n = w.rows();
    int k = w.cols();
    float c = Hadamard.invSqrt((long) Hadamard.block(n) * Hadamard.block(k));
    ByteBuffer b = ByteBuffer.allocate(4 * (k + 2 * n)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < k; i++) {
      b.putFloat(w.dv()[i] > 0 ? 1f : -1f);
    }
    for (int r = 0; r < n; r++) {
      b.putFloat(w.codes().groups()[r].step());
    }
    for (int r = 0; r < n; r++) {
      b.putFloat(w.du()[r] > 0 ? c : -c);
    }
    return b.array();
  }

  /** Code rows r0 .. r0 + rows - 1 in GEMM.Q2's layout: k + 1 two-bit fields from bit 0, the zero point first. */
  static byte[] codeRows(Quip.Weights w, int r0, int rows, int rowBytes) {
    int k = w.cols();
    IntGrid.Codes codes = w.codes();
    if (codes.groupsPerRow() != 1) {
      throw new IllegalArgumentException("quip-w2 codes: expected one step and zero point per row, got "
          + codes.groupsPerRow() + " groups per row");
    }
    byte[] out = new byte[rows * rowBytes];
    for (int r = 0; r < rows; r++) {
      int zero = codes.groups()[r0 + r].zero();
      for (int f = 0; f <= k; f++) {
        int v = f == 0 ? zero : codes.codes()[(r0 + r) * k + f - 1];
        if (v < 0 || v > 3) {
          throw new IllegalArgumentException("quip-w2 row " + (r0 + r) + (f == 0 ? " zero point" : " code " + (f - 1))
              + " is " + v + "; expected a 2-bit value 0..3");
        }
        out[r * rowBytes + f / 4] |= (byte) (v << (2 * (f % 4)));
      }
    }
    return out;
  }

  private static long align(long a) {
    return (a + ALIGN - 1) / ALIGN * ALIGN;
  }
}
