package dev.tritium.cli.report.read;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, read whole, with error messages that name the file, line and column.
 * Fields are RFC 4180 (Apache Commons CSV's default format), which is what every Tritium CSV writer uses.
 */
public final class CsvTable {

  /** One data row and its line number in the file (1-based, header is line 1). */
  public record Row(long line, List<String> fields) {

    public Row {
      fields = List.copyOf(fields);
    }
  }

  private final String file;
  private final List<String> header;
  private final List<Row> rows;

  private CsvTable(String file, List<String> header, List<Row> rows) {
    this.file = file;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
  }

  public static CsvTable read(Path path) throws IOException {
    String file = path.toString();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(in, CSVFormat.DEFAULT)) {
      List<String> header = null;
      List<Row> rows = new ArrayList<>();
      for (CSVRecord r : p) {
        long line = p.getCurrentLineNumber();
        if (header == null) {
          header = r.toList();
          continue;
        }
        if (r.size() == 1 && r.get(0).isEmpty()) {
          continue; // blank line
        }
        if (r.size() != header.size()) {
          throw new IllegalArgumentException(file + ":" + line + ": expected " + header.size() + " fields ("
              + String.join(",", header) + "), got " + r.size());
        }
        rows.add(new Row(line, r.toList()));
      }
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty file, expected a header row");
      }
      return new CsvTable(file, header, rows);
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": not a CSV file (" + e.getMessage() + ")", e);
    }
  }

  public String file() {
    return file;
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }

  /** Index of a required column. */
  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(file + ": missing column '" + name + "' (header: " + String.join(",", header)
          + ")");
    }
    return i;
  }

  public OptionalInt optionalColumn(String name) {
    int i = header.indexOf(name);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** A finite number in a required field. */
  public double number(Row row, int column) {
    OptionalDouble v = optionalNumber(row, column);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(where(row, column) + ": expected a number, got an empty field");
    }
    return v.getAsDouble();
  }

  /** A finite number >= 0 in a required field. */
  public double nonNegative(Row row, int column) {
    double v = number(row, column);
    if (v < 0) {
      throw new IllegalArgumentException(where(row, column) + ": expected a value >= 0, got " + row.fields().get(column));
    }
    return v;
  }

  /** A finite number, or empty for an empty field. */
  public OptionalDouble optionalNumber(Row row, int column) {
    String s = row.fields().get(column).strip();
    if (s.isEmpty()) {
      return OptionalDouble.empty();
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where(row, column) + ": expected a number, got '" + s + "'", e);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(where(row, column) + ": expected a finite number, got '" + s + "'");
    }
    return OptionalDouble.of(v);
  }

  /** "file:line: column 'name'" for messages. */
  public String where(Row row, int column) {
    return file + ":" + row.line() + ": column '" + header.get(column) + "'";
  }
}
