package dev.tritium.mapper.graph;

/**
 * A tensor flowing between operators: {@code rows x cols} elements of {@code kind}.
 *
 * @param name unique in its graph, e.g. {@code x_attn_q} (quantized attention input)
 * @param sliceRows rows resident at once (= rows unless the producer and consumers stream it)
 */
public record Tensor(String name, TensorKind kind, int rows, int cols, int sliceRows) {

  /** A tensor that is resident whole. */
  public Tensor(String name, TensorKind kind, int rows, int cols) {
    this(name, kind, rows, cols, rows);
  }

  public Tensor {
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(kind, "kind");
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("tensor " + name + " needs rows, cols >= 1, got " + rows + "x" + cols);
    }
    if (sliceRows < 1 || sliceRows > rows) {
      throw new IllegalArgumentException("tensor " + name + ": slice rows must be in 1.." + rows + ", got " + sliceRows);
    }
  }

  /** Bytes that must be on chip at once: attention's scores and probabilities are streamed a slice at a time. */
  public long residentBytes() {
    return (long) sliceRows * cols * kind.elementBytes();
  }

  /** Size in bytes. */
  public long bytes() {
    return (long) rows * cols * kind.elementBytes();
  }

  /** True when the tensor can live in an on-chip buffer (everything but the DRAM KV cache). */
  public boolean onChipCandidate() {
    return kind.buffer() != null;
  }
}
