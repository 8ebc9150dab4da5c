package dev.tritium.mapper.fp16act;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.fp16act.CompiledFloatLinear.DramSegment;
import dev.tritium.mapper.fp16act.CompiledFloatLinear.Tiling;
import dev.tritium.mapper.fp16act.FloatLinearPlan.Outliers;
import dev.tritium.mapper.fp16act.FloatLinearPlan.SignPlane;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.models.packing.WeightPackings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link FloatLinearPlan} for a target whose MAC array has fp32 adders (GEMM.SF).
 *
 * <p>Per chunk of tokens: x [m][K] is loaded into VEC, rounded to fp16 (VEC.ROUND_F16) and scaled per column when
 * the format says (VEC.MUL_ROW). Then the weights stream tile by tile, a tile being {@code tileRows} output rows of
 * one group: its packed planes go to one of two WGT slots and its scale vectors (and CSR block) to one of two VEC
 * slots, the next tile loading while this one computes (LOOP.GEMM's token discipline: a load waits for the compute
 * of the tile two before it). Each tile runs one GEMM.SF per plane (and GEMM.SP, and the ones-row GEMM.SF for a
 * shift), then the scale products into the tile's output block, which alternates between two VEC blocks so that a
 * STORE of one overlaps the next tile's work. Weights are laid out in DRAM tile by tile, in the packing with the
 * fewest bytes the target reads (SIGN_BITS for a plane without zeros).
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

  public FloatLinearLowering(IsaTarget target) {
    this.target = target;
    if (!target.hasMacArray() || !target.macFloatAdders()) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no fp32 adders in its MAC array: the"
          + " fp16-activation formats run on GEMM.SF, which needs mac_array.float_adders: fp32");
    }
    if (target.vectorLanes() < 1) {
      throw new IllegalArgumentException("arch '" + target.name() + "' has no vector unit");
    }
  }

  /** The packing of a plane: SIGN_BITS for one without zeros when the target reads it, else the fewest bytes. */
  Packing packing(SignPlane p) {
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

  /** The sizes of one tiling choice. */
  private record Layout(FloatLinearPlan plan, List<Packing> packings, Packing onesPacking, int m, int tileRows,
      long onesBytes, long wgtSlot, long x, long b, long[] sums, long so, long sx, long u, long[] acc,
      long[] vecSlot, long vecSlotBytes, long vecTop) {}

  /**
   * Compiles the layer for {@code tokens} tokens.
   *
   * @throws IllegalArgumentException when K, a group or one tile row does not fit the buffers or the fields
   */
  public CompiledFloatLinear compile(FloatLinearPlan plan, int tokens) {
    if (tokens < 1) {
      throw new IllegalArgumentException("tokens must be positive, got " + tokens);
    }
    if (plan.cols() > MAX_DIM) {
      throw new IllegalArgumentException(plan.name() + ": K = " + plan.cols() + " exceeds the GEMM.SF k field ("
          + MAX_DIM + ")");
    }
    Layout l = choose(plan, tokens);
    return emit(l, tokens);
  }

  private Layout choose(FloatLinearPlan plan, int tokens) {
    int m = Math.min(tokens, Math.min(MAX_VEC_ROWS, MAX_DIM));
    while (true) {
      int rows = largestTile(plan, m);
      if (rows >= Math.min(plan.rows(), MIN_TILE_ROWS) || (m == 1 && rows >= 1)) {
        return layout(plan, m, rows);
      }
      if (m == 1) {
        throw new IllegalArgumentException(plan.name() + ": not even one output row of a " + plan.group()
            + "-column group fits arch '" + target.name() + "' (WGT " + target.wgtBytes() + " bytes, VEC "
            + target.vecBytes() + " bytes) next to one token's " + plan.cols() + " activations");
      }
      m = (m + 1) / 2;
    }
  }

  private int largestTile(FloatLinearPlan plan, int m) {
    int lo = 0;
    int hi = Math.min(plan.rows(), MAX_DIM);
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (layout(plan, m, mid).vecTop() <= target.vecBytes() && fitsWgt(plan, mid)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private boolean fitsWgt(FloatLinearPlan plan, int rows) {
    Layout l = layout(plan, 1, rows);
    return l.onesBytes() < target.wgtBytes() && wgtTileBytes(l, rows, plan.group()) <= l.wgtSlot();
  }

  private Layout layout(FloatLinearPlan plan, int m, int rows) {
    List<Packing> packings = plan.planes().stream().map(this::packing).toList();
    Packing ones = plan.shift().isPresent() ? packing(new SignPlane(new byte[] {1}, new float[0][])) : null;
    long onesBytes = ones == null ? 0 : onesRowsBytes(ones, plan);
    int slots = target.weightSlots();
    long wgtSlot = (target.wgtBytes() - onesBytes) / slots;
    long at = 0;
    long x = at;
    at += 4L * m * plan.cols();
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
    long slotBytes = vecTileBytes(plan, rows, maxEntries(plan, rows));
    long[] vecSlot = {at, at + slotBytes};
    at += (long) slots * slotBytes;
    return new Layout(plan, packings, ones, m, rows, onesBytes, wgtSlot, x, b, sums, so, sx, u, acc, vecSlot,
        slotBytes, at);
  }

  private static long onesRowsBytes(Packing ones, FloatLinearPlan plan) {
    int last = plan.groupWidth(plan.groups() - 1);
    return ones.packedRowBytes(plan.group()) + (last == plan.group() ? 0 : ones.packedRowBytes(last));
  }

  private static long wgtTileBytes(Layout l, int rows, int width) {
    long bytes = 0;
    for (Packing p : l.packings()) {
      bytes += rows * p.packedRowBytes(width);
    }
    return bytes;
  }

  /** Scale vectors (one per plane, the outliers' and the shift's) and the CSR block of a tile of {@code rows}. */
  private static long vecTileBytes(FloatLinearPlan plan, int rows, int entries) {
    int vectors = plan.planes().size() + (plan.outliers().isPresent() ? 1 : 0) + (plan.shift().isPresent() ? 1 : 0);
    long csr = plan.outliers().isPresent() ? 4L * (rows + 1) + 4L * entries : 0;
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

  private CompiledFloatLinear emit(Layout l, int tokens) {
    FloatLinearPlan plan = l.plan();
    int n = plan.rows();
    int k = plan.cols();
    int rowTiles = (n + l.tileRows() - 1) / l.tileRows();
    int groups = plan.groups();
    int tiles = rowTiles * groups;
    List<DramSegment> segments = new ArrayList<>();
    long at = 0;
    long input = at;
    at = align(at + 4L * tokens * k);
    long bAddr = at;
    if (plan.inputScale().isPresent()) {
      segments.add(new DramSegment("input scale", at, floats(plan.inputScale().get())));
      at = align(at + 4L * k);
    }
    long onesAddr = at;
    if (l.onesPacking() != null) {
      byte[] ones = onesRows(l.onesPacking(), plan);
      segments.add(new DramSegment("ones rows", at, ones));
      at = align(at + ones.length);
    }
    long[] wAddr = new long[tiles];
    long[] vAddr = new long[tiles];
    long[] wBytes = new long[tiles];
    long[] vBytes = new long[tiles];
    int[] entries = new int[tiles];
    long streamed = 0;
    for (int rt = 0; rt < rowTiles; rt++) {
      int r0 = rt * l.tileRows();
      int rows = Math.min(l.tileRows(), n - r0);
      for (int g = 0; g < groups; g++) {
        int t = rt * groups + g;
        byte[] w = tileWeights(l, r0, rows, g);
        wAddr[t] = at;
        wBytes[t] = w.length;
        segments.add(new DramSegment("planes of tile " + t, at, w));
        at = align(at + w.length);
        byte[] v = tileVectors(plan, r0, rows, g);
        vAddr[t] = at;
        vBytes[t] = v.length;
        entries[t] = plan.outliers().map(o -> o.entries(r0, r0 + rows)).orElse(0);
        segments.add(new DramSegment("scales of tile " + t, at, v));
        at = align(at + v.length);
        streamed += w.length + v.length;
      }
    }
    long output = at;
    ProgramBuilder pb = new ProgramBuilder();
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * k));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    for (int c0 = 0; c0 < tokens; c0 += l.m()) {
      int m = Math.min(l.m(), tokens - c0);
      List<Load> setup = new ArrayList<>();
      setup.add(new Load(Deps.NONE, Buffer.VEC, l.x(), input + 4L * c0 * k, m, 4 * k, 4L * k));
      if (c0 == 0 && plan.inputScale().isPresent()) {
        setup.add(new Load(Deps.NONE, Buffer.VEC, l.b(), bAddr, 1, 4 * k, 0));
      }
      if (c0 == 0 && l.onesPacking() != null) {
        setup.add(new Load(Deps.NONE, Buffer.WGT, 0, onesAddr, 1, (int) l.onesBytes(), 0));
      }
      pb.loads(setup);
      pb.add(new Vec(Deps.NONE, VecOp.ROUND_F16, l.x(), l.x(), 0, m, k, 0));
      if (plan.inputScale().isPresent()) {
        pb.add(new Vec(Deps.NONE, VecOp.MUL_ROW, l.x(), l.x(), l.b(), m, k, 0));
      }
      Stream s = new Stream(l, pb, m, tiles, groups, rowTiles, wAddr, vAddr, wBytes, vBytes, entries);
      s.emit(output + 4L * c0 * n, n);
    }
    Tiling tiling = new Tiling(l.m(), l.tileRows(), tiles, streamed);
    return new CompiledFloatLinear(pb.finish(), segments, input, output, tokens, n, k, tiling);
  }

  /** One pass of the weight stream over the tiles for one chunk of m tokens. */
  private final class Stream {
    final Layout l;
    final ProgramBuilder pb;
    final int m;
    final int tiles;
    final int groups;
    final int rowTiles;
    final long[] wAddr;
    final long[] vAddr;
    final long[] wBytes;
    final long[] vBytes;
    final int[] entries;
    final int slots = target.weightSlots();

    Stream(Layout l, ProgramBuilder pb, int m, int tiles, int groups, int rowTiles, long[] wAddr, long[] vAddr,
        long[] wBytes, long[] vBytes, int[] entries) {
      this.l = l;
      this.pb = pb;
      this.m = m;
      this.tiles = tiles;
      this.groups = groups;
      this.rowTiles = rowTiles;
      this.wAddr = wAddr;
      this.vAddr = vAddr;
      this.wBytes = wBytes;
      this.vBytes = vBytes;
      this.entries = entries;
    }

    void emit(long outputBase, int n) {
      load(0);
      for (int t = 0; t < tiles; t++) {
        if (t + 1 < tiles) {
          load(t + 1);
        }
        compute(t);
        int rt = t / groups;
        if (t % groups == groups - 1) {
          int r0 = rt * l.tileRows();
          int rows = Math.min(l.tileRows(), n - r0);
          pb.add(new Store(new Deps(true, false, true, false), Buffer.VEC, l.acc()[rt % 2], outputBase + 4L * r0, m,
              4 * rows, 4L * n));
        }
      }
      // Every store has pushed a free token; compute takes the ones it has not waited for, so the next chunk starts
      // with balanced counters.
      for (int i = 0; i < Math.min(2, rowTiles); i++) {
        pb.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
      }
    }

    private void load(int t) {
      int slot = t % slots;
      List<Load> loads = new ArrayList<>();
      pieces(loads, Buffer.WGT, l.onesBytes() + slot * l.wgtSlot(), wAddr[t], wBytes[t]);
      pieces(loads, Buffer.VEC, l.vecSlot()[slot], vAddr[t], vBytes[t]);
      for (int i = 0; i < loads.size(); i++) {
        boolean first = i == 0;
        boolean last = i == loads.size() - 1;
        pb.add(loads.get(i).withDeps(new Deps(false, first && t >= slots, false, last)));
      }
    }

    private void pieces(List<Load> out, Buffer b, long sram, long dram, long bytes) {
      for (long off = 0; off < bytes; off += PIECE_BYTES) {
        out.add(new Load(Deps.NONE, b, sram + off, dram + off, 1, (int) Math.min(PIECE_BYTES, bytes - off), 0));
      }
    }

    private void compute(int t) {
      FloatLinearPlan plan = l.plan();
      int rt = t / groups;
      int g = t % groups;
      int slot = t % slots;
      int rows = Math.min(l.tileRows(), plan.rows() - rt * l.tileRows());
      int width = plan.groupWidth(g);
      long act = l.x() + 4L * g * plan.group();
      List<Instruction> ops = new ArrayList<>();
      long w = l.onesBytes() + slot * l.wgtSlot();
      for (int p = 0; p < plan.planes().size(); p++) {
        Packing pk = l.packings().get(p);
        ops.add(new GemmSf(Deps.NONE, w, act, l.sums()[p], m, rows, width, pk, false));
        w += rows * pk.packedRowBytes(width);
      }
      long v = l.vecSlot()[slot];
      int vectors = plan.planes().size() + (plan.outliers().isPresent() ? 1 : 0) + (plan.shift().isPresent() ? 1 : 0);
      long csr = v + 4L * vectors * rows;
      if (plan.outliers().isPresent()) {
        ops.add(new Cfg(Deps.NONE, CfgReg.SPARSE_ENTRIES, entries[t]));
        ops.add(new GemmSparse(Deps.NONE, csr, l.x(), l.so(), m, rows, plan.cols(), false));
      }
      if (plan.shift().isPresent()) {
        long ones = width == plan.group() ? 0 : l.onesPacking().packedRowBytes(plan.group());
        ops.add(new GemmSf(Deps.NONE, ones, act, l.sx(), m, 1, width, l.onesPacking(), false));
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
      for (int i = 0; i < ops.size(); i++) {
        boolean popPrev = i == 0;
        // The output block was last stored two row tiles ago: wait for that store before the first write.
        boolean popNext = i == firstWrite && g == 0 && rt >= 2;
        boolean pushPrev = i == lastSlotRead && t + slots < tiles;
        boolean pushNext = i == ops.size() - 1 && tileDone;
        pb.add(ops.get(i).withDeps(new Deps(popPrev, popNext, pushPrev, pushNext)));
      }
    }
  }

  private byte[] tileWeights(Layout l, int r0, int rows, int g) {
    FloatLinearPlan plan = l.plan();
    int width = plan.groupWidth(g);
    int c0 = g * plan.group();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int p = 0; p < plan.planes().size(); p++) {
      byte[] values = plan.planes().get(p).values();
      byte[] sub = new byte[rows * width];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(values, (r0 + r) * plan.cols() + c0, sub, r * width, width);
      }
      out.writeBytes(WeightPackings.byName(l.packings().get(p).modelsName()).encode(sub, rows, width));
    }
    return out.toByteArray();
  }

  private static byte[] tileVectors(FloatLinearPlan plan, int r0, int rows, int g) {
    List<float[]> vectors = new ArrayList<>();
    for (SignPlane p : plan.planes()) {
      vectors.add(java.util.Arrays.copyOfRange(p.scales()[g], r0, r0 + rows));
    }
    plan.outliers().ifPresent(o -> vectors.add(java.util.Arrays.copyOfRange(o.scale(), r0, r0 + rows)));
    plan.shift().ifPresent(s -> vectors.add(java.util.Arrays.copyOfRange(s[g], r0, r0 + rows)));
    int entries = plan.outliers().map(o -> o.entries(r0, r0 + rows)).orElse(0);
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(vecTileBytes(plan, rows, entries)))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vectors) {
      for (float f : v) {
        buf.putFloat(f);
      }
    }
    plan.outliers().ifPresent(o -> {
      int base = o.rowStart()[r0];
      for (int r = 0; r <= rows; r++) {
        buf.putInt(o.rowStart()[r0 + r] - base);
      }
      for (int e = base; e < o.rowStart()[r0 + rows]; e++) {
        buf.putInt(o.columns()[e] | (o.q()[e] & 0xff) << 24);
      }
    });
    return buf.array();
  }

  private static byte[] onesRows(Packing p, FloatLinearPlan plan) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(onesRow(p, plan.group()));
    int last = plan.groupWidth(plan.groups() - 1);
    if (last != plan.group()) {
      out.writeBytes(onesRow(p, last));
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
