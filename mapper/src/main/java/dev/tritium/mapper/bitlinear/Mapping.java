package dev.tritium.mapper.bitlinear;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import java.util.Objects;

/**
 * How one BitLinear is tiled onto the machine (mapper/README.md, "Compilation scheme").
 *
 * @param unit the compute unit (MAC array or LUT core)
 * @param packing the weight layout the unit reads
 * @param tileM tokens per M tile (the M loop is the outermost, at DRAM level)
 * @param blockN outputs per LOOP.GEMM (DRAM-level N block)
 * @param blockK inputs per LOOP.GEMM (DRAM-level K block; equals K on the MAC array)
 * @param tileN weight-tile rows inside LOOP.GEMM (one WGT slot)
 * @param tileK weight-tile columns inside LOOP.GEMM
 * @param order order of the N and K block loops
 */
public record Mapping(ComputeUnit unit, Packing packing, int tileM, int blockN, int blockK, int tileN, int tileK,
    LoopOrder order) {

  public Mapping {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(packing, "packing");
    Objects.requireNonNull(order, "order");
    if (tileM < 1 || blockN < 1 || blockK < 1 || tileN < 1 || tileK < 1) {
      throw new IllegalArgumentException("mapping tiles must be >= 1, got tile_m=" + tileM + ", block_n=" + blockN
          + ", block_k=" + blockK + ", tile_n=" + tileN + ", tile_k=" + tileK);
    }
  }

  /** Number of M tiles of a shape. */
  public int mTiles(BitLinearShape s) {
    return ceilDiv(s.tokens(), tileM);
  }

  public int nBlocks(BitLinearShape s) {
    return ceilDiv(s.outFeatures(), blockN);
  }

  public int kBlocks(BitLinearShape s) {
    return ceilDiv(s.inFeatures(), blockK);
  }

  /** One line, e.g. {@code mac 2bit tile_m=8 block_n=512 block_k=2560 tile_n=64 tile_k=512 n-outer}. */
  public String summary() {
    return unit.name().toLowerCase(java.util.Locale.ROOT) + " " + packing.modelsName() + " tile_m=" + tileM
        + " block_n=" + blockN + " block_k=" + blockK + " tile_n=" + tileN + " tile_k=" + tileK + " " + order.label();
  }
}
