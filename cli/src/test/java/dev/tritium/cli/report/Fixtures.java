package dev.tritium.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The report fixture DIRs under src/test/resources/report: {@code sweep} (a real tritium dse output of
 * examples/sweep-small.yaml plus a synthetic profile of its chosen point 11) and {@code design} (the same
 * synthetic profile as a single design, energy.csv without a memory_level column).
 */
public final class Fixtures {

  private Fixtures() {}

  /** Copies fixture {@code name} into {@code target} (created) and returns it. */
  public static Path copy(String name, Path target) throws IOException {
    Path source;
    try {
      source = Path.of(Fixtures.class.getResource("/report/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      files.forEach(f -> {
        try {
          Files.copy(f, target.resolve(f.getFileName().toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return target;
  }

  /** Replaces the first occurrence of {@code from} in {@code file} (which must contain it). */
  public static void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    int i = s.indexOf(from);
    if (i < 0) {
      throw new IllegalStateException(file + " does not contain '" + from + "'");
    }
    Files.writeString(file, s.substring(0, i) + to + s.substring(i + from.length()), StandardCharsets.UTF_8);
  }
}
