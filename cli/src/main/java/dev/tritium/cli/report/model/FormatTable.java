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

  /**
   * One format. The whole-token columns (DRAM, tokens/s, mJ) are present when the accelerator runs the format's
   * decoder layers; the projection columns (the seven projections of every layer, simulated one at a time and
   * summed, per token) whenever it runs its projections, which includes the fp16-activation formats.
   */
  public record Row(String format, double bitsPerWeight, double footprintMb, String storedAs,
      OptionalDouble dramMbPerToken, OptionalDouble tokensPerS, OptionalDouble mjPerToken, OptionalDouble areaMm2,
      OptionalDouble projectionsMsPerToken, OptionalDouble projectionsDramMbPerToken,
      OptionalDouble projectionsMjPerToken, String note) {

    /** Whether the accelerator ran this format's whole decoder layers (its whole-token columns are present). */
    public boolean simulated() {
      return tokensPerS.isPresent();
    }

    /** Whether the accelerator ran this format's projections (the projection columns are present). */
    public boolean projectionsSimulated() {
      return projectionsMsPerToken.isPresent();
    }
  }

  public FormatTable {
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a format table needs at least one format");
    }
  }
}
