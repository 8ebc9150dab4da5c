package dev.tritium.models.count;

/** How many bytes a ternary rows x cols tensor occupies in one packing (row padding included). */
public interface PackingSize {

  /** Report name of the packing. */
  String name();

  /** Exact packed bytes of a rows x cols matrix. */
  long packedBytes(int rows, int cols);

  /** A packing size from its name and formula. */
  static PackingSize of(String name, java.util.function.ToLongBiFunction<Integer, Integer> bytes) {
    return new PackingSize() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long packedBytes(int rows, int cols) {
        return bytes.applyAsLong(rows, cols);
      }
    };
  }
}
