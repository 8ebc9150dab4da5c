package dev.tritium.simulator.unit.mac;


/**
 * A decoded n x k ternary weight tile ({@code weights[r * k + c]}), answering the MAC array's
 * all-zero block questions. The array asks about disjoint blocks covering the tile once per fold
 * decomposition, so answering costs O(n * k) per GEMM.T.
 */
final class ZeroWeightMap implements ZeroWeights {

  private final byte[] weights;
  private final int n;
  private final int k;

  ZeroWeightMap(byte[] weights, int n, int k) {
    if (weights.length != (long) n * k) {
      throw new IllegalArgumentException("decoded tile has " + weights.length + " weights, expected " + n + " x " + k);
    }
    this.weights = weights;
    this.n = n;
    this.k = k;
  }

  @Override
  public boolean allZero(long n0, long n1, long k0, long k1) {
    if (n0 < 0 || k0 < 0 || n1 > n || k1 > k || n0 > n1 || k0 > k1) {
      throw new IllegalArgumentException("block rows [" + n0 + ", " + n1 + ") x columns [" + k0 + ", " + k1
          + ") is outside the " + n + " x " + k + " weight tile");
    }
    for (long r = n0; r < n1; r++) {
      int base = (int) (r * k);
      for (int c = (int) k0; c < k1; c++) {
        if (weights[base + c] != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
