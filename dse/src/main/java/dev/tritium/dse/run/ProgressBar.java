package dev.tritium.dse.run;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: bar, done/total, percent, points per second over this run and the
 * ETA, redrawn in place at most five times a second. Silent unless enabled (stderr is a terminal, or
 * {@code --progress}). Thread-safe.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_NS = 200_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final long total;
  private final long startDone;
  private final long startNs;
  private long done;
  private long lastDrawNs;

  ProgressBar(PrintWriter err, boolean enabled, long total, long alreadyDone) {
    this.err = err;
    this.enabled = enabled;
    this.total = total;
    this.startDone = alreadyDone;
    this.done = alreadyDone;
    this.startNs = System.nanoTime();
    this.lastDrawNs = startNs - REDRAW_NS;
  }

  /**
   * Whether stderr is a terminal (Linux: fd 2 links to a tty or pty), or the session is interactive
   * (the {@code tritium} launcher filters stderr through a pipe, but then stdin and stdout are the
   * terminal); false when unknown.
   */
  static boolean stderrIsTerminal() {
    if (System.console() != null) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }

  synchronized void advance() {
    done++;
    long now = System.nanoTime();
    if (enabled && (now - lastDrawNs >= REDRAW_NS || done == total)) {
      lastDrawNs = now;
      err.print("\r" + line(now));
      err.flush();
    }
  }

  synchronized void finish() {
    if (enabled) {
      err.print("\r" + line(System.nanoTime()) + "\n");
      err.flush();
    }
  }

  String line(long nowNs) {
    double seconds = Math.max(1e-9, (nowNs - startNs) / 1e9);
    double rate = (done - startDone) / seconds;
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    String eta = rate > 0 ? clock((total - done) / rate) : "--:--";
    return String.format(Locale.ROOT, "[%s] %d/%d (%.1f%%) %.1f points/s ETA %s ", bar, done, total,
        total == 0 ? 100.0 : 100.0 * done / total, rate, eta);
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
