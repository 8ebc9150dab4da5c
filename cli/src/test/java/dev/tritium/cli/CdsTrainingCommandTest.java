package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CdsTrainingCommandTest {

  /** The training runs the whole small scalesim command (a failure would leave the launcher without an archive). */
  @Test
  void runsTheSmallScaleSimLayerAndLeavesNothingBehind() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = trainingDirs(tmp);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TritiumCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute("cds-training"), err.toString());
    assertEquals("", out.toString());
    assertEquals(before, trainingDirs(tmp));
  }

  private static List<Path> trainingDirs(Path tmp) throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("tritium-cds-training")).sorted()
          .collect(Collectors.toList());
    }
  }
}
