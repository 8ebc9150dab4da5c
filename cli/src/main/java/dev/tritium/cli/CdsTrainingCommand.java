package dev.tritium.cli;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.scalesim.ScaleSimLayer;
import dev.tritium.simulator.scalesim.ScaleSimModel;
import dev.tritium.simulator.unit.mac.Dataflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the workload the launcher runs once after each build under {@code -XX:ArchiveClassesAtExit}, so
 * that the class-data-sharing archive holds the classes every start needs: the whole command-line model (all
 * subcommands' options), the arch reader with a preset, and the SCALE-Sim closed forms. Later starts map
 * those classes from the archive instead of loading and verifying them from the jar.
 */
@Command(name = "cds-training", hidden = true, description = "Load the classes a typical start needs (launcher use).")
public final class CdsTrainingCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    TritiumCommand.commandLine().usage(new PrintWriter(new StringWriter()));
    ArchConfig arch = ArchConfigs.preset(ArchConfigs.DEFAULT_PRESET);
    ScaleSimModel.layer(0, ScaleSimLayer.gemm("training", 8, 64, 64), arch.macArray().rows(), arch.macArray().cols(),
        Dataflow.WS);
    return 0;
  }
}
