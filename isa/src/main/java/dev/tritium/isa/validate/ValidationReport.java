package dev.tritium.isa.validate;

import java.util.List;

/** All findings of one validation, in the order found. */
public record ValidationReport(List<Finding> findings, long expandedInstructions) {

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
    return errors().isEmpty();
  }

  /** Throws IllegalArgumentException listing the errors when the program is not ok. */
  public void requireOk() {
    if (!ok()) {
      StringBuilder sb = new StringBuilder("ISA program rejected: " + errors().size() + " error(s)");
      errors().stream().limit(20).forEach(f -> sb.append("\n  ").append(f));
      throw new IllegalArgumentException(sb.toString());
    }
  }
}
