package dev.tritium.cli.report.read;

import dev.tritium.cli.report.model.DesignInfo;
import dev.tritium.cli.report.model.DesignPoint;
import dev.tritium.cli.report.model.DesignProfile;
import dev.tritium.cli.report.model.FormatTable;
import dev.tritium.cli.report.model.ReportData;
import dev.tritium.cli.report.model.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
    Optional<FormatTable> formats = FormatsCsv.read(dir);
    if (sweep.isEmpty() && design.isEmpty() && formats.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no report inputs; expected " + SweepReader.RESULTS + " + "
          + SweepReader.SWEEP + " (tritium dse --out DIR), a design profile (" + DesignReader.DESIGN + ", "
          + DesignReader.LAYERS + ", " + DesignReader.ENERGY + "; see cli/README.md) and/or " + FormatsCsv.FILE
          + " (tritium compare --formats ... --report DIR)" + subdirHint(dir));
    }
    if (sweep.isPresent()) {
      Optional<DesignPoint> chosen = sweep.get().chosen();
      if (chosen.isEmpty()) {
        notes.add("No point of the sweep is ok: there is no chosen design and no Pareto front.");
      }
      if (design.isEmpty()) {
        notes.add("DIR has no profile of the chosen design (" + DesignReader.DESIGN + ", " + DesignReader.LAYERS
            + ", " + DesignReader.ENERGY + "): the roofline, per-layer latency and energy sections are empty.");
      } else {
        OptionalLong profiled = design.get().info().map(DesignInfo::pointId).orElse(OptionalLong.empty());
        if (chosen.isPresent() && profiled.isPresent() && profiled.getAsLong() != chosen.get().pointId()) {
          notes.add("The design profile in DIR is point " + profiled.getAsLong() + ", not the chosen point "
              + chosen.get().pointId() + ".");
        }
      }
    }
    return new ReportData(dir.toString(), sweep, design, formats, notes);
  }

  /** tritium estimate --report DIR with both phases writes DIR/decode and DIR/prefill: point there. */
  private static String subdirHint(Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
        if (Files.isRegularFile(p.resolve(SweepReader.RESULTS)) || Files.isRegularFile(p.resolve(DesignReader.DESIGN))
            || Files.isRegularFile(p.resolve(DesignReader.ENERGY))) {
          found.add(p.toString());
        }
      }
    }
    return found.isEmpty() ? "" : "; these subdirectories have some: " + String.join(", ", found);
  }
}
