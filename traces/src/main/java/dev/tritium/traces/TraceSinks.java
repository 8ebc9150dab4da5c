package dev.tritium.traces;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Factories for trace sinks. Tracing is off unless a caller asks for a file. */
public final class TraceSinks {

  private TraceSinks() {}

  /** Tracing off (the default). */
  public static TraceSink none() {
    return NullTraceSink.INSTANCE;
  }

  /**
   * Opens a sink chosen by the file extension: {@code .csv} for CSV, {@code .json} for Chrome/Perfetto
   * trace JSON.
   *
   * @throws IllegalArgumentException for any other extension, naming the file and the accepted ones
   */
  public static TraceSink open(Path path, double clockMhz, String processName) throws IOException {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return new CsvTraceSink(path);
    }
    if (name.endsWith(".json")) {
      return new ChromeTraceSink(path, clockMhz, processName);
    }
    throw new IllegalArgumentException(
        path + ": unknown trace format; expected a file name ending in .csv or .json (Perfetto)");
  }

  /** Sends every event to all given sinks (e.g. CSV and JSON at once); closes them all. */
  public static TraceSink teeOf(List<TraceSink> sinks) {
    List<TraceSink> copy = List.copyOf(sinks);
    return new TraceSink() {
      @Override
      public void emit(TraceEvent event) {
        for (TraceSink s : copy) {
          s.emit(event);
        }
      }

      @Override
      public boolean enabled() {
        return copy.stream().anyMatch(TraceSink::enabled);
      }

      @Override
      public void close() {
        RuntimeException first = null;
        for (TraceSink s : copy) {
          try {
            s.close();
          } catch (RuntimeException ex) {
            if (first == null) {
              first = ex;
            } else {
              first.addSuppressed(ex);
            }
          }
        }
        if (first != null) {
          throw first;
        }
      }
    };
  }
}
