package dev.tritium.mapper.bitlinear;

import dev.tritium.isa.Packing;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.models.quant.TernaryWeights;

/** The packed DRAM bytes of a weight tensor, produced by the reference packings of models/. */
public final class WeightImage {

  private WeightImage() {}

  /** W [N][K] in the ISA packing's layout, rows of {@code packing.packedRowBytes(K)} bytes. */
  public static byte[] pack(TernaryWeights w, Packing packing) {
    WeightPacking p = WeightPackings.byName(packing.modelsName());
    byte[] bytes = p.encode(w.values(), w.rows(), w.cols());
    long expected = (long) w.rows() * packing.packedRowBytes(w.cols());
    if (bytes.length != expected) {
      throw new IllegalStateException("models packing " + p.name() + " gives " + bytes.length + " bytes for "
          + w.rows() + "x" + w.cols() + ", the ISA expects " + expected);
    }
    return bytes;
  }

  /**
   * The chunk-major DRAM image, {@code [ceil(K / chunk)][N][packedRowBytes(chunk)]}, of an N x K matrix whose
   * row-major packed bytes are {@code rowMajor}: the columns of one K chunk are one contiguous run, so a mapping that
   * works on one K chunk at a time streams its weights without strided rows. Chunk boundaries must fall on whole
   * bytes of a row ({@code chunk} a multiple of the packing's split granularity); {@code chunk >= K} is row-major.
   */
  public static byte[] chunkMajor(byte[] rowMajor, Packing packing, int n, int k, int chunk) {
    long rowBytes = packing.packedRowBytes(k);
    if (rowMajor.length != n * rowBytes) {
      throw new IllegalArgumentException("weight image of " + rowMajor.length + " bytes, expected " + n + " x "
          + rowBytes);
    }
    if (chunk >= k) {
      return rowMajor;
    }
    if (packing.splitWeights() == 0 || chunk % packing.splitWeights() != 0) {
      throw new IllegalArgumentException("packing " + packing + " rows cannot be cut every " + chunk + " weights");
    }
    byte[] out = new byte[rowMajor.length];
    int at = 0;
    for (int c0 = 0; c0 < k; c0 += chunk) {
      int from = (int) packing.packedRowBytes(c0);
      int len = (int) packing.packedRowBytes(Math.min(chunk, k - c0));
      for (int r = 0; r < n; r++) {
        System.arraycopy(rowMajor, (int) (r * rowBytes) + from, out, at, len);
        at += len;
      }
    }
    return out;
  }

  /** Where the row-{@code n0} start of K chunk {@code k0} lies in {@link #chunkMajor}'s image (offset in bytes). */
  public static long chunkMajorOffset(Packing packing, int n, int k0, int chunkK, int n0) {
    return (long) n * packing.packedRowBytes(k0) + (long) n0 * packing.packedRowBytes(chunkK);
  }
}
