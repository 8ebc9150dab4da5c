package dev.tritium.cli.report.read;

import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.ReportData;
import dev.tritium.cli.report.model.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a report DIR: a sweep (tritium dse), a design profile, or both. */
public final class ReportReader {

  private ReportReader() {}

  public static ReportData read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a directory (expected the --out DIR of tritium dse, or a "
          + "design profile directory)");
    }
    List<String> notes = new ArrayList<>();
    Optional<SweepResults> sweep = SweepReader.read(dir, notes);
    Optional<DesignProfile> design = DesignReader.read(dir, notes);
    if (sweep.isEmpty() && design.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no report inputs; expected " + SweepReader.RESULTS + " + "
          + SweepReader.SWEEP + " (tritium dse --out DIR) and/or " + DesignReader.DESIGN + " + " + DesignReader.LAYERS
          + " (a design profile, see cli/README.md)");
    }
    if (sweep.isPresent()) {
      Optional<DesignPoint> chosen = sweep.get().chosen();
      if (chosen.isEmpty()) {
        notes.add("No point of the sweep is ok: there is no chosen design and no Pareto front.");
      }
      if (design.isEmpty()) {
        notes.add("DIR has no profile of the chosen design (" + DesignReader.DESIGN + " + " + DesignReader.LAYERS
            + "): the roofline, per-layer latency and energy sections are empty.");
      } else if (chosen.isPresent() && design.get().info().pointId().isPresent()
          && design.get().info().pointId().getAsLong() != chosen.get().pointId()) {
        notes.add("The design profile in DIR is point " + design.get().info().pointId().getAsLong()
            + ", not the chosen point " + chosen.get().pointId() + ".");
      }
    }
    return new ReportData(dir.toString(), sweep, design, notes);
  }
}
