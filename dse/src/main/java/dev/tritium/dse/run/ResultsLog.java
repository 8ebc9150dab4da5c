package dev.tritium.dse.run;

import dev.tritium.dse.eval.ResultRow;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends finished rows to results.csv as they arrive, one line each, flushed to the operating system
 * per row: a killed JVM loses no finished row (at worst the line being written, which resume drops).
 * Thread-safe.
 */
final class ResultsLog implements Closeable {

  private final ResultsCsv layout;
  private final BufferedWriter out;

  /** Opens {@code csv} for appending; writes the header when the file is new or empty. */
  ResultsLog(Path csv, ResultsCsv layout) throws IOException {
    this.layout = layout;
    boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
    this.out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    if (fresh) {
      out.write(layout.headerLine());
      out.write('\n');
      out.flush();
    }
  }

  synchronized void append(ResultRow row) {
    try {
      out.write(layout.line(row));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to results.csv", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
