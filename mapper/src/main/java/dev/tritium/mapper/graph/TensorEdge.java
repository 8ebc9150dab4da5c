package dev.tritium.mapper.graph;

/**
 * A graph edge: {@code tensor} consumed by the operator named {@code consumer}. A tensor read by
 * several operators (the normalized input of q, k and v) has one edge per consumer.
 */
public record TensorEdge(Tensor tensor, String consumer) {

  public TensorEdge {
    java.util.Objects.requireNonNull(tensor, "tensor");
    java.util.Objects.requireNonNull(consumer, "consumer");
  }

  public long bytes() {
    return tensor.bytes();
  }
}
