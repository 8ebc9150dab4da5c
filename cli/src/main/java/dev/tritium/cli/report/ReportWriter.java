package dev.tritium.cli.report;

import dev.tritium.cli.report.model.ReportData;
import dev.tritium.cli.report.model.SweepResults;
import dev.tritium.cli.report.profile.ChosenPointProfile;
import dev.tritium.cli.report.read.DesignReader;
import dev.tritium.cli.report.read.ReportReader;
import dev.tritium.cli.report.read.SweepReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a report DIR and writes DIR/report.html (the one entry point other commands need). */
public final class ReportWriter {

  public static final String REPORT = "report.html";

  private ReportWriter() {}

  /** Writes {@code dir/report.html} from the files in DIR as they are; returns its path. */
  public static Path write(Path dir) throws IOException {
    return render(dir, ReportReader.read(dir), List.of());
  }

  /**
   * Like {@link #write(Path)}, but first profiles the chosen design of a sweep DIR that has no design
   * profile yet ({@link ChosenPointProfile}: a few seconds of mapping and timing simulation), so the
   * roofline, latency and energy sections are filled. A design that cannot be profiled is reported on
   * the page and on {@code log}; the report is still written.
   */
  public static Path writeProfilingChosen(Path dir, PrintWriter log) throws IOException {
    List<String> notes = new ArrayList<>();
    if (!Files.isRegularFile(dir.resolve(DesignReader.DESIGN))) {
      Optional<SweepResults> sweep = Files.isDirectory(dir) ? SweepReader.read(dir, new ArrayList<>())
          : Optional.empty();
      if (sweep.isPresent() && sweep.get().chosen().isPresent()) {
        long id = sweep.get().chosen().get().pointId();
        long t0 = System.nanoTime();
        try {
          ChosenPointProfile.write(dir, sweep.get());
          log.printf(Locale.ROOT, "profiled the chosen design (point %d) in %.1f s%n", id, (System.nanoTime() - t0) / 1e9);
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
          String why = "The chosen design (point " + id + ") could not be profiled: " + e.getMessage();
          log.println("warning: " + why);
          notes.add(why);
        }
      }
    }
    return render(dir, ReportReader.read(dir), notes);
  }

  private static Path render(Path dir, ReportData data, List<String> extraNotes) throws IOException {
    List<String> notes = new ArrayList<>(extraNotes);
    notes.addAll(data.notes());
    ReportData all = new ReportData(data.source(), data.sweep(), data.design(), data.formats(), notes);
    Path out = dir.resolve(REPORT);
    Files.writeString(out, ReportPage.render(all), StandardCharsets.UTF_8);
    return out;
  }
}
