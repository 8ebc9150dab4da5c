package dev.tritium.cli.report.read;

import dev.tritium.cli.report.model.FormatTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * DIR/formats.csv, written by {@code tritium compare --formats ... --report DIR} and read by the report: one row per
 * format, units in the column names, the simulated columns empty for a format the units do not run (the whole-token
 * ones also for a format whose projections run but whose decoder layers are not lowered).
 */
public final class FormatsCsv {

  public static final String FILE = "formats.csv";

  /** The columns, in file order. */
  public static final List<String> COLUMNS = List.of("model", "arch", "workload", "format", "bits_per_weight",
      "footprint_MB", "stored_as", "dram_MB_per_token", "tokens_per_s", "mJ_per_token", "area_mm2", "projections_ms_per_token", "projections_dram_MB_per_token",
      "projections_mJ_per_token", "note");

  private FormatsCsv() {}

  /** The file's text. */
  public static String text(FormatTable t) {
    StringBuilder sb = new StringBuilder();
    try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180.builder().setRecordSeparator("\n").build())) {
      p.printRecord(COLUMNS);
      for (FormatTable.Row r : t.rows()) {
        p.printRecord(t.model(), t.arch(), t.workload(), r.format(), num(r.bitsPerWeight()), num(r.footprintMb()),
            r.storedAs(), num(r.dramMbPerToken()), num(r.tokensPerS()), num(r.mjPerToken()), num(r.areaMm2()),
            num(r.projectionsMsPerToken()), num(r.projectionsDramMbPerToken()), num(r.projectionsMjPerToken()),
            r.note());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to a StringBuilder cannot fail", e);
    }
    return sb.toString();
  }

  /** DIR/formats.csv, or empty when DIR has none. */
  public static Optional<FormatTable> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    CsvTable t = CsvTable.read(file);
    int[] col = new int[COLUMNS.size()];
    for (int i = 0; i < col.length; i++) {
      col[i] = t.column(COLUMNS.get(i));
    }
    if (t.rows().isEmpty()) {
      throw new IllegalArgumentException(file + ": no format rows after the header");
    }
    List<FormatTable.Row> rows = new ArrayList<>();
    CsvTable.Row first = t.rows().get(0);
    for (CsvTable.Row r : t.rows()) {
      for (int i = 0; i < 3; i++) {
        if (!r.fields().get(col[i]).equals(first.fields().get(col[i]))) {
          throw new IllegalArgumentException(t.where(r, col[i]) + ": every row must describe one " + COLUMNS.get(i)
              + " ('" + first.fields().get(col[i]) + "' on line " + first.line() + "), got '" + r.fields().get(col[i])
              + "'");
        }
      }
      String format = r.fields().get(col[3]).strip();
      if (format.isEmpty()) {
        throw new IllegalArgumentException(t.where(r, col[3]) + ": expected a format name, got an empty field");
      }
      OptionalDouble tokens = positive(t, r, col[8]);
      OptionalDouble dram = nonNegative(t, r, col[7]);
      OptionalDouble mj = nonNegative(t, r, col[9]);
      OptionalDouble area = nonNegative(t, r, col[10]);
      if (tokens.isPresent() != dram.isPresent() || tokens.isPresent() != mj.isPresent()) {
        throw new IllegalArgumentException(t.where(r, col[8]) + ": dram_MB_per_token, tokens_per_s and mJ_per_token"
            + " are all given (a simulated format) or all empty (one the units do not run)");
      }
      OptionalDouble projMs = positive(t, r, col[11]);
      OptionalDouble projDram = nonNegative(t, r, col[12]);
      OptionalDouble projMj = nonNegative(t, r, col[13]);
      if (projMs.isPresent() != projDram.isPresent() || projMs.isPresent() != projMj.isPresent()) {
        throw new IllegalArgumentException(t.where(r, col[11]) + ": projections_ms_per_token,"
            + " projections_dram_MB_per_token and projections_mJ_per_token are all given or all empty");
      }
      if (tokens.isPresent() && projMs.isEmpty()) {
        throw new IllegalArgumentException(t.where(r, col[11]) + ": a format with whole-token figures has projection"
            + " figures too, got an empty projections_ms_per_token");
      }
      rows.add(new FormatTable.Row(format, t.nonNegative(r, col[4]), t.nonNegative(r, col[5]),
          r.fields().get(col[6]), dram, tokens, mj, area, projMs, projDram, projMj, r.fields().get(col[14])));
    }
    return Optional.of(new FormatTable(first.fields().get(col[0]), first.fields().get(col[1]),
        first.fields().get(col[2]), rows));
  }

  private static OptionalDouble nonNegative(CsvTable t, CsvTable.Row r, int c) {
    OptionalDouble v = t.optionalNumber(r, c);
    if (v.isPresent() && v.getAsDouble() < 0) {
      throw new IllegalArgumentException(t.where(r, c) + ": expected a value >= 0, got " + r.fields().get(c));
    }
    return v;
  }

  private static OptionalDouble positive(CsvTable t, CsvTable.Row r, int c) {
    OptionalDouble v = t.optionalNumber(r, c);
    if (v.isPresent() && !(v.getAsDouble() > 0)) {
      throw new IllegalArgumentException(t.where(r, c) + ": expected a value > 0, got " + r.fields().get(c));
    }
    return v;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static String num(OptionalDouble v) {
    return v.isPresent() ? num(v.getAsDouble()) : "";
  }
}
