package dev.tritium.mapper.fp16act;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.fp16act.CompiledFloatLinear.Tiling;
import dev.tritium.mapper.fp16act.FloatLinearPlan.Outliers;
import dev.tritium.mapper.fp16act.FloatLinearPlan.SignPlane;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.models.packing.WeightPackings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a {@link FloatLinearPlan} for a target whose MAC array has fp32 adders (GEMM.SF), or whose LUT core has
 * fp adders (LUT.BUILD.F16 / LUT.GEMM.F16: fp16 tables, as LUT Tensor Core stores them).
 *
 * <p>Per chunk of tokens: x [m][K] is rounded to fp16 into a VEC scratch copy (VEC.ROUND_F16) and scaled per column
 * when the format says (VEC.MUL_ROW). Then the weights stream tile by tile, a tile being {@code tileRows} output rows
 * of one group: its packed planes go to one of two WGT slots and its scale vectors (and CSR block) to one of two VEC
 * slots, the next tile loading while this one computes (LOOP.GEMM's token discipline: a load waits for the compute
 * of the tile two before it). Each tile runs one GEMM.SF per plane (and GEMM.SP, and the ones-row GEMM.SF for a
 * shift), then the scale products into the tile's output block, which alternates between two VEC blocks. A
 * standalone layer STOREs each block to DRAM (overlapping the next tile's work); inside a decoder layer each block's
 * token rows are copied into the output tensor in VEC. Weights are laid out in DRAM tile by tile, in the packing with
 * the fewest bytes the target reads (SIGN_BITS for a plane without zeros).
 *
 * <p>On the LUT core ({@link ComputeUnit#LUT}) each group's sign sums come from fp16 tables instead: the group is cut
 * into chunks of whole LUT groups that fit the LUT buffer for the chunk's tokens; per chunk one LUT.BUILD.F16 writes
 * the tables of the chunk's activations and one LUT.GEMM.F16 per plane (and for the shift's ones row) adds the
 * looked-up entries into the plane's fp32 sum, accumulating from the second chunk on: the same fp32 adds in the same
 * ascending group order as one lookup pass over the whole group ({@link SignSumOrder.LutFp16Tables}). Every plane is
 * packed in the core's packing, chunk by chunk within a tile; the tables are rebuilt for every row tile (the LUT
 * buffer holds one chunk's). The scale products and group sums are the MAC path's.
 */
public final class FloatLinearLowering {

  /** The DMA's row_bytes field holds 17 bits: blobs load in 64 KiB pieces. */
  private static final int PIECE_BYTES = 1 << 16;
  /** Tile rows below which a larger token chunk is not worth fewer weight passes. */
  private static final int MIN_TILE_ROWS = 128;
  /** The TILE_DIM fields (m, n, k of the GEMMs) and VEC's 12-bit rows. */
  private static final int MAX_DIM = (1 << 14) - 1;
  private static final int MAX_VEC_ROWS = (1 << 12) - 1;

  private final IsaTarget target;
  private final ComputeUnit unit;
  /** Each plan's stored masked form (when it has one and the target decodes masks), found once per plan. */
  private final java.util.Map<FloatLinearPlan, Optional<MaskedSigns>> masked = new java.util.IdentityHashMap<>();

  /** The MAC array's sign-add path (GEMM.SF). */
  public FloatLinearLowering(IsaTarget target) {
    this(target, ComputeUnit.MAC);
  }

  /**
   * The path of {@code unit}: GEMM.SF on the MAC array, or fp16 tables on the LUT core.
   *
   * @throws IllegalArgumentException naming the arch key when the unit lacks its fp adders
   */
  public FloatLinearLowering(IsaTarget target, ComputeUnit unit) {
    this.target = target;
    this.unit = java.util.Objects.requireNonNull(unit, "unit");
    switch (unit) {
      case MAC -> {
        if (!target.hasMacArray() || !target.macFloatAdders()) {
          throw new IllegalArgumentException("arch '" + target.name() + "' has no floating-point adders in its MAC"
              + " array: the fp16-activation formats run on GEMM.SF, which needs mac_array.float_adders: fp32 or fp16");
        }
      }
      case LUT -> {
        LutUnit lut = target.lut().orElseThrow(() -> new IllegalArgumentException("arch '" + target.name()
            + "' has no LUT core"));
        if (!lut.floatAdders()) {
          throw new IllegalArgumentException("arch '" + target.name() + "' has no fp adders in its LUT core: the"
              + " fp16-activation formats run on the LUT core as fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16), which"
              + " need lut_core.float_adders: fp32 (or use --unit mac with mac_array.float_adders: fp32 or fp16)");
        }
        if (lut.variant() == LutVariant.BIT_SERIAL || lut.packing() == null
            || !target.packings().contains(lut.packing())) {
          throw new IllegalArgumentException("arch '" + target.name() + "': the LUT core's " + lut.variant().key()
              + " tables of group size " + lut.groupSize() + " cannot hold fp16 sign sums; fp16 tables need"
              + " ternary_base3, ternary_mirror (g = 3), binary or binary_mirror (g = 2 or 4)");
        }
      }
    }
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit");
    }
  }

  /** The unit this lowering emits for. */
  public ComputeUnit unit() {
    return unit;
  }

  /**
   * The packing of a plane: on the LUT core the core's own; on the MAC array SIGN_BITS for one without zeros when
   * the target reads it, else the fewest bytes.
   */
  Packing packing(SignPlane p) {
    if (unit == ComputeUnit.LUT) {
      return target.lut().orElseThrow().packing();
    }
    if (p.binary() && target.packings().contains(Packing.SIGN_BITS)) {
      return Packing.SIGN_BITS;
    }
    Packing best = null;
    for (Packing q : new Packing[] {Packing.BASE3, Packing.TWO_BIT}) {
      if (target.packings().contains(q) && (best == null || q.packedRowBytes(1 << 16) < best.packedRowBytes(1 << 16))) {
        best = q;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("arch '" + target.name() + "' reads neither BASE3 nor TWO_BIT weights");
    }
    return best;
  }

  /** The VEC and WGT addresses of one tiling choice; VEC scratch from {@code x} up to {@code vecTop}. */
  private record Layout(FloatLinearPlan plan, List<Packing> packings, Packing onesPacking, int m, int tileRows,
      long onesBytes, long wgtSlot, long x, long b, long[] sums, long so, long sx, long u, long[] acc,
      long[] vecSlot, long vecSlotBytes, long vecTop, int chunk, List<Integer> onesWidths,
      Optional<MaskedSigns> masked) {

    /** The same addresses with the activations at {@code addr}. */
    Layout withX(long addr) {
      return new Layout(plan, packings, onesPacking, m, tileRows, onesBytes, wgtSlot, addr, b, sums, so, sx, u, acc,
          vecSlot, vecSlotBytes, vecTop, chunk, onesWidths, masked);
    }

    /** The WGT offset of the ones row of {@code width} columns. */
    long onesOffset(int width) {
      long at = 0;
      for (int w : onesWidths) {
        if (w == width) {
          return at;
        }
        at += onesPacking.packedRowBytes(w);
      }
      throw new IllegalStateException("no ones row of width " + width);
    }
  }

  /**
   * One layer's weights cut into tiles of {@code tileRows} rows, laid out in DRAM from address 0 (add the layer's
   * base): the input scale (OneBit's b), the ones rows (TernaryLLM's group sums), then each tile's planes and its
   * vector blob (scales, CSR). Sized for at most {@code maxTokens} tokens per chunk.
   */
  public record Tiles(FloatLinearPlan plan, int tileRows, int maxTokens, List<DramSegment> segments, long dramBytes,
      long bAddr, long onesAddr, long[] wAddr, long[] vAddr, long[] wBytes, long[] vBytes, int[] entries,
      long vecScratchBytes) {

    public Tiles {
      segments = List.copyOf(segments);
    }

    /** Weight tiles per pass: row tiles x groups. */
    public int tiles() {
      return wAddr.length;
    }

    /** Bytes of planes, scale vectors and CSR blocks one pass over the weights reads. */
    public long streamedBytes() {
      long s = 0;
      for (int t = 0; t < wAddr.length; t++) {
        s += wBytes[t] + vBytes[t];
      }
      return s;
    }
  }

  /**
   * Compiles the layer for {@code tokens} tokens, alone: x from DRAM, y to DRAM.
   *
   * @throws IllegalArgumentException when K, a group or one tile row does not fit the buffers or the fields
   */
  public CompiledFloatLinear compile(FloatLinearPlan plan, int tokens) {
    if (tokens < 1) {
      throw new IllegalArgumentException("tokens must be positive, got " + tokens);
    }
    checkK(plan);
    int m = Math.min(tokens, Math.min(MAX_VEC_ROWS, MAX_DIM));
    int rows;
    while (true) {
      rows = largestTile(plan, m, 0, target.vecBytes());
      if (rows >= Math.min(plan.rows(), MIN_TILE_ROWS) || (m == 1 && rows >= 1)) {
        break;
      }
      if (m == 1) {
        throw tooSmall(plan);
      }
      m = (m + 1) / 2;
    }
    long input = 0;
    long base = align(4L * tokens * plan.cols());
    Tiles t = tiles(plan, m, rows);
    List<DramSegment> segments = new ArrayList<>();
    for (DramSegment s : t.segments()) {
      segments.add(new DramSegment(s.what(), base + s.addr(), s.bytes()));
    }
    long output = align(base + t.dramBytes());
    Layout l = layout(plan, m, rows, 0);
    ProgramBuilder pb = new ProgramBuilder();
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * plan.cols()));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    if (unit == ComputeUnit.LUT) {
      // Each chunk's tables are dense rows of the token's tables.
      pb.add(new Cfg(Deps.NONE, CfgReg.LUT_ROW_STRIDE_BYTES, 0));
    }
    int k = plan.cols();
    for (int c0 = 0; c0 < tokens; c0 += m) {
      int mc = Math.min(m, tokens - c0);
      List<Load> setup = new ArrayList<>();
      setup.add(new Load(Deps.NONE, Buffer.VEC, l.x(), input + 4L * c0 * k, mc, 4 * k, 4L * k));
      setup.addAll(constants(l, t, base, c0 == 0));
      pb.loads(setup);
      prepare(pb, l, mc, l.x());
      new Stream(l, t, base, pb, mc).emit(new Sink.Dram(output + 4L * c0 * plan.rows(), plan.rows()));
    }
    return new CompiledFloatLinear(pb.finish(), segments, input, output, tokens, plan.rows(), k,
        new Tiling(m, rows, t.tiles(), t.streamedBytes()));
  }

  /**
   * The tiling of one projection inside a decoder layer: the largest tiles whose VEC scratch fits
   * {@code vecBudget} bytes for {@code maxTokens} tokens (and whose planes fit a WGT slot).
   *
   * @throws IllegalArgumentException when not even one row fits
   */
  public Tiles tilesFor(FloatLinearPlan plan, int maxTokens, long vecBudget) {
    checkK(plan);
    int m = Math.min(maxTokens, MAX_VEC_ROWS);
    boolean copyX = plan.inputScale().isPresent();
    if (chunkColumns(plan, m) < 1) {
      throw new IllegalArgumentException(plan.name() + ": the LUT buffer (" + target.lutBytes() + " bytes) holds"
          + " no fp16 table for " + m + " token(s)");
    }
    int rows = largestTile(plan, m, 0, vecBudget, copyX);
    if (rows < 1) {
      throw new IllegalArgumentException(plan.name() + ": not even one output row of a " + plan.group()
          + "-column group fits " + vecBudget + " bytes of VEC scratch for " + m + " token(s)" + (copyX
          ? " (its input-scaled activations take " + 4L * m * plan.cols() + " of them)" : ""));
    }
    Tiles t = tiles(plan, m, rows);
    long scratch = layout(plan, m, rows, 0, copyX).vecTop();
    return new Tiles(t.plan(), t.tileRows(), t.maxTokens(), t.segments(), t.dramBytes(), t.bAddr(), t.onesAddr(),
        t.wAddr(), t.vAddr(), t.wBytes(), t.vBytes(), t.entries(), scratch);
  }

  /**
   * Emits one projection inside a decoder program: x [m][K] fp32 at VEC {@code xAddr} (read, not changed), y
   * [m][N] fp32 written at VEC {@code yAddr}, the weights at DRAM {@code dramBase} as {@link Tiles} laid them out,
   * the scratch at VEC {@code vecBase}. The WGT buffer is the stream's; a slot barrier first waits for every earlier
   * compute instruction.
   *
   * @return the first instruction that reads x, and the instruction after which each row tile of y is complete
   */
  public Emitted emitInto(ProgramBuilder pb, Tiles t, long dramBase, int m, long xAddr, long yAddr,
      long vecBase) {
    if (m > t.maxTokens()) {
      throw new IllegalArgumentException(t.plan().name() + ": " + m + " tokens, the tiles were sized for "
          + t.maxTokens());
    }
    boolean copyX = t.plan().inputScale().isPresent();
    Layout l = layout(t.plan(), m, t.tileRows(), vecBase, copyX);
    if (!copyX) {
      l = l.withX(xAddr);
    }
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * t.plan().cols()));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    if (unit == ComputeUnit.LUT) {
      pb.add(new Cfg(Deps.NONE, CfgReg.LUT_ROW_STRIDE_BYTES, 0));
    }
    pb.slotBarrier();
    pb.loads(constants(l, t, dramBase, true));
    Vec first = prepare(pb, l, m, xAddr);
    Sink.Vector sink = new Sink.Vector(yAddr, t.plan().rows(), new ArrayList<>());
    new Stream(l, t, dramBase, pb, m).emit(sink);
    // The rest of the layer reads dense activation rows (register 0).
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    return new Emitted(first, sink.blocks());
  }

  /** Row tile [r0, r0 + rows) of a projection's output is complete after {@code trigger}. */
  public record OutputBlock(int r0, int rows, Instruction trigger) {}

  /** A projection emitted into a decoder program: its first reader of x (it rounds x) and its output blocks. */
  public record Emitted(Vec firstRead, List<OutputBlock> blocks) {}

  private void checkK(FloatLinearPlan plan) {
    if (plan.cols() > MAX_DIM) {
      throw new IllegalArgumentException(plan.name() + ": K = " + plan.cols() + " exceeds the GEMM.SF k field ("
          + MAX_DIM + ")");
    }
    if (unit == ComputeUnit.LUT && target.lut().orElseThrow().variant().isBinary()) {
      for (int p = 0; p < plan.planes().size(); p++) {
        if (!plan.planes().get(p).binary()) {
          throw new IllegalArgumentException(plan.name() + ": sign plane " + p + " has zero weights, but the LUT core's "
              + target.lut().get().variant().key() + " tables hold only +-1 patterns (SIGN_BITS); a LUT core with"
              + " ternary_base3 or ternary_mirror tables runs it, or the MAC array (--unit mac)");
        }
      }
    }
  }

  /**
   * Columns per LUT chunk for m tokens: whole LUT groups, as many as the LUT buffer holds for m tokens' tables (at
   * most a plan group's); 0 when not even one table per token fits. On the MAC array one chunk is a whole group.
   */
  private int chunkColumns(FloatLinearPlan plan, int m) {
    if (unit == ComputeUnit.MAC) {
      return plan.group();
    }
    LutUnit lut = target.lut().orElseThrow();
    int g = lut.groupSize();
    long tablesPerToken = target.lutBytes() / ((long) m * lut.variant().tableBytes(g));
    return (int) Math.min(tablesPerToken, (plan.group() + g - 1) / g) * g;
  }

  /** The distinct chunk widths, in order of first use: the ones rows the shift's group sums read. */
  private static List<Integer> chunkWidths(FloatLinearPlan plan, int chunk) {
    List<Integer> widths = new ArrayList<>();
    for (int g = 0; g < plan.groups(); g++) {
      int width = plan.groupWidth(g);
      for (int c0 = 0; c0 < width; c0 += chunk) {
        Integer w = Math.min(chunk, width - c0);
        if (!widths.contains(w)) {
          widths.add(w);
        }
      }
    }
    return widths;
  }

  private IllegalArgumentException tooSmall(FloatLinearPlan plan) {
    return new IllegalArgumentException(plan.name() + ": not even one output row of a " + plan.group()
        + "-column group fits arch '" + target.name() + "' (WGT " + target.wgtBytes() + " bytes, VEC "
        + target.vecBytes() + " bytes) next to one token's " + plan.cols() + " activations");
  }

  /** x16 = fp16(x) into the layout's x (a scratch copy, or x itself), times the input scale when there is one. */
  private static Vec prepare(ProgramBuilder pb, Layout l, int m, long xAddr) {
    int k = l.plan().cols();
    Vec round = new Vec(Deps.NONE, VecOp.ROUND_F16, l.x(), xAddr, 0, m, k, 0);
    pb.add(round);
    if (l.plan().inputScale().isPresent()) {
      pb.add(new Vec(Deps.NONE, VecOp.MUL_ROW, l.x(), l.x(), l.b(), m, k, 0));
    }
    return round;
  }

  /** The loads of the input scale and the ones rows (when {@code first}: they stay resident). */
  private static List<Load> constants(Layout l, Tiles t, long dramBase, boolean first) {
    List<Load> out = new ArrayList<>();
    if (first && l.plan().inputScale().isPresent()) {
      out.add(new Load(Deps.NONE, Buffer.VEC, l.b(), dramBase + t.bAddr(), 1, 4 * l.plan().cols(), 0));
    }
    if (first && l.onesPacking() != null) {
      out.add(new Load(Deps.NONE, Buffer.WGT, 0, dramBase + t.onesAddr(), 1, (int) l.onesBytes(), 0));
    }
    return out;
  }

  private int largestTile(FloatLinearPlan plan, int m, long vecBase, long vecLimit) {
    return largestTile(plan, m, vecBase, vecLimit, true);
  }

  private int largestTile(FloatLinearPlan plan, int m, long vecBase, long vecLimit, boolean copyX) {
    int lo = 0;
    int hi = Math.min(plan.rows(), MAX_DIM);
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (chunkColumns(plan, m) > 0 && layout(plan, m, mid, vecBase, copyX).vecTop() <= vecLimit
          && fitsWgt(plan, m, mid)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private boolean fitsWgt(FloatLinearPlan plan, int m, int rows) {
    Layout l = layout(plan, m, rows, 0);
    return l.onesBytes() < target.wgtBytes() && wgtTileBytes(l, rows, plan.group()) <= l.wgtSlot();
  }

  private Layout layout(FloatLinearPlan plan, int m, int rows, long vecBase) {
    return layout(plan, m, rows, vecBase, true);
  }

  /**
   * The addresses from {@code vecBase}; without {@code copyX} the activations are rounded where they are (a decoder
   * tensor only projections read, and rounding is idempotent), so x takes no scratch and {@link Layout#x} is set by
   * the caller.
   */
  private Layout layout(FloatLinearPlan plan, int m, int rows, long vecBase, boolean copyX) {
    List<Packing> packings = plan.planes().stream().map(this::packing).toList();
    Packing ones = plan.shift().isPresent() ? packing(new SignPlane(new byte[] {1}, new float[0][])) : null;
    int chunk = Math.max(1, chunkColumns(plan, m));
    List<Integer> onesWidths = ones == null ? List.of() : chunkWidths(plan, chunk);
    long onesBytes = 0;
    for (int w : onesWidths) {
      onesBytes += ones.packedRowBytes(w);
    }
    int slots = target.weightSlots();
    long wgtSlot = (target.wgtBytes() - onesBytes) / slots;
    long at = vecBase;
    long x = copyX ? at : -1;
    at += copyX ? 4L * m * plan.cols() : 0;
    long b = at;
    at += plan.inputScale().isPresent() ? 4L * plan.cols() : 0;
    long[] sums = new long[plan.planes().size()];
    for (int p = 0; p < sums.length; p++) {
      sums[p] = at;
      at += 4L * m * rows;
    }
    long so = at;
    at += plan.outliers().isPresent() ? 4L * m * rows : 0;
    long sx = at;
    at += plan.shift().isPresent() ? 4L * m : 0;
    long u = at;
    at += plan.groups() > 1 ? 4L * m * rows : 0;
    long[] acc = {at, at + 4L * m * rows};
    at += 8L * m * rows;
    Optional<MaskedSigns> stored = maskedOf(plan);
    long slotBytes = vecTileBytes(plan, rows, maxEntries(plan, rows), bitmapValues(stored));
    long[] vecSlot = {at, at + slotBytes};
    at += (long) slots * slotBytes;
    return new Layout(plan, packings, ones, m, rows, onesBytes, wgtSlot, x, b, sums, so, sx, u, acc, vecSlot,
        slotBytes, at, chunk, onesWidths, stored);
  }

  /**
   * BiLLM's planes as stored (two sign bits per weight and a column mask, {@link MaskedSigns}) when the MAC array
   * decodes masks; empty otherwise (four ternary planes).
   */
  Optional<MaskedSigns> maskedOf(FloatLinearPlan plan) {
    if (unit != ComputeUnit.MAC || !target.macMaskDecode() || !target.packings().contains(Packing.SIGN_BITS)) {
      return Optional.empty();
    }
    return masked.computeIfAbsent(plan, MaskedSigns::of);
  }

  /** A tile's planes: chunk by chunk, each chunk's planes one after another ({@link #tileWeights}). */
  private static long wgtTileBytes(Layout l, int rows, int width) {
    if (l.masked().isPresent()) {
      return MaskedSigns.tileBytes(rows, width);
    }
    long bytes = 0;
    for (int c0 = 0; c0 < width; c0 += l.chunk()) {
      int cw = Math.min(l.chunk(), width - c0);
      for (Packing p : l.packings()) {
        bytes += rows * p.packedRowBytes(cw);
      }
    }
    return bytes;
  }

  /** True when the outliers' index stays a bitmap in WGT, so VEC holds only their int8 values. */
  private static boolean bitmapValues(Optional<MaskedSigns> stored) {
    return stored.map(MaskedSigns::bitmapOutliers).orElse(false);
  }

  /**
   * Scale vectors (one per plane, the outliers' and the shift's) and the CSR block of a tile of {@code rows}, or
   * with {@code bitmap} the outliers' int8 values in whole words.
   */
  private static long vecTileBytes(FloatLinearPlan plan, int rows, int entries, boolean bitmap) {
    int vectors = plan.planes().size() + (plan.outliers().isPresent() ? 1 : 0) + (plan.shift().isPresent() ? 1 : 0);
    long csr = plan.outliers().isEmpty() ? 0 : bitmap ? GemmSparse.bitmapValueBytes(entries)
        : 4L * (rows + 1) + 4L * entries;
    return 4L * vectors * rows + csr;
  }

  /** The most outlier entries of any tile of {@code rows} rows. */
  private static int maxEntries(FloatLinearPlan plan, int rows) {
    if (plan.outliers().isEmpty()) {
      return 0;
    }
    Outliers o = plan.outliers().get();
    int max = 0;
    for (int r0 = 0; r0 < plan.rows(); r0 += rows) {
      max = Math.max(max, o.entries(r0, Math.min(plan.rows(), r0 + rows)));
    }
    return max;
  }

  /** The same tiling of another plan of the same shape (a mutated one): equal tile sizes and addresses. */
  public Tiles retile(Tiles t, FloatLinearPlan plan) {
    return tiles(plan, t.maxTokens(), t.tileRows());
  }

  /** The DRAM image of the tiles of {@code rows} rows, from address 0. */
  private Tiles tiles(FloatLinearPlan plan, int m, int rows) {
    Layout l = layout(plan, m, rows, 0);
    int n = plan.rows();
    int rowTiles = (n + rows - 1) / rows;
    int groups = plan.groups();
    int tiles = rowTiles * groups;
    List<DramSegment> segments = new ArrayList<>();
    long at = 0;
    long bAddr = at;
    if (plan.inputScale().isPresent()) {
      segments.add(new DramSegment("input scale", at, floats(plan.inputScale().get())));
      at = align(at + 4L * plan.cols());
    }
    long onesAddr = at;
    if (l.onesPacking() != null) {
      byte[] ones = onesRows(l);
      segments.add(new DramSegment("ones rows", at, ones));
      at = align(at + ones.length);
    }
    long[] wAddr = new long[tiles];
    long[] vAddr = new long[tiles];
    long[] wBytes = new long[tiles];
    long[] vBytes = new long[tiles];
    int[] entries = new int[tiles];
    for (int rt = 0; rt < rowTiles; rt++) {
      int r0 = rt * rows;
      int tr = Math.min(rows, n - r0);
      for (int g = 0; g < groups; g++) {
        int t = rt * groups + g;
        byte[] w = tileWeights(l, r0, tr, g);
        wAddr[t] = at;
        wBytes[t] = w.length;
        segments.add(new DramSegment("planes of tile " + t, at, w));
        at = align(at + w.length);
        byte[] v = tileVectors(plan, r0, tr, g, bitmapValues(l.masked()));
        vAddr[t] = at;
        vBytes[t] = v.length;
        entries[t] = plan.outliers().map(o -> o.entries(r0, r0 + tr)).orElse(0);
        segments.add(new DramSegment("scales of tile " + t, at, v));
        at = align(at + v.length);
      }
    }
    return new Tiles(plan, rows, m, segments, at, bAddr, onesAddr, wAddr, vAddr, wBytes, vBytes, entries,
        l.vecTop());
  }

  /** Where a stream's finished output blocks go. */
  private sealed interface Sink {
    /** y [m][n] fp32 in DRAM at {@code base}: each block STOREd (the store overlaps the next tile). */
    record Dram(long base, int n) implements Sink {}

    /** y [m][n] fp32 in VEC at {@code base}: each block's token rows copied in (compute queue, in order). */
    record Vector(long base, int n, List<OutputBlock> blocks) implements Sink {}
  }

  /** One pass of the weight stream over the tiles for one chunk of m tokens. */
  private final class Stream {
    final Layout l;
    final Tiles t;
    final long dramBase;
    final ProgramBuilder pb;
    final int m;
    final int groups;
    final int rowTiles;
    final int slots = target.weightSlots();

    Stream(Layout l, Tiles t, long dramBase, ProgramBuilder pb, int m) {
      this.l = l;
      this.t = t;
      this.dramBase = dramBase;
      this.pb = pb;
      this.m = m;
      this.groups = l.plan().groups();
      this.rowTiles = (l.plan().rows() + l.tileRows() - 1) / l.tileRows();
    }

    void emit(Sink sink) {
      int tiles = t.tiles();
      boolean stores = sink instanceof Sink.Dram;
      load(0);
      for (int i = 0; i < tiles; i++) {
        if (i + 1 < tiles) {
          load(i + 1);
        }
        compute(i, stores);
        int rt = i / groups;
        if (i % groups == groups - 1) {
          int r0 = rt * l.tileRows();
          int rows = Math.min(l.tileRows(), l.plan().rows() - r0);
          long block = l.acc()[rt % 2];
          if (sink instanceof Sink.Dram d) {
            pb.add(new Store(new Deps(true, false, true, false), Buffer.VEC, block, d.base() + 4L * r0, m, 4 * rows,
                4L * d.n()));
          } else if (sink instanceof Sink.Vector v) {
            Instruction last = null;
            for (int tok = 0; tok < m; tok++) {
              last = new Vec(Deps.NONE, VecOp.COPY, v.base() + 4L * ((long) tok * v.n() + r0), block + 4L * tok * rows,
                  0, 1, rows, 0);
              pb.add(last);
            }
            v.blocks().add(new OutputBlock(r0, rows, last));
          }
        }
      }
      if (stores) {
        // Every store has pushed a free token; compute takes the ones it has not waited for, so the next chunk
        // starts with balanced counters.
        for (int i = 0; i < Math.min(2, rowTiles); i++) {
          pb.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
        }
      }
    }

    private void load(int i) {
      int slot = i % slots;
      List<Load> loads = new ArrayList<>();
      pieces(loads, Buffer.WGT, l.onesBytes() + slot * l.wgtSlot(), dramBase + t.wAddr()[i], t.wBytes()[i]);
      pieces(loads, Buffer.VEC, l.vecSlot()[slot], dramBase + t.vAddr()[i], t.vBytes()[i]);
      for (int j = 0; j < loads.size(); j++) {
        boolean first = j == 0;
        boolean last = j == loads.size() - 1;
        pb.add(loads.get(j).withDeps(new Deps(false, first && i >= slots, false, last)));
      }
    }

    private void pieces(List<Load> out, Buffer b, long sram, long dram, long bytes) {
      for (long off = 0; off < bytes; off += PIECE_BYTES) {
        out.add(new Load(Deps.NONE, b, sram + off, dram + off, 1, (int) Math.min(PIECE_BYTES, bytes - off), 0));
      }
    }

    /**
     * The LUT core's sign sums of one tile: per chunk of the group (columns [c0, c0 + cw) from the group's first
     * column {@code col0}), LUT.BUILD.F16 of the chunk's tables at LUT 0, then one LUT.GEMM.F16 per plane from the
     * chunk's packed rows (and one for the shift's ones row), accumulating from the second chunk on.
     */
    private void lutSums(List<Instruction> ops, long wgt, int col0, int width, int rows) {
      FloatLinearPlan plan = l.plan();
      LutUnit lut = target.lut().orElseThrow();
      long w = wgt;
      for (int c0 = 0; c0 < width; c0 += l.chunk()) {
        int cw = Math.min(l.chunk(), width - c0);
        long act = l.x() + 4L * (col0 + c0);
        boolean more = c0 > 0;
        ops.add(new LutBuildF16(Deps.NONE, act, 0, m, cw, lut.groupSize(), lut.variant()));
        for (int p = 0; p < plan.planes().size(); p++) {
          Packing pk = l.packings().get(p);
          ops.add(new LutGemmF16(Deps.NONE, w, 0, l.sums()[p], m, rows, cw, pk, more));
          w += rows * pk.packedRowBytes(cw);
        }
        if (plan.shift().isPresent()) {
          ops.add(new LutGemmF16(Deps.NONE, l.onesOffset(cw), 0, l.sx(), m, 1, cw, l.onesPacking(), more));
        }
      }
    }

    /**
     * The sign sums of a masked tile at WGT {@code w} (P rows, Q rows, C): the mask section is Q and C, each sum one
     * GEMM.SF over P or Q under its plane's gate; the gate is cleared afterwards, so no later GEMM.SF inherits it.
     */
    private void maskedSums(List<Instruction> ops, long w, long act, int width, int rows) {
      MaskedSigns stored = l.masked().orElseThrow();
      long maskAddr = w + MaskedSigns.maskOffset(rows, width);
      ops.add(new Cfg(Deps.NONE, CfgReg.SF_MASK_ADDR, maskAddr));
      for (int p = 0; p < stored.gates().size(); p++) {
        ops.add(new Cfg(Deps.NONE, CfgReg.SF_GATE, stored.gates().get(p).value()));
        long signs = stored.signs().get(p) == 0 ? w : maskAddr;
        ops.add(new GemmSf(Deps.NONE, signs, act, l.sums()[p], m, rows, width, Packing.SIGN_BITS, false));
      }
      ops.add(new Cfg(Deps.NONE, CfgReg.SF_GATE, 0));
    }

    private void compute(int i, boolean stores) {
      FloatLinearPlan plan = l.plan();
      int rt = i / groups;
      int g = i % groups;
      int slot = i % slots;
      int rows = Math.min(l.tileRows(), plan.rows() - rt * l.tileRows());
      int width = plan.groupWidth(g);
      long act = l.x() + 4L * g * plan.group();
      List<Instruction> ops = new ArrayList<>();
      long w = l.onesBytes() + slot * l.wgtSlot();
      if (unit == ComputeUnit.LUT) {
        lutSums(ops, w, g * plan.group(), width, rows);
      } else if (l.masked().isPresent()) {
        maskedSums(ops, w, act, width, rows);
      } else {
        for (int p = 0; p < plan.planes().size(); p++) {
          Packing pk = l.packings().get(p);
          ops.add(new GemmSf(Deps.NONE, w, act, l.sums()[p], m, rows, width, pk, false));
          w += rows * pk.packedRowBytes(width);
        }
      }
      long v = l.vecSlot()[slot];
      int vectors = plan.planes().size() + (plan.outliers().isPresent() ? 1 : 0) + (plan.shift().isPresent() ? 1 : 0);
      long csr = v + 4L * vectors * rows;
      if (plan.outliers().isPresent()) {
        ops.add(new Cfg(Deps.NONE, CfgReg.SPARSE_ENTRIES, t.entries()[i]));
        // A bitmap index stays as stored: GEMM.SP reads the tile's Q rows (the salient bitmap) and the int8 values.
        boolean bitmap = l.masked().map(MaskedSigns::bitmapOutliers).orElse(false);
        if (bitmap) {
          ops.add(new Cfg(Deps.NONE, CfgReg.SPARSE_BITMAP_ADDR, w + MaskedSigns.maskOffset(rows, width)));
        }
        ops.add(new GemmSparse(Deps.NONE, csr, l.x(), l.so(), m, rows, plan.cols(), false));
        if (bitmap) {
          ops.add(new Cfg(Deps.NONE, CfgReg.SPARSE_BITMAP_ADDR, 0));
        }
      }
      if (plan.shift().isPresent() && unit == ComputeUnit.MAC) {
        ops.add(new GemmSf(Deps.NONE, l.onesOffset(width), act, l.sx(), m, 1, width, l.onesPacking(), false));
      }
      long acc = l.acc()[rt % 2];
      long u = g == 0 ? acc : l.u();
      int firstWrite = ops.size();
      long scale = v;
      for (int p = 0; p < plan.planes().size(); p++, scale += 4L * rows) {
        ops.add(new Vec(Deps.NONE, VecOp.MUL_ROW, u, l.sums()[p], scale, m, rows, p == 0 ? 0 : 1));
      }
      if (plan.outliers().isPresent()) {
        ops.add(new Vec(Deps.NONE, VecOp.MUL_ROW, u, l.so(), scale, m, rows, 1));
        scale += 4L * rows;
      }
      if (plan.shift().isPresent()) {
        ops.add(new Vec(Deps.NONE, VecOp.OUTER, u, l.sx(), scale, m, rows, 1));
      }
      int lastSlotRead = ops.size() - 1;
      if (g > 0) {
        ops.add(new Vec(Deps.NONE, VecOp.ADD, acc, acc, u, m, rows, 0));
      }
      boolean tileDone = g == groups - 1;
      int tiles = t.tiles();
      for (int j = 0; j < ops.size(); j++) {
        boolean popPrev = j == 0;
        // With stores: the output block was last stored two row tiles ago; wait for that store before the first
        // write. Without: the copies that read it ran earlier in this queue.
        boolean popNext = stores && j == firstWrite && g == 0 && rt >= 2;
        boolean pushPrev = j == lastSlotRead && i + slots < tiles;
        boolean pushNext = stores && j == ops.size() - 1 && tileDone;
        pb.add(ops.get(j).withDeps(new Deps(popPrev, popNext, pushPrev, pushNext)));
      }
    }
  }

  /** A tile's planes, chunk by chunk (one chunk, the whole group, on the MAC array), planes in order per chunk. */
  private byte[] tileWeights(Layout l, int r0, int rows, int g) {
    FloatLinearPlan plan = l.plan();
    int width = plan.groupWidth(g);
    if (l.masked().isPresent()) {
      return l.masked().get().tile(r0, rows, g * plan.group(), width);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int cc = 0; cc < width; cc += l.chunk()) {
      int c0 = g * plan.group() + cc;
      int cw = Math.min(l.chunk(), width - cc);
      for (int p = 0; p < plan.planes().size(); p++) {
        byte[] values = plan.planes().get(p).values();
        byte[] sub = new byte[rows * cw];
        for (int r = 0; r < rows; r++) {
          System.arraycopy(values, (r0 + r) * plan.cols() + c0, sub, r * cw, cw);
        }
        out.writeBytes(WeightPackings.byName(l.packings().get(p).modelsName()).encode(sub, rows, cw));
      }
    }
    return out.toByteArray();
  }

  /**
   * A tile's scale vectors, then its outliers: a CSR block, or with {@code bitmap} only their int8 values in CSR
   * order (row-major, columns ascending: the order of the bitmap's set bits), zero-padded to a whole word.
   */
  private static byte[] tileVectors(FloatLinearPlan plan, int r0, int rows, int g, boolean bitmap) {
    List<float[]> vectors = new ArrayList<>();
    for (SignPlane p : plan.planes()) {
      vectors.add(java.util.Arrays.copyOfRange(p.scales()[g], r0, r0 + rows));
    }
    plan.outliers().ifPresent(o -> vectors.add(java.util.Arrays.copyOfRange(o.scale(), r0, r0 + rows)));
    plan.shift().ifPresent(s -> vectors.add(java.util.Arrays.copyOfRange(s[g], r0, r0 + rows)));
    int entries = plan.outliers().map(o -> o.entries(r0, r0 + rows)).orElse(0);
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(vecTileBytes(plan, rows, entries, bitmap)))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vectors) {
      for (float f : v) {
        buf.putFloat(f);
      }
    }
    plan.outliers().ifPresent(o -> {
      int base = o.rowStart()[r0];
      if (bitmap) {
        for (int e = base; e < o.rowStart()[r0 + rows]; e++) {
          buf.put(o.q()[e]);
        }
        return;
      }
      for (int r = 0; r <= rows; r++) {
        buf.putInt(o.rowStart()[r0 + r] - base);
      }
      for (int e = base; e < o.rowStart()[r0 + rows]; e++) {
        buf.putInt(o.columns()[e] | (o.q()[e] & 0xff) << 24);
      }
    });
    return buf.array();
  }


  /** One all-ones row per distinct chunk width (on the MAC array: the group's, then a shorter last group's). */
  private static byte[] onesRows(Layout l) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int w : l.onesWidths()) {
      out.writeBytes(onesRow(l.onesPacking(), w));
    }
    return out.toByteArray();
  }

  private static byte[] onesRow(Packing p, int width) {
    byte[] ones = new byte[width];
    java.util.Arrays.fill(ones, (byte) 1);
    return WeightPackings.byName(p.modelsName()).encode(ones, 1, width);
  }

  private static byte[] floats(float[] values) {
    ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : values) {
      buf.putFloat(f);
    }
    return buf.array();
  }

  /** DRAM segments start on 64-byte lines. */
  private static long align(long addr) {
    return (addr + 63) & ~63L;
  }
}
