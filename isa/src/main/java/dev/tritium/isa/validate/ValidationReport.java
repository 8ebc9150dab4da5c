package dev.tritium.isa.validate;

import java.util.List;

/**
 * The findings of one validation in the order found (the first 200; the rest are only counted) and
 * the number of explicit instructions checked.
 */
public record ValidationReport(List<Finding> findings, long expandedInstructions, long suppressedErrors,
    long suppressedWarnings) {

  public ValidationReport {
    findings = List.copyOf(findings);
  }

  public List<Finding> errors() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  public List<Finding> warnings() {
    return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
  }

  /** True when there is no error. */
  public boolean ok() {
    return errors().isEmpty() && suppressedErrors == 0;
  }

  /** Throws IllegalArgumentException listing the errors when the program is not ok. */
  public void requireOk() {
    if (!ok()) {
      StringBuilder sb = new StringBuilder("ISA program rejected: " + errors().size() + " error(s)");
      errors().stream().limit(20).forEach(f -> sb.append("\n  ").append(f));
      if (suppressedErrors > 0) {
        sb.append("\n  ... and ").append(suppressedErrors).append(" more errors");
      }
      throw new IllegalArgumentException(sb.toString());
    }
  }
}
