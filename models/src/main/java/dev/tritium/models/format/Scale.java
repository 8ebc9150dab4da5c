package dev.tritium.models.format;

import java.util.Objects;

/** A scale (or shift) term: its granularity and datatype. Cost: {@code count(N, K) * type.bits()} bits. */
public record Scale(ScaleGranularity granularity, ScaleType type) {

  public Scale {
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(type, "type");
  }

  /** Storage bits for an N x K matrix: {@code granularity.count(N, K) * type.bits()}. */
  public double bits(int n, int k) {
    return (double) granularity.count(n, k) * type.bits();
  }

  public String label() {
    return type.label() + " " + granularity.label();
  }
}
