package dev.tritium.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in headless Chromium (Debian's {@code chromium} package): a screenshot that must
 * not be blank, and the DOM as Chromium parsed it, which must hold every chart with its marks. Chromium
 * is required: without it this test fails and says how to install it.
 */
class ChromiumScreenshotTest {

  static final int WIDTH = 1400;
  static final int HEIGHT = 3000;
  static final long TIMEOUT_S = 60;

  @TempDir Path tmp;

  @Test
  void sweepReportRendersEveryChart() throws Exception {
    Path dir = Fixtures.copy("sweep", tmp.resolve("sweep"));
    Path html = ReportWriter.write(dir);
    String dom = chromium(List.of("--dump-dom", html.toUri().toString()));
    assertEquals(List.of(), ReportDomCheck.problems(dom, ReportDomCheck.SWEEP_FIXTURE, 4),
        "charts missing from the DOM Chromium rendered");
    assertTrue(dom.contains("Tritium sweep report: edge-small"), "page title rendered");

    Path png = tmp.resolve("report.png");
    chromium(List.of("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString()));
    assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot at " + png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    PixelStats s = PixelStats.of(image);
    // The charts put ink on well over 3% of the page; a blank or failed render is uniform.
    assertTrue(s.variance() > 200, "screenshot looks blank: luminance variance " + s.variance());
    assertTrue(s.inkFraction() > 0.03, "screenshot looks blank: " + s.inkFraction() + " of pixels not white");
  }

  @Test
  void singleDesignReportRendersWithoutParetoSection() throws Exception {
    Path html = ReportWriter.write(Fixtures.copy("design", tmp.resolve("design")));
    String dom = chromium(List.of("--dump-dom", html.toUri().toString()));
    Map<String, Integer> minimums = Map.of("roofline", 11, "layer-latency", 10, "energy-by-unit", 10,
        "energy-by-level", 10);
    assertEquals(List.of("table top-designs has -1 rows, expected at least 0"),
        ReportDomCheck.problems(dom, minimums, 0), "every chart present; no top-designs table for one design");
    assertTrue(dom.contains("id=\"pareto-missing\""));
  }

  @Test
  void blankImagesAreCaught() {
    BufferedImage white = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 50; x++) {
        white.setRGB(x, y, 0xffffff);
      }
    }
    assertEquals(0, PixelStats.of(white).variance(), 1e-9);
    assertEquals(0, PixelStats.of(white).inkFraction(), 0);
    white.setRGB(0, 0, 0);
    // One black pixel of 2000: mean 255 - 255/2000, variance = p(1-p) 255^2 with p = 1/2000.
    assertEquals(255.0 * 255 * (1 / 2000.0) * (1 - 1 / 2000.0), PixelStats.of(white).variance(), 1e-6);
    assertEquals(1 / 2000.0, PixelStats.of(white).inkFraction(), 1e-12);
  }

  /** Luminance variance and the share of pixels darker than near-white. */
  record PixelStats(double variance, double inkFraction) {

    static PixelStats of(BufferedImage img) {
      long n = (long) img.getWidth() * img.getHeight();
      double sum = 0;
      double sumSq = 0;
      long ink = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int rgb = img.getRGB(x, y);
          double l = 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
          sum += l;
          sumSq += l * l;
          if (l < 240) {
            ink++;
          }
        }
      }
      double mean = sum / n;
      return new PixelStats(Math.max(0, sumSq / n - mean * mean), (double) ink / n);
    }
  }

  /** Runs headless Chromium with the project's flags plus {@code args}; returns its stdout. */
  private String chromium(List<String> args) throws IOException, InterruptedException {
    String exe = findChromium(System.getenv(), new File("/usr/bin/chromium")).orElseGet(() -> fail("Chromium is not installed: the report screenshot test needs "
        + "headless Chromium. The README's test command, ./test, installs it; by hand: `apt-get install chromium` (Debian package chromium, /usr/bin/chromium)"
        + " or set CHROMIUM to its path."));
    List<String> cmd = new ArrayList<>(List.of(exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile")));
    cmd.addAll(args);
    Path stdout = Files.createTempFile(tmp, "chromium", ".out");
    Path stderr = Files.createTempFile(tmp, "chromium", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      // Debian's /usr/bin/chromium is a wrapper script: stop the browser processes under it too.
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("Chromium did not finish in " + TIMEOUT_S + " s: " + String.join(" ", cmd));
    }
    if (p.exitValue() != 0) {
      fail("Chromium exited with " + p.exitValue() + ": " + String.join(" ", cmd) + "\n"
          + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** $CHROMIUM, else the first chromium or chromium-browser on PATH, else {@code fallback}; empty if none. */
  static Optional<String> findChromium(Map<String, String> env, File fallback) {
    String given = env.get("CHROMIUM");
    if (given != null && !given.isBlank() && new File(given).canExecute()) {
      return Optional.of(given);
    }
    for (String d : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        File f = new File(d, name);
        if (!d.isEmpty() && f.canExecute()) {
          return Optional.of(f.getPath());
        }
      }
    }
    return fallback.canExecute() ? Optional.of(fallback.getPath()) : Optional.empty();
  }

  @Test
  void chromiumIsFoundOnThePathOrReportedMissing() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    File none = tmp.resolve("no-chromium").toFile();
    assertEquals(Optional.empty(), findChromium(Map.of("PATH", bin.toString()), none));
    Path fake = Files.writeString(bin.resolve("chromium"), "#!/bin/sh\n");
    assertTrue(fake.toFile().setExecutable(true));
    assertEquals(Optional.of(fake.toString()), findChromium(Map.of("PATH", "/nowhere" + File.pathSeparator + bin), none));
    assertEquals(Optional.of(fake.toString()), findChromium(Map.of("CHROMIUM", fake.toString()), none));
  }
}
