package dev.tritium.cli.report;

import dev.tritium.cli.report.model.ReportData;
import dev.tritium.cli.report.read.ReportReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a report DIR and writes DIR/report.html (the one entry point other commands need). */
public final class ReportWriter {

  public static final String REPORT = "report.html";

  private ReportWriter() {}

  /** Writes {@code dir/report.html}; returns its path. */
  public static Path write(Path dir) throws IOException {
    ReportData data = ReportReader.read(dir);
    Path out = dir.resolve(REPORT);
    Files.writeString(out, ReportPage.render(data), StandardCharsets.UTF_8);
    return out;
  }
}
