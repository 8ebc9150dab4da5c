package dev.tritium.fpga.hls;

import static dev.tritium.common.IntMath.ceilDiv;

import dev.tritium.models.nn.BitLinear;
import java.util.Locale;

/**
 * One BitLinear shape of the exported kernel: y[TOKENS][N] = dequant(W[N][K] . quant(x[TOKENS][K])).
 * Two tile levels: the weight-buffer tile {@code bufferN x bufferK} the mapper chose (one WGT slot,
 * loaded from DRAM in one burst per row), and inside it the array tile of the {@link KernelPlan}
 * (TILE_N x TILE_K per cycle). Stages of equal shape share their functions (gate and up of the FFN).
 *
 * @param name lower-case C prefix, e.g. {@code q_proj}
 * @param bufferN weight rows per buffer tile (mapper tile_n, at most N)
 * @param bufferK weights per buffer-tile row (mapper tile_k, at most K; a multiple of the packing's
 *     byte-aligned cut unless it is all of K)
 */
public record Stage(String name, int k, int n, int tokens, KernelPlan plan, int bufferN, int bufferK) {

  public Stage {
    if (k < 1 || n < 1 || tokens < 1) {
      throw new IllegalArgumentException("stage " + name + " needs K, N and tokens >= 1, got K=" + k + " N=" + n
          + " tokens=" + tokens);
    }
    bufferN = Math.min(bufferN, n);
    bufferK = Math.min(bufferK, k);
    int cut = plan.packing().splitWeights();
    if (bufferN < 1 || bufferK < 1 || (bufferK < k && (cut == 0 || bufferK % cut != 0))) {
      throw new IllegalArgumentException("stage " + name + ": weight tile " + bufferN + " x " + bufferK
          + " does not start every K tile on a byte boundary of packing " + plan.packing().modelsName());
    }
  }

  /** A stage whose buffer tile is the whole matrix (no DRAM-level tiling). */
  public static Stage whole(String name, int k, int n, int tokens, KernelPlan plan) {
    return new Stage(name, k, n, tokens, plan, n, k);
  }

  /** Upper-case macro prefix. */
  public String macro() {
    return name.toUpperCase(Locale.ROOT);
  }

  /** Bytes of one packed weight row. */
  public long rowBytes() {
    return plan.packing().packedRowBytes(k);
  }

  /** Units along K: weights on the MAC array, weight groups on the LUT core. */
  public int units() {
    return ceilDiv(k, plan.groupSize());
  }

  /** Units per buffer-tile row. */
  public int bufferUnits() {
    return bufferK >= k ? units() : bufferK / plan.groupSize();
  }

  /** Packed bytes of one buffer-tile row (also the byte stride between K tiles). */
  public long bufferRowBytes() {
    return plan.packing().packedRowBytes(bufferK);
  }

  public int nBlocks() {
    return ceilDiv(n, bufferN);
  }

  public int kBlocks() {
    return ceilDiv(units(), bufferUnits());
  }

  /** Array tiles per buffer tile along N and K. */
  public int arrayNTiles() {
    return ceilDiv(bufferN, plan.tileN());
  }

  public int arrayKTiles() {
    return ceilDiv(bufferUnits(), plan.tileUnits());
  }

  /** Units the tile loops can touch (the last array tile of the last buffer tile may run past K). */
  public int unitsPadded() {
    return (kBlocks() - 1) * bufferUnits() + arrayKTiles() * plan.tileUnits();
  }

  /** K rounded up to what the tile loops touch (the quantized activation buffer, zero past K). */
  public int kPadded() {
    return unitsPadded() * plan.groupSize();
  }

  /**
   * Bits a signed accumulator needs for this K: |acc| <= 127 K because the absmax quantizer never
   * emits -128 (models BitLinear), so {@code bitLength(127 K) + 1}.
   */
  public int accumulatorBitsNeeded() {
    return accumulatorBitsNeeded(k);
  }

  /** The same for any K. */
  public static int accumulatorBitsNeeded(int k) {
    return BitLinear.accumulatorBitsNeeded(k);
  }
}
