package dev.tritium.dse.run;

import dev.tritium.dse.eval.ResultRow;
import java.io.IOException;
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
    if (!Files.exists(csv)) {
      return empty();
    }
    String text = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    int torn = text.length() - (end + 1);
    if (end < 0) {
      return new FinishedRows(new TreeMap<>(), torn); // not even a whole header yet
    }
    String[] lines = text.substring(0, end).split("\n", -1);
    if (!lines[0].equals(layout.headerLine())) {
      throw new IllegalArgumentException(csv + ":1: header does not match this sweep's columns (expected "
          + layout.headerLine() + "); was the sweep file changed? Use a new --out directory");
    }
    SortedMap<Long, ResultRow> rows = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      ResultRow r = layout.parse(lines[i], csv + ":" + (i + 1));
      ResultRow before = rows.putIfAbsent(r.pointId(), r);
      if (before != null && !before.equals(r)) {
        throw new IllegalArgumentException(csv + ":" + (i + 1) + ": point " + r.pointId()
            + " appears twice with different results");
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
