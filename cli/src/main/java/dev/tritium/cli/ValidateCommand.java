package dev.tritium.cli;

import dev.tritium.mapper.validate.PublishedDesign;
import dev.tritium.mapper.validate.PublishedDesigns;
import dev.tritium.mapper.validate.Validation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium validate}: published accelerators against Tritium's predictions of them. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Compare Tritium's predictions with the published figures of real accelerators.",
    description = {
        "For each published design (an arch preset whose every parameter cites the paper or its released code, or",
        "says ASSUMED and why): the published figures with their sources (decode tokens/s, time to first token, LM",
        "head, power, FPGA resources), Tritium's prediction and the % error; each modelled feature of the design",
        "toggled to the template default, with the predictions that gives; and the features the template cannot",
        "express, with their computed effect on the decode time. Nothing is fitted to the published figures."})
public final class ValidateCommand implements Callable<Integer> {

  @Option(names = "--design", paramLabel = "NAME",
      description = "One published design (default: all of them: ${COMPLETION-CANDIDATES}).",
      completionCandidates = Designs.class)
  String design;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The design names, for the help text. */
  static final class Designs implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return PublishedDesigns.names().iterator();
    }
  }

  @Override
  public Integer call() {
    List<PublishedDesign> designs = design == null ? PublishedDesigns.all() : List.of(PublishedDesigns.byName(design));
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < designs.size(); i++) {
      if (i > 0) {
        out.println();
      }
      out.print(new Validation(designs.get(i)).run().render());
      out.flush();
    }
    return 0;
  }
}
