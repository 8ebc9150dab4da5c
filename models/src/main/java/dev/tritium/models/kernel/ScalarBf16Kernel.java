package dev.tritium.models.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The plain-Java mat-vec of {@link Bf16Matrix}, always available. A tile's rows are the lanes of every loop:
 * per column pair the two bf16 halves are split with int masks/shifts (C2 vectorizes these), reinterpreted as
 * fp32 by a bulk copy through a native-order ByteBuffer (a memcpy: C2 in JDK 17 does not vectorize
 * {@code Float.intBitsToFloat}), and {@code acc[r] = acc[r] + hi[r] * x[2p] + lo[r] * x[2p + 1]} keeps each
 * row's sequential order exactly.
 */
final class ScalarBf16Kernel implements Bf16MatVecKernel {

  static final ScalarBf16Kernel INSTANCE = new ScalarBf16Kernel();

  private ScalarBf16Kernel() {
  }

  @Override
  public String description() {
    return "scalar";
  }

  @Override
  public void matVecTiles(int[] packed, int rows, int cols, int tileRows, float[] x, float[] out, int fromTile,
      int toTile) {
    TileScratch s = new TileScratch(tileRows);
    for (int tile = fromTile; tile < toTile; tile++) {
      matVecTile(packed, rows, cols, tileRows, tile, x, out, s);
    }
  }

  /** Per-thread buffers of one tile's lanes; every loop below indexes them from 0, the form C2 vectorizes. */
  private static final class TileScratch {
    final int[] pair;
    final int[] hiBits;
    final int[] loBits;
    final float[] hi;
    final float[] lo;
    final float[] acc;
    final IntBuffer intView;
    final FloatBuffer floatView;

    TileScratch(int lanes) {
      pair = new int[lanes];
      hiBits = new int[lanes];
      loBits = new int[lanes];
      hi = new float[lanes];
      lo = new float[lanes];
      acc = new float[lanes];
      ByteBuffer bytes = ByteBuffer.allocate(4 * lanes).order(ByteOrder.nativeOrder());
      intView = bytes.asIntBuffer();
      floatView = bytes.asFloatBuffer();
    }

    /** fp32 values with the given bit patterns (a bulk copy, unlike a per-element intBitsToFloat). */
    void reinterpret(int[] bits, float[] values) {
      intView.clear();
      intView.put(bits);
      floatView.clear();
      floatView.get(values);
    }
  }

  private static void matVecTile(int[] packed, int rows, int cols, int tileRows, int tile, float[] x, float[] out,
      TileScratch s) {
    int[] pair = s.pair;
    int[] hiBits = s.hiBits;
    int[] loBits = s.loBits;
    float[] hi = s.hi;
    float[] lo = s.lo;
    float[] acc = s.acc;
    int lanes = tileRows;
    Arrays.fill(acc, 0f);
    int pairs = (cols + 1) / 2;
    int fullPairs = cols / 2;
    int src = tile * pairs * lanes;
    for (int p = 0; p < fullPairs; p++, src += lanes) {
      System.arraycopy(packed, src, pair, 0, lanes);
      for (int r = 0; r < lanes; r++) {
        int v = pair[r];
        hiBits[r] = v & 0xffff0000;
        loBits[r] = v << 16;
      }
      s.reinterpret(hiBits, hi);
      s.reinterpret(loBits, lo);
      float x0 = x[2 * p];
      float x1 = x[2 * p + 1];
      for (int r = 0; r < lanes; r++) {
        acc[r] = acc[r] + hi[r] * x0 + lo[r] * x1;
      }
    }
    if (pairs > fullPairs) {
      System.arraycopy(packed, src, pair, 0, lanes);
      for (int r = 0; r < lanes; r++) {
        hiBits[r] = pair[r] & 0xffff0000;
      }
      s.reinterpret(hiBits, hi);
      float x0 = x[cols - 1];
      for (int r = 0; r < lanes; r++) {
        acc[r] = acc[r] + hi[r] * x0;
      }
    }
    int first = tile * tileRows;
    System.arraycopy(acc, 0, out, first, Math.min(lanes, rows - first));
  }
}
