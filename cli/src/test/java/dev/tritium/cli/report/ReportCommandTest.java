package dev.tritium.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.cli.TritiumCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = TritiumCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void writesReportHtmlIntoDir() throws IOException {
    Path d = Fixtures.copy("design", tmp.resolve("d"));
    Run r = run("report", d.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("wrote " + d.resolve("report.html") + System.lineSeparator(), r.out());
    assertTrue(Files.readString(d.resolve("report.html")).startsWith("<!DOCTYPE html>"));
  }

  @Test
  void noProfileLeavesASweepDirAsItIs() throws IOException {
    Path d = Fixtures.copy("sweep", tmp.resolve("s"));
    for (String f : java.util.List.of("design.json", "layers.csv", "energy.csv", "area.csv")) {
      Files.delete(d.resolve(f));
    }
    Run r = run("report", "--no-profile", d.toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(Files.exists(d.resolve("design.json")));
    assertTrue(Files.readString(d.resolve("report.html")).contains("DIR has no profile of the chosen design"));
  }

  @Test
  void badDirIsAOneLineUserError() throws IOException {
    Run r = run("report", tmp.toString());
    assertEquals(TritiumCommand.EXIT_USER_ERROR, r.exit());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("tritium: error: " + tmp + ": no report inputs"), r.err());
    Path d = Fixtures.copy("sweep", tmp.resolve("s"));
    Fixtures.edit(d.resolve("layers.csv"), "q_proj,2129920", "q_proj,x");
    r = run("report", d.toString());
    assertEquals(TritiumCommand.EXIT_USER_ERROR, r.exit());
    assertEquals("tritium: error: " + d.resolve("layers.csv") + ":2: column 'latency_ns': expected a number, got 'x'",
        r.err().strip());
  }
}
