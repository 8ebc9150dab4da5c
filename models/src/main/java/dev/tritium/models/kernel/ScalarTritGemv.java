package dev.tritium.models.kernel;

/**
 * The plain-Java {@link TritGemvKernel}: the contract written out row by row. It is the definition the Vector API
 * kernel is tested against and the fallback when no provider loads; at about a fifteenth of the popcount kernel's
 * speed it is never what {@link TernaryKernels} packs for by itself.
 */
public final class ScalarTritGemv implements TritGemvKernel {

  static final ScalarTritGemv INSTANCE = new ScalarTritGemv();

  private ScalarTritGemv() {
  }

  @Override
  public String description() {
    return "scalar table lookups";
  }

  @Override
  public void accumulateTiles(short[] weights, int words, int rows, short[][] tables, int[] acc, int tileFrom,
      int tileTo) {
    int tileRows = TritPackedWeights.TILE_ROWS;
    for (int tile = tileFrom; tile < tileTo; tile++) {
      int live = Math.min(tileRows, rows - tile * tileRows);
      for (int t = 0; t < tables.length; t++) {
        short[] tab = tables[t];
        for (int r = 0; r < live; r++) {
          int sum = 0;
          for (int w = 0; w < words; w++) {
            int s = weights[(tile * words + w) * tileRows + r];
            int g = w * 3 * TritTables.GROUP_ENTRIES;
            sum += tab[g + (s & 31)] + tab[g + TritTables.GROUP_ENTRIES + ((s >>> 5) & 31)]
                + tab[g + 2 * TritTables.GROUP_ENTRIES + ((s >>> 10) & 31)];
          }
          acc[t * rows + tile * tileRows + r] = sum;
        }
      }
    }
  }
}
