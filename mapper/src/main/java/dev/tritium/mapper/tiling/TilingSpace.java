package dev.tritium.mapper.tiling;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.Packing;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mappings the search considers. Searched: unit and packing, tile_m (M halved down to 1),
 * tile_n (powers of two from 16, and the whole block), tile_k (the packing's cut granularity times
 * powers of two, and the whole block) and the block loop order. Derived, not searched: block_n and
 * block_k are the largest that fit ACC/VEC and the LUT buffer for that tile_m, because smaller blocks
 * only add instructions and table rebuilds. Illegal combinations are filtered by the buffer plan.
 */
public final class TilingSpace {

  /** Smallest weight-tile edge tried (a quarter of the smallest preset array edge). */
  static final int MIN_TILE = 16;

  private TilingSpace() {}

  /** Candidate mappings before the legality filter. */
  public static List<Mapping> enumerate(BitLinearShape s, IsaTarget t, Set<ComputeUnit> units) {
    List<Mapping> out = new ArrayList<>();
    for (ComputeUnit unit : units) {
      for (Packing p : packings(t, unit, s.alphabet())) {
        for (int tileM : halvings(s.tokens())) {
          for (LoopOrder order : LoopOrder.values()) {
            int blockK = blockK(s, t, unit, p, tileM);
            if (blockK < 1 || (order == LoopOrder.K_OUTER && (unit != ComputeUnit.LUT || blockK >= s.inFeatures()))) {
              continue;
            }
            int kBlocks = (s.inFeatures() + blockK - 1) / blockK;
            int blockN = blockN(s, t, tileM, order == LoopOrder.K_OUTER && kBlocks > 1);
            if (blockN < 1) {
              continue;
            }
            for (int tileN : tiles(blockN, 1)) {
              for (int tileK : tiles(blockK, Math.max(1, p.splitWeights()))) {
                // A LUT loop over SIGN_BITS rows keeps each row whole (isa/README.md, LOOP.GEMM constraints).
                boolean wholeRows = p.splitWeights() == 0 || (unit == ComputeUnit.LUT && p == Packing.SIGN_BITS);
                if (wholeRows && tileK != blockK) {
                  continue;
                }
                out.add(new Mapping(unit, p, tileM, blockN, blockK, tileN, tileK, order));
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static List<Packing> packings(IsaTarget t, ComputeUnit unit, WeightAlphabet alphabet) {
    List<Packing> out = new ArrayList<>();
    if (unit == ComputeUnit.MAC && t.hasMacArray()) {
      for (Packing p : List.of(Packing.TWO_BIT, Packing.BASE3, Packing.SIGN_BITS)) {
        if (t.packings().contains(p) && alphabet.fits(p)) {
          out.add(p);
        }
      }
    } else if (unit == ComputeUnit.LUT && t.lut().isPresent() && t.lut().get().packing() != null
        && alphabet.fits(t.lut().get().packing())) {
      // A binary-table core reads SIGN_BITS, which holds no 0: ternary weights have no LUT packing there.
      out.add(t.lut().get().packing());
    }
    return out;
  }

  /** M, ceil(M/2), ceil(M/4), ..., 1. */
  static List<Integer> halvings(int m) {
    TreeSet<Integer> v = new TreeSet<>();
    for (int x = m; ; x = (x + 1) / 2) {
      v.add(x);
      if (x == 1) {
        break;
      }
    }
    return new ArrayList<>(v.descendingSet());
  }

  /** The whole extent and unit x powers of two from MIN_TILE below it. */
  static List<Integer> tiles(int extent, int unit) {
    TreeSet<Integer> v = new TreeSet<>();
    v.add(extent);
    for (long x = unit; x < extent; x *= 2) {
      if (x >= MIN_TILE) {
        v.add((int) x);
      }
    }
    return new ArrayList<>(v.descendingSet());
  }

  /** The LUT core's largest K block whose tables for tile_m tokens fit LUT; K on the MAC array. */
  static int blockK(BitLinearShape s, IsaTarget t, ComputeUnit unit, Packing p, int tileM) {
    int k = s.inFeatures();
    if (unit == ComputeUnit.MAC) {
      return k;
    }
    LutUnit lut = t.lut().orElseThrow();
    long tableBytes = lut.variant().tableBytes(lut.groupSize());
    long groups = t.bytes(Buffer.LUT) / ((long) tileM * tableBytes);
    long fit = groups * lut.groupSize();
    if (fit >= k) {
      return k;
    }
    int split = p.splitWeights();
    return split == 0 ? 0 : (int) (fit / split * split);
  }

  /** The largest N block whose accumulators (one region, or one per block for k-outer) fit ACC. */
  static int blockN(BitLinearShape s, IsaTarget t, int tileM, boolean allN) {
    long accRows = t.bytes(Buffer.ACC) / (4L * tileM);
    long vecRows = SramLayout.maxBlockN(s.inFeatures(), tileM, t.bytes(Buffer.VEC));
    if (allN) {
      // Every N block keeps its own region, so ACC must hold all N; a smaller block only adds loops.
      long fit = Math.min(accRows, vecRows);
      return fit >= s.outFeatures() ? s.outFeatures() : (accRows >= s.outFeatures() ? (int) (fit / 64 * 64) : 0);
    }
    long fit = Math.min(Math.min(accRows, vecRows), s.outFeatures());
    if (fit >= s.outFeatures()) {
      return s.outFeatures();
    }
    return (int) (fit / 64 * 64);
  }
}
