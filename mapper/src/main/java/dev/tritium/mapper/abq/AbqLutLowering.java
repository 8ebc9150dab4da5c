package dev.tritium.mapper.abq;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
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
 * Compiles an {@link AbqPlan} for a target whose LUT core has bit-plane tables (LUT.BUILD.BP / LUT.GEMM.BP,
 * {@code lut_core.bit_plane}): T-MAC's lookups of the same weight bit planes the MAC array's GEMM.BP reads.
 *
 * <p>The m tokens' x [m][K] (fp32) loads into VEC; QUANT.BP (bytes) fits each token to the Q-bit asymmetric grid, as
 * the MAC lowering does, and writes its zero-point and K code bytes to ACT and its step s_x to VEC. The LUT buffer is
 * small (a few KiB on the edge designs), so K is cut into chunks of {@code chunkCols} columns (a multiple of 8 and of
 * g, as many as one token block's tables fit): per chunk, one LUT.BUILD.BP builds the block's tables from column k0 of
 * the code rows, and per row tile one LUT.GEMM.BP adds the chunk's {@code sum_c (u_w - z_w)(u_x - z_x)} into ACC
 * (overwriting on the first chunk). The zero-point identity is additive over chunks, so the int32 sums after the last
 * chunk are the format's accumulators exactly, as GEMM.BP's are. Then, per output block, VEC.ACC_SCALE scales them
 * with s_w and s_x as in {@link AbqLowering} and the outputs STORE to y [m][N].
 *
 * <p>Loops: token blocks (as many tokens as let the LUT hold an 8-column chunk; all of them on the edge designs up to
 * 47 tokens at g = 4) > output blocks (as many rows as ACC and VEC hold) > K chunks > row tiles (as many rows as WGT
 * holds). The weight image is the plan's rows cut into the chunks, chunk-major: chunk c's rows are GEMM.BP rows of k =
 * its columns (the zero-point byte, then P planes of ceil(chunk/8) bytes), so each LUT.GEMM.BP reads contiguous rows.
 *
 * <p>DRAM: x at 0, y after it, the chunked WGT rows, then the fp32 weight steps [N].
 */
public final class AbqLutLowering {

  private static final int MAX_TOKENS = (1 << 12) - 1;
  private static final int MAX_ROWS = (1 << 13) - 1;
  private static final int MAX_K = (1 << 14) - 1;
  private static final int ALIGN = 64;

  private final IsaTarget target;
  private final int groupSize;

  /**
   * @param groupSize g of the tables, 2 or 4
   * @throws IllegalArgumentException naming the arch key when the LUT core has no bit-plane tables
   */
  public AbqLutLowering(IsaTarget target, int groupSize) {
    this.target = target;
    this.groupSize = groupSize;
    if (target.lut().isEmpty() || !target.lut().get().bitPlane()) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no bit-plane tables in its LUT core:"
          + " abq-wpaq on the LUT core runs LUT.BUILD.BP / LUT.GEMM.BP, which need lut_core.bit_plane: true"
          + " (found false)");
    }
    if (!LutBuildBp.validGroupSize(groupSize)) {
      throw new IllegalArgumentException("bit-plane tables take g = 2 or 4, got " + groupSize);
    }
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit (QUANT.BP and"
          + " VEC.ACC_SCALE run on it)");
    }
  }

  /** g = 4: half the lookups of g = 2 for twice the table bytes per column. */
  public AbqLutLowering(IsaTarget target) {
    this(target, 4);
  }

  /**
   * How the layer was cut.
   *
   * @param groupSize g of the tables
   * @param chunkCols K columns per chunk (the last may be shorter)
   * @param chunks K chunks, one LUT.BUILD.BP each per token block and output block
   * @param tokenBlock tokens per block
   * @param outputBlock output rows per block (ACC)
   * @param tileRows output rows per LUT.GEMM.BP (WGT)
   */
  public record Tiling(int groupSize, int chunkCols, int chunks, int tokenBlock, int outputBlock, int tileRows) {}

  /** The compiled program and its cut. */
  public record Compiled(CompiledAbq abq, Tiling tiling) {}

  /**
   * Compiles {@code tokens} tokens.
   *
   * @throws IllegalArgumentException when the code rows, x or the smallest chunk do not fit the buffers
   */
  public Compiled compile(AbqPlan plan, int tokens) {
    int n = plan.rows();
    int k = plan.cols();
    int m = tokens;
    int g = groupSize;
    int p = plan.weightBits();
    if (m < 1 || m > MAX_TOKENS) {
      throw new IllegalArgumentException("tokens must be 1 to " + MAX_TOKENS + " (LUT.GEMM.BP's m), got " + tokens);
    }
    if (k > MAX_K) {
      throw new IllegalArgumentException(plan.name() + ": K = " + k + " exceeds QUANT.BP's len (at most " + MAX_K
          + ")");
    }
    long codeRow = 1L + k;
    long eightCols = LutBuildBp.rowBytes(8, g);
    int tokenBlock = (int) Math.min(m, target.lutBytes() / eightCols);
    if (tokenBlock < 1 || m * codeRow > target.actBytes()) {
      throw new IllegalArgumentException(String.format("%s: %d token(s) of K = %d do not fit arch '%s' (ACT %d bytes"
          + " for %d code bytes per token, LUT %d bytes for one token's 8-column tables of %d bytes)", plan.name(), m,
          k, target.name(), target.actBytes(), codeRow, target.lutBytes(), eightCols));
    }
    long tablesPerToken = target.lutBytes() / tokenBlock / LutBuildBp.tableBytes(g);
    int chunkCols = (int) Math.min(k, tablesPerToken * g / 8 * 8);
    int chunks = (k + chunkCols - 1) / chunkCols;
    long chunkRowMax = GemmBp.rowBytes(p, chunkCols);
    // VEC: [s_w slot: outputBlock floats][s_x: m floats][x: m K floats][y: tokenBlock x outputBlock floats]
    long vecFixed = align(4L * m) + align(4L * m * k);
    long vecLeft = target.vecBytes() - vecFixed - 2L * ALIGN;
    long outputBlock = Math.min(Math.min(n, MAX_ROWS), target.accBytes() / (4L * tokenBlock));
    outputBlock = Math.min(outputBlock, vecLeft / (4L * (tokenBlock + 1)));
    long tileRows = Math.min(outputBlock, target.wgtBytes() / chunkRowMax);
    if (outputBlock < 1 || tileRows < 1) {
      throw new IllegalArgumentException(String.format("%s: %d token(s) of K = %d do not fit arch '%s' (VEC %d bytes"
          + " for x, steps and outputs, ACC %d bytes, WGT %d bytes for one %d-byte chunk row)", plan.name(), m, k,
          target.name(), target.vecBytes(), target.accBytes(), target.wgtBytes(), chunkRowMax));
    }
    int nb = (int) outputBlock;
    int nt = (int) tileRows;
    long sx = align(4L * nb);
    long x = sx + align(4L * m);
    long y = x + align(4L * m * k);
    long inputAddr = 0;
    long outputAddr = align(4L * m * k);
    long weightsAddr = outputAddr + align(4L * m * n);
    byte[] image = chunked(plan, chunkCols);
    long stepsAddr = weightsAddr + align(image.length);
    long[] chunkBase = new long[chunks];
    for (int c = 0, at = 0; c < chunks; c++) {
      chunkBase[c] = weightsAddr + at;
      at += n * GemmBp.rowBytes(p, Math.min(chunkCols, k - c * chunkCols));
    }

    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, x, inputAddr, m, 4 * k, 4L * k)));
    pb.add(new QuantBp(Deps.NONE, 0, x, sx, m, k, plan.activationBits(), true));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, codeRow));
    pb.add(new Cfg(Deps.NONE, CfgReg.LUT_ROW_STRIDE_BYTES, 0));
    for (int t0 = 0; t0 < m; t0 += tokenBlock) {
      int mb = Math.min(tokenBlock, m - t0);
      for (int r0 = 0; r0 < n; r0 += nb) {
        int rows = Math.min(nb, n - r0);
        pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * rows));
        for (int c = 0; c < chunks; c++) {
          int k0 = c * chunkCols;
          int kc = Math.min(chunkCols, k - k0);
          long rowBytes = GemmBp.rowBytes(p, kc);
          pb.add(new LutBuildBp(Deps.NONE, t0 * codeRow, 0, mb, kc, k0, g));
          for (int j0 = 0; j0 < rows; j0 += nt) {
            int ntile = Math.min(nt, rows - j0);
            pb.loads(List.of(new Load(Deps.NONE, Buffer.WGT, 0, chunkBase[c] + (r0 + j0) * rowBytes, ntile,
                (int) rowBytes, rowBytes)));
            pb.add(new LutGemmBp(Deps.NONE, 0, 0, 4L * j0, mb, ntile, kc, p, g, c > 0));
          }
        }
        long sw = sx + 4L * t0 - 4L * rows; // s_w right before this block's s_x (earlier tokens' s_x are done)
        pb.loads(List.of(new Load(Deps.NONE, Buffer.VEC, sw, stepsAddr + 4L * r0, 1, 4 * rows, 4L * rows)));
        pb.add(new Vec(Deps.NONE, VecOp.ACC_SCALE, y, 0, sw, mb, rows, VecOp.ACC_SCALE_WRITE));
        pb.stores(List.of(new Store(Deps.NONE, Buffer.VEC, y, outputAddr + 4L * ((long) t0 * n + r0), mb, 4 * rows,
            4L * n)));
      }
    }
    ByteBuffer steps = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : plan.steps()) {
      steps.putFloat(s);
    }
    int rowTiles = ((m + tokenBlock - 1) / tokenBlock) * ((n + nb - 1) / nb) * chunks;
    CompiledAbq abq = new CompiledAbq(pb.finish(), List.of(new DramSegment("weight zero-points and bit planes in K"
        + " chunks", weightsAddr, image), new DramSegment("weight steps", stepsAddr, steps.array())), inputAddr,
        outputAddr, m, n, k, new CompiledAbq.Tiling(nt, rowTiles));
    return new Compiled(abq, new Tiling(g, chunkCols, chunks, tokenBlock, nb, nt));
  }

  /**
   * The plan's WGT rows cut into K chunks of {@code chunkCols} columns (a multiple of 8, so every chunk starts at a
   * plane byte), chunk-major: chunk c holds every row as a GEMM.BP row of its k (the row's zero-point, then its P
   * planes' bytes of the chunk's columns; the last chunk's unused bits stay as the plan has them).
   */
  static byte[] chunked(AbqPlan plan, int chunkCols) {
    int n = plan.rows();
    int k = plan.cols();
    int p = plan.weightBits();
    int kb = (k + 7) / 8;
    int rowBytes = plan.rowBytes();
    byte[] src = plan.rowsImage();
    int chunks = (k + chunkCols - 1) / chunkCols;
    long total = 0;
    for (int c = 0; c < chunks; c++) {
      total += n * GemmBp.rowBytes(p, Math.min(chunkCols, k - c * chunkCols));
    }
    byte[] out = new byte[Math.toIntExact(total)];
    int at = 0;
    for (int c = 0; c < chunks; c++) {
      int b0 = c * chunkCols / 8;
      int cb = (Math.min(chunkCols, k - c * chunkCols) + 7) / 8;
      for (int r = 0; r < n; r++) {
        out[at++] = src[r * rowBytes];
        for (int pl = 0; pl < p; pl++) {
          System.arraycopy(src, r * rowBytes + 1 + pl * kb + b0, out, at, cb);
          at += cb;
        }
      }
    }
    return out;
  }

  private static long align(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
