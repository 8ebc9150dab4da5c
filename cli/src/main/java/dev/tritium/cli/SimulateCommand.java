package dev.tritium.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tritium.common.io.InputFiles;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Engine;
import dev.tritium.simulator.engine.EngineOptions;
import dev.tritium.simulator.engine.FunctionalValueSemantics;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.engine.ValueSemantics;
import dev.tritium.simulator.functional.ActionCounters;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.traces.TraceSink;
import dev.tritium.traces.TraceSinks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium simulate}: runs an ISA program on an arch config and prints per-unit stats. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    header = "Run an ISA program (.asm or .bin) on an arch: cycle-approximate timing, optional values.",
    description = {
        "Run an assembled (.asm) or binary (.bin) ISA program on an accelerator arch config:",
        "event-driven, cycle-approximate timing with functional execution (values and action counts),",
        "or timing only. Prints per-unit cycle accounting, buffer traffic, DRAM and queue-overlap counters",
        "(every counter is documented in simulator/README.md)."})
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--arch", paramLabel = "NAME|FILE", defaultValue = ArchConfigs.DEFAULT_PRESET,
      description = "Arch preset name or YAML file (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--program", required = true, paramLabel = "P.asm|P.bin",
      description = "Program: text assembly, or a binary (its config tag must match the arch).")
  Path program;

  @Option(names = "--timing-only", description = "Skip values (faster; no action counts).")
  boolean timingOnly;

  @Option(names = "--force-serial", description = "Debug: each instruction waits for the previous one.")
  boolean forceSerial;

  @Option(names = "--queue-depth", paramLabel = "N", defaultValue = "" + EngineOptions.DEFAULT_QUEUE_CAPACITY,
      description = "Instructions each queue holds (default: ${DEFAULT-VALUE}).")
  int queueDepth;

  @Option(names = "--max-cycles", paramLabel = "N", defaultValue = "1000000000000",
      description = "Stop with an error once simulated time passes N cycles (default: ${DEFAULT-VALUE}).")
  long maxCycles;

  @Option(names = "--trace-csv", paramLabel = "F", description = "Write per-instruction/per-DMA trace CSV.")
  Path traceCsv;

  @Option(names = "--trace-json", paramLabel = "F", description = "Write a Chrome/Perfetto trace JSON.")
  Path traceJson;

  @Option(names = "--stats-json", paramLabel = "F",
      description = "Also write every counter as JSON (field names as in simulator/README.md).")
  Path statsJson;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Wall time between progress lines of a long run (the first comes after this long). */
  static final long PROGRESS_INTERVAL_NS = 3_000_000_000L;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ArchConfig config = ArchConfigs.resolve(arch);
    IsaTarget target = Machine.isaTarget(config);
    List<Instruction> instructions = readProgram(program, target);
    ValidationReport report = Validator.validate(instructions, target);
    report.warnings().forEach(w -> out.println("warning: " + w));
    if (!report.ok()) {
      throw new IllegalArgumentException(program + ": " + rejected(report));
    }
    if (queueDepth < 1) {
      throw new IllegalArgumentException("--queue-depth must be >= 1, got " + queueDepth);
    }
    ActionCounters counters = new ActionCounters();
    ValueSemantics values = ValueSemantics.NONE;
    if (!timingOnly) {
      values = FunctionalValueSemantics.functional(new MachineState(target), counters);
    }
    long startNs = System.nanoTime();
    SimulationStats stats;
    try (TraceSink trace = openTraces(config)) {
      if (maxCycles < 1) {
        throw new IllegalArgumentException("--max-cycles must be >= 1, got " + maxCycles);
      }
      EngineOptions options = new EngineOptions(forceSerial, queueDepth, values, trace).withMaxCycles(maxCycles);
      long expanded = report.expandedInstructions();
      java.io.PrintWriter errOut = spec.commandLine().getErr();
      // Runs longer than a few seconds print a progress line to stderr every few seconds (stdout stays the report).
      stats = new Engine(Machine.of(config), options).onProgress((cycle, dispatched) -> {
        errOut.printf(Locale.ROOT, "simulate: cycle %,d, %,d of %,d instructions dispatched (%.1f%%), %.0f s%n",
            cycle, dispatched, expanded, 100.0 * dispatched / Math.max(1, expanded),
            (System.nanoTime() - startNs) / 1e9);
        errOut.flush();
      }, PROGRESS_INTERVAL_NS).run(instructions);
    }
    double wallMs = (System.nanoTime() - startNs) / 1e6;
    if (statsJson != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(statsJson.toFile(), stats);
    }
    out.printf(Locale.ROOT, "arch %s, program %s: %d instructions (%d after LOOP.GEMM expansion), %s%n",
        config.name(), program, instructions.size(), report.expandedInstructions(),
        timingOnly ? "timing only" : "timing + functional");
    out.print(stats.render());
    if (!timingOnly) {
      ActionCounts counts = counters.snapshot();
      out.printf(Locale.ROOT, "functional: mac_array %s; lut %s; int8_macs %d%n", counts.macArray(),
          counts.lut(), counts.int8Macs());
    }
    out.printf(Locale.ROOT, "wall %.1f ms (%.3g simulated cycles per wall second)%n", wallMs,
        stats.totalCycles() / (wallMs / 1000.0));
    out.flush();
    return 0;
  }

  private static String rejected(ValidationReport report) {
    StringBuilder sb = new StringBuilder("program rejected by the validator (" + report.errors().size() + " error(s))");
    report.errors().stream().limit(10).forEach(f -> sb.append("; ").append(f));
    return sb.toString();
  }

  private static List<Instruction> readProgram(Path file, IsaTarget target) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": --program: no such file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".bin")) {
      return ProgramBinary.decode(InputFiles.bytes(file, "an ISA program binary", ProgramBinary.MAX_BYTES), target);
    }
    return Assembler.assemble(file);
  }

  private TraceSink openTraces(ArchConfig config) throws IOException {
    List<TraceSink> sinks = new ArrayList<>();
    String process = "tritium " + config.name();
    if (traceCsv != null) {
      sinks.add(TraceSinks.open(requireExtension(traceCsv, ".csv", "--trace-csv"), config.clockMhz(), process));
    }
    if (traceJson != null) {
      sinks.add(TraceSinks.open(requireExtension(traceJson, ".json", "--trace-json"), config.clockMhz(), process));
    }
    return sinks.isEmpty() ? TraceSinks.none() : TraceSinks.teeOf(sinks);
  }

  private static Path requireExtension(Path p, String ext, String option) {
    if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)) {
      throw new IllegalArgumentException(option + " " + p + ": expected a file name ending in " + ext);
    }
    return p;
  }
}
