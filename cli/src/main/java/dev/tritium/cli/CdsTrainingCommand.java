package dev.tritium.cli;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.scalesim.ScaleSimLayer;
import dev.tritium.simulator.scalesim.ScaleSimModel;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.cli.bench.SmallScaleSimLayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Hidden: the workload the launcher runs once after each build under {@code -XX:ArchiveClassesAtExit}, so
 * that the class-data-sharing archive holds the classes every start needs: the whole command-line model (all
 * subcommands' options), the arch reader with a preset, the SCALE-Sim closed forms and one small {@code scalesim}
 * run ({@link SmallScaleSimLayer}). Later starts map
 * those classes from the archive instead of loading and verifying them from the jar.
 */
@Command(name = "cds-training", hidden = true, description = "Load the classes a typical start needs (launcher use).")
public final class CdsTrainingCommand implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    TritiumCommand.commandLine().usage(new PrintWriter(new StringWriter()));
    ArchConfig arch = ArchConfigs.preset(ArchConfigs.DEFAULT_PRESET);
    ScaleSimModel.layer(0, ScaleSimLayer.gemm("training", 8, 64, 64), arch.macArray().rows(), arch.macArray().cols(),
        Dataflow.WS);
    // The whole scalesim command once (readers, buffer models, report writers): loading those classes from the
    // jar instead of the archive made a small scalesim start about a third slower.
    Path dir = Files.createTempDirectory("tritium-cds-training");
    try {
      List<String> args = new ArrayList<>(List.of("scalesim"));
      args.addAll(SmallScaleSimLayer.arguments(dir));
      CommandLine cl = TritiumCommand.commandLine();
      cl.setOut(new PrintWriter(new StringWriter()));
      cl.setErr(new PrintWriter(new StringWriter()));
      return cl.execute(args.toArray(new String[0]));
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }
}
