package dev.tritium.isa.validate;

/**
 * One validator finding. {@code location} names the instruction ({@code #12 GEMM.T}, or for an
 * expanded macro instruction {@code #12 LOOP.GEMM[+5 GEMM.T]}); {@code field} the field or check.
 */
public record Finding(Severity severity, int sourceIndex, String location, String field, String message) {

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + location + " field " + field + ": " + message;
  }
}
