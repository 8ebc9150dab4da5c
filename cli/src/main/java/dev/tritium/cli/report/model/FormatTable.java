package dev.tritium.cli.report.model;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The weight formats of {@code tritium compare --formats} side by side (DIR/formats.csv): one workload on one
 * arch and model. The simulated columns are empty for a format the units do not run; its note says what they lack.
 *
 * @param model the model every row describes
 * @param arch the arch every row describes
 * @param workload the step compared, e.g. "decode 1 token at context 1024"
 */
public record FormatTable(String model, String arch, String workload, List<Row> rows) {

  /** One format. */
  public record Row(String format, double bitsPerWeight, double footprintMb, String storedAs,
      OptionalDouble dramMbPerToken, OptionalDouble tokensPerS, OptionalDouble mjPerToken, OptionalDouble areaMm2,
      String note) {

    /** Whether the accelerator ran this format (its simulated columns are present). */
    public boolean simulated() {
      return tokensPerS.isPresent();
    }
  }

  public FormatTable {
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a format table needs at least one format");
    }
  }
}
