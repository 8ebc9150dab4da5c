package dev.tritium.mapper.abq;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.program.ProgramBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Compiles an {@link AbqPlan} for a target whose MAC array has bit-plane PEs (GEMM.BP, {@code mac_array.bit_plane}).
 *
 * <p>The m tokens' x [m][K] (fp32) loads into VEC; QUANT.BP fits each token to the Q-bit asymmetric grid (the
 * format's activation quantizer, in its order) and writes its zero-point and Q bit planes to ACT and its step s_x to
 * VEC. Then per tile of {@code tileRows} output rows: the tile's WGT rows (zero-point and P planes each) load, one
 * GEMM.BP over the whole K writes the int32 sums {@code sum_k (u_w - z_w)(u_x - z_x)} to ACC (the format's
 * accumulators exactly: the zero-point terms are the instruction's), the tile's weight steps load into VEC right before
 * s_x (VEC.ACC_SCALE reads s_w [tileRows] then s_x [m] as one block), one VEC.ACC_SCALE (imm 0) writes
 * {@code 0f + ((float) acc * s_w) * s_x} (equal to the format's {@code ((float) acc * s_w) * s_x}: the product is never
 * -0, since a zero sum gives +0 and the steps are never negative), and the outputs STORE to y [m][N]. DMA and compute
 * alternate (ProgramBuilder's token discipline). The int32 sums equal the format's int64 ones: with P, Q <= 8 and
 * K <= 16,383 (GEMM.BP's k field) every |sum| is at most 255 x 255 x 16,383 < 2^31.
 *
 * <p>DRAM: x at 0, y after it, the WGT rows [N][rowBytes(P, K)], then the fp32 weight steps [N].
 */
public final class AbqLowering {

  /** GEMM.BP's m (12 bits) and n (13 bits) fields, the K field (14 bits). */
  private static final int MAX_TOKENS = (1 << 12) - 1;
  private static final int MAX_TILE_ROWS = (1 << 13) - 1;
  private static final int MAX_K = (1 << 14) - 1;
  private static final int ALIGN = 64;

  private final IsaTarget target;

  /** @throws IllegalArgumentException naming the arch key when the MAC array has no bit-plane PEs */
  public AbqLowering(IsaTarget target) {
    this.target = target;
    if (!target.hasMacArray() || !target.macBitPlane()) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no bit-plane PEs in its MAC array:"
          + " abq-wpaq runs on GEMM.BP, which needs mac_array.bit_plane: true (found false)");
    }
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit (QUANT.BP and"
          + " VEC.ACC_SCALE run on it)");
    }
  }

  /**
   * Compiles {@code tokens} tokens with the largest row tiles the buffers hold.
   *
   * @throws IllegalArgumentException when the tokens' planes, x or one weight row do not fit the buffers
   */
  public CompiledAbq compile(AbqPlan plan, int tokens) {
    int n = plan.rows();
    int k = plan.cols();
    int m = tokens;
    if (m < 1 || m > MAX_TOKENS) {
      throw new IllegalArgumentException("tokens must be 1 to " + MAX_TOKENS + " (GEMM.BP's m), got " + tokens);
    }
    if (k > MAX_K) {
      throw new IllegalArgumentException(plan.name() + ": K = " + k + " exceeds GEMM.BP's k field (at most " + MAX_K
          + "); this lowering does not split K");
    }
    int wRow = plan.rowBytes();
    long aRow = GemmBp.rowBytes(plan.activationBits(), k);
    long vecFixed = align(4L * m * k) + align(4L * m);
    long vecLeft = target.vecBytes() - vecFixed;
    long tileRows = Math.min(Math.min(n, MAX_TILE_ROWS), target.accBytes() / (4L * m));
    tileRows = Math.min(tileRows, target.wgtBytes() / wRow);
    tileRows = Math.min(tileRows, (vecLeft - 2L * ALIGN) / (4L * (m + 1)));
    if (tileRows < 1 || m * aRow > target.actBytes()) {
      throw new IllegalArgumentException(String.format("%s: %d token(s) of K = %d do not fit arch '%s' (ACT %d bytes"
          + " for %d bytes of activation planes per token, WGT %d bytes for one %d-byte weight row, VEC %d bytes for"
          + " x, steps and outputs, ACC %d bytes for one row's int32 sums)", plan.name(), m, k, target.name(),
          target.actBytes(), aRow, target.wgtBytes(), wRow, target.vecBytes(), target.accBytes()));
    }
    int rowsPerTile = (int) tileRows;
    // VEC: [s_w slot: tileRows floats, right-aligned before s_x][s_x: m floats][x: m K floats][y: m tileRows]
    long sx = align(4L * rowsPerTile);
    long x = sx + align(4L * m);
    long y = x + align(4L * m * k);
    long inputAddr = 0;
    long outputAddr = align(4L * m * k);
    long weightsAddr = outputAddr + align(4L * m * n);
    long stepsAddr = weightsAddr + align((long) n * wRow);
    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, x, inputAddr, m, 4 * k, 4L * k)));
    pb.add(new QuantBp(Deps.NONE, 0, x, sx, m, k, plan.activationBits()));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    int rowTiles = 0;
    for (int r0 = 0; r0 < n; r0 += rowsPerTile) {
      int nt = Math.min(rowsPerTile, n - r0);
      rowTiles++;
      pb.loads(List.of(new Load(Deps.NONE, Buffer.WGT, 0, weightsAddr + (long) r0 * wRow, nt, wRow, wRow)));
      pb.add(new GemmBp(Deps.NONE, 0, 0, 0, m, nt, k, plan.weightBits(), plan.activationBits(), false));
      long sw = sx - 4L * nt;
      pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, sw, stepsAddr + 4L * r0, 1, 4 * nt, 4L * nt)));
      pb.add(new Vec(Deps.NONE, VecOp.ACC_SCALE, y, 0, sw, m, nt, VecOp.ACC_SCALE_WRITE));
      pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, y, outputAddr + 4L * r0, m, 4 * nt, 4L * n)));
    }
    ByteBuffer steps = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : plan.steps()) {
      steps.putFloat(s);
    }
    return new CompiledAbq(pb.finish(), List.of(new DramSegment("weight zero-points and bit planes", weightsAddr,
        plan.rowsImage()), new DramSegment("weight steps", stepsAddr, steps.array())), inputAddr, outputAddr, m, n, k,
        new CompiledAbq.Tiling(rowsPerTile, rowTiles));
  }

  private static long align(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
