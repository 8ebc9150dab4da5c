package dev.tritium.traces;

/** The default sink: tracing off. Drops everything and reports {@link #enabled()} false. */
public final class NullTraceSink implements TraceSink {

  /** The single instance. */
  public static final NullTraceSink INSTANCE = new NullTraceSink();

  private NullTraceSink() {}

  @Override
  public void emit(TraceEvent event) {
    // Tracing is off: nothing to do.
  }

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public void close() {
    // Nothing open.
  }
}
