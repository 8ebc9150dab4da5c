package dev.tritium.traces;

import java.io.Closeable;
import java.io.UncheckedIOException;

/**
 * Receives trace events as the simulator produces them. Implementations stream to disk and never keep
 * all events in memory. Producers should check {@link #enabled()} before building events, so that a
 * disabled trace costs nothing.
 */
public interface TraceSink extends Closeable {

  /**
   * Records one event.
   *
   * @throws UncheckedIOException if writing fails
   */
  void emit(TraceEvent event);

  /** False for the null sink: producers can skip building events entirely. */
  default boolean enabled() {
    return true;
  }

  /** Flushes and closes the output; further {@link #emit} calls fail. Closing twice is harmless. */
  @Override
  void close();
}
