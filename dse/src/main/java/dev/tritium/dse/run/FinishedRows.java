package dev.tritium.dse.run;

import dev.tritium.dse.eval.ResultRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows already in a results.csv, by point id, as resume reads them: complete lines only (a last line
 * without its line end was torn by a kill and is dropped), the header must be this sweep's, every row
 * must be a row of this sweep, and a point twice is allowed only as the identical row.
 */
public final class FinishedRows {

  private final SortedMap<Long, ResultRow> rows;
  private final int tornBytes;

  private FinishedRows(SortedMap<Long, ResultRow> rows, int tornBytes) {
    this.rows = rows;
    this.tornBytes = tornBytes;
  }

  public static FinishedRows empty() {
    return new FinishedRows(new TreeMap<>(), 0);
  }

  /**
   * Reads {@code csv}; a missing or empty file gives no rows.
   *
   * @throws IllegalArgumentException naming the file and line when it is not this sweep's results
   */
  public static FinishedRows read(Path csv, ResultsCsv layout) throws IOException {
    if (!Files.exists(csv) || Files.size(csv) == 0) {
      return empty();
    }
    boolean endsClean;
    try (RandomAccessFile f = new RandomAccessFile(csv.toFile(), "r")) {
      f.seek(f.length() - 1);
      endsClean = f.read() == '\n';
    }
    SortedMap<Long, ResultRow> rows = new TreeMap<>();
    int torn = 0;
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      String next = in.readLine();
      if (next == null && !endsClean) {
        return new FinishedRows(rows, line.length()); // not even a whole header yet
      }
      if (!line.equals(layout.headerLine())) {
        throw new IllegalArgumentException(csv + ":1: header does not match this sweep's columns (expected "
            + layout.headerLine() + "); was the sweep file changed? Use a new --out directory");
      }
      for (int lineNo = 2; next != null; lineNo++) {
        line = next;
        next = in.readLine();
        if (next == null && !endsClean) {
          torn = line.length(); // the line a kill interrupted: dropped, its point is evaluated again
          break;
        }
        ResultRow r = layout.parse(line, csv + ":" + lineNo);
        ResultRow before = rows.putIfAbsent(r.pointId(), r);
        if (before != null && !before.equals(r)) {
          throw new IllegalArgumentException(csv + ":" + lineNo + ": point " + r.pointId()
              + " appears twice with different results");
        }
      }
    }
    return new FinishedRows(rows, torn);
  }

  public boolean contains(long id) {
    return rows.containsKey(id);
  }

  public int size() {
    return rows.size();
  }

  /** Rows in point-id order. */
  public Collection<ResultRow> sorted() {
    return Collections.unmodifiableCollection(rows.values());
  }

  /** Characters of a torn last line that were dropped (0 when the file ended cleanly). */
  public int tornBytes() {
    return tornBytes;
  }
}
