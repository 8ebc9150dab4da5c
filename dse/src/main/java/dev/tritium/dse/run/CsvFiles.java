package dev.tritium.dse.run;

import dev.tritium.dse.eval.ResultRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a whole CSV through a temporary file and an atomic rename, so a kill never leaves half a file. */
final class CsvFiles {

  private CsvFiles() {}

  static void writeAtomically(Path target, ResultsCsv layout, Iterable<ResultRow> rows) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(layout.headerLine());
      w.write('\n');
      for (ResultRow r : rows) {
        w.write(layout.line(r));
        w.write('\n');
      }
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
