package dev.tritium.mapper.bitlinear;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * On-chip buffer plan of one mapping (all byte addresses within their buffer):
 * <ul>
 *   <li>WGT: two weight-tile slots (double buffer for the LOOP.GEMM stream);</li>
 *   <li>ACT: the int8 activations of one M tile, [tile_m][K] dense;</li>
 *   <li>ACC: int32 accumulators, [tile_m][block_n] per region; one region, or one per N block when
 *       the K blocks are the outer loop;</li>
 *   <li>LUT: the tables of one (M tile, K block), [tile_m][ceil(block_k/g)] tables;</li>
 *   <li>VEC: the per-token scales s_x of the M tile, two fp32 input staging areas of quant_rows x K
 *       and two fp32 output areas of dequant_rows x block_n (double buffers against the DMA).</li>
 * </ul>
 */
public record SramLayout(long wgtSlotA, long wgtSlotB, long slotBytes, long actBytes, long accRegionBytes,
    int accRegions, long lutBytes, long vecScales, long vecIn0, long vecIn1, int quantRows, long vecOut0,
    long vecOut1, int dequantRows) {

  /** ACT, ACC and LUT areas all start at address 0 of their buffer. */
  public static final long BASE = 0;

  /** Alignment of every area (one SRAM line of the widest preset port). */
  public static final long ALIGN_BYTES = 64;

  /** Bytes each buffer uses. */
  public long bytesUsed(Buffer b) {
    return switch (b) {
      case WGT -> wgtSlotB + slotBytes;
      case ACT -> actBytes;
      case ACC -> (long) accRegions * accRegionBytes;
      case LUT -> lutBytes;
      case VEC -> vecOut1 + (vecOut1 - vecOut0);
    };
  }

  /** The layout of a legal mapping; throws IllegalArgumentException listing every violated rule. */
  public static SramLayout of(BitLinearShape s, Mapping m, IsaTarget t) {
    List<String> problems = new ArrayList<>();
    SramLayout layout = plan(s, m, t, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("mapping [" + m.summary() + "] is illegal for " + s + " on " + t.name()
          + ": " + String.join("; ", problems));
    }
    return layout;
  }

  /** The layout of a mapping, or null when it is illegal (the search's fast path). */
  public static SramLayout ofOrNull(BitLinearShape s, Mapping m, IsaTarget t) {
    List<String> problems = new ArrayList<>();
    SramLayout layout = plan(s, m, t, problems);
    return problems.isEmpty() ? layout : null;
  }

  /** Every rule the mapping breaks (empty when legal). */
  public static List<String> problems(BitLinearShape s, Mapping m, IsaTarget t) {
    List<String> problems = new ArrayList<>();
    plan(s, m, t, problems);
    return problems;
  }

  private static SramLayout plan(BitLinearShape s, Mapping m, IsaTarget t, List<String> problems) {
    int k = s.inFeatures();
    int n = s.outFeatures();
    Packing p = m.packing();
    checkUnit(m, t, problems);
    if (!s.alphabet().fits(p)) {
      problems.add(s.alphabet().name().toLowerCase(java.util.Locale.ROOT) + " weights do not fit packing "
          + p.modelsName() + " (it holds no 0)");
    }
    if (m.tileM() > s.tokens()) {
      problems.add("tile_m " + m.tileM() + " exceeds M = " + s.tokens());
    }
    if (m.blockN() > n || m.tileN() > m.blockN()) {
      problems.add("need tile_n <= block_n <= N, got " + m.tileN() + ", " + m.blockN() + ", " + n);
    }
    if (m.blockK() > k || m.tileK() > m.blockK()) {
      problems.add("need tile_k <= block_k <= K, got " + m.tileK() + ", " + m.blockK() + ", " + k);
    }
    if (m.unit() == ComputeUnit.MAC && m.blockK() != k) {
      problems.add("block_k must equal K = " + k + " on the MAC array (LOOP.GEMM sets the ACT row stride to its own k)");
    }
    if (m.order() == LoopOrder.K_OUTER && (m.unit() != ComputeUnit.LUT || m.kBlocks(s) == 1)) {
      problems.add("k-outer order needs the LUT core and more than one K block");
    }
    int split = p.splitWeights();
    if (m.blockK() < k && (split == 0 || m.blockK() % split != 0)) {
      problems.add("block_k " + m.blockK() + " must be a multiple of " + split + " for packing " + p.modelsName()
          + " (a K block starts on a byte boundary)");
    }
    if (m.unit() == ComputeUnit.LUT && p == Packing.SIGN_BITS && m.tileK() != m.blockK()) {
      problems.add("tile_k " + m.tileK() + " must equal block_k " + m.blockK() + " for sign-bits on the LUT core"
          + " (a LUT loop over SIGN_BITS rows keeps each row whole)");
    }
    if (m.tileK() < m.blockK() && (split == 0 || m.tileK() % split != 0)) {
      problems.add("tile_k " + m.tileK() + " must be a multiple of " + split + " for packing " + p.modelsName());
    }
    if (!problems.isEmpty()) {
      return null;
    }
    long slot = align((long) m.tileN() * p.packedRowBytes(m.tileK()));
    check(problems, Buffer.WGT, 2 * slot, t, "two weight slots of " + m.tileN() + " x " + m.tileK());
    long actBytes = (long) m.tileM() * k;
    check(problems, Buffer.ACT, actBytes, t, "int8 activations " + m.tileM() + " x " + k);
    int regions = m.order() == LoopOrder.K_OUTER ? m.nBlocks(s) : 1;
    long region = align(4L * m.tileM() * m.blockN());
    check(problems, Buffer.ACC, regions * region, t, regions + " accumulator region(s) of " + m.tileM() + " x "
        + m.blockN() + " int32");
    long lutBytes = 0;
    if (m.unit() == ComputeUnit.LUT && t.lut().isPresent()) {
      LutUnit lut = t.lut().get();
      long groups = ceilDiv(m.blockK(), lut.groupSize());
      lutBytes = m.tileM() * groups * lut.variant().tableBytes(lut.groupSize());
      check(problems, Buffer.LUT, lutBytes, t, "tables of " + m.tileM() + " tokens x " + groups + " groups");
    }
    long scales = align(4L * m.tileM());
    long vec = t.bytes(Buffer.VEC);
    int quantRows = quantRows(k, m.tileM(), vec);
    long inArea = align(4L * quantRows * k);
    int dequantRows = (int) Math.min(m.tileM(), outputBudget(k, m.tileM(), vec) / (8L * m.blockN()));
    long outArea = align(4L * dequantRows * m.blockN());
    if (quantRows < 1 || dequantRows < 1) {
      problems.add("VEC (" + vec + " bytes) cannot double-buffer one fp32 input row of K = " + k
          + " and one output row of block_n = " + m.blockN() + " next to " + scales + " bytes of scales");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    long in0 = scales;
    long out0 = in0 + 2 * inArea;
    return new SramLayout(0, slot, slot, actBytes, region, regions, lutBytes, 0, in0, in0 + inArea, quantRows,
        out0, out0 + outArea, dequantRows);
  }

  /** fp32 input rows per quantize chunk: half of VEC (after the scales) holds two chunks. */
  static int quantRows(int k, int tileM, long vecBytes) {
    long avail = vecBytes - align(4L * tileM);
    return (int) Math.min(tileM, Math.max(0, avail / 2 / (8L * k)));
  }

  /** VEC bytes left for the two output areas once scales and input areas are placed. */
  static long outputBudget(int k, int tileM, long vecBytes) {
    long avail = vecBytes - align(4L * tileM);
    return Math.max(0, avail - 2 * align(4L * quantRows(k, tileM, vecBytes) * k));
  }

  /** The largest block_n whose output rows VEC can double-buffer for this K and tile_m. */
  public static int maxBlockN(int k, int tileM, long vecBytes) {
    return (int) Math.min(Integer.MAX_VALUE, outputBudget(k, tileM, vecBytes) / 8);
  }

  private static void checkUnit(Mapping m, IsaTarget t, List<String> problems) {
    if (!t.packings().contains(m.packing())) {
      problems.add("target " + t.name() + " has no packing " + m.packing().modelsName() + " (has " + t.packings() + ")");
    }
    if (m.unit() == ComputeUnit.MAC) {
      if (!t.hasMacArray()) {
        problems.add("target " + t.name() + " has no MAC array");
      }
      if (m.packing().isLutPacking()) {
        problems.add("the MAC array reads 2bit, base3 or sign-bits, not " + m.packing().modelsName());
      }
    } else {
      if (t.lut().isEmpty()) {
        problems.add("target " + t.name() + " has no LUT core");
      } else if (t.lut().get().packing() != m.packing()) {
        problems.add("the LUT core (g=" + t.lut().get().groupSize() + ", " + t.lut().get().variant() + ") reads "
            + t.lut().get().packing() + ", not " + m.packing());
      }
    }
  }

  private static void check(List<String> problems, Buffer b, long need, IsaTarget t, String what) {
    if (need > t.bytes(b)) {
      problems.add(b + " needs " + need + " bytes for " + what + ", has " + t.bytes(b));
    }
  }

  static long align(long a) {
    return (a + ALIGN_BYTES - 1) / ALIGN_BYTES * ALIGN_BYTES;
  }
}
