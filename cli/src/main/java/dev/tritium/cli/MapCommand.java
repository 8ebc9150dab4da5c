package dev.tritium.cli;


import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.mapper.registry.LayerMappers;
import dev.tritium.mapper.run.LayerRequest;
import dev.tritium.mapper.run.MapOutcome;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code tritium map}: compile one layer, print its mapping and its simulated cycles. */
@Command(name = "map", mixinStandardHelpOptions = true,
    description = "Map one layer onto the accelerator (tiling search by --objective), simulate it timing-only and"
        + " print the mapping (loop nest per storage level), cycles, latency and utilization.")
public final class MapCommand implements Callable<Integer> {

  @Mixin LayerOptions options;

  @Option(names = "--layer", defaultValue = "q_proj",
      description = "q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, or another registered layer"
          + " (default: ${DEFAULT-VALUE})")
  String layer;

  @Option(names = "--emit", description = "write the program as assembly to this file")
  Path emit;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (options.formatHelp(out)) {
      return 0;
    }
    LayerRequest r = options.request(layer);
    MapOutcome o = LayerMappers.resolve(layer).map(r);
    out.print(o.text());
    out.printf(Locale.ROOT, "cycles %d, latency %.2f us, utilization %.1f%%%n", o.cycles(), o.latencyUs(),
        100 * o.utilization());
    if (emit != null) {
      try {
        Files.writeString(emit, Disassembler.toText(o.program()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException(emit + ": cannot write the program: " + e.getMessage(), e);
      }
      out.println("wrote " + o.program().size() + " instructions to " + emit);
    }
    return 0;
  }

  /** Options shared by {@code tritium map} and {@code tritium crosscheck} (a picocli mixin). */
  public static final class LayerOptions {

    @Option(names = "--model", defaultValue = "bitnet-b1.58-2b-4t",
        description = "model preset, config.json or .gguf (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--arch", defaultValue = ArchConfigs.DEFAULT_PRESET,
        description = "arch preset or YAML file (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--phase", defaultValue = "decode", description = "decode or prefill (default: ${DEFAULT-VALUE})")
    String phase;

    @Option(names = "--tokens", description = "tokens M (default: 1 for decode, 128 for prefill)")
    Integer tokens;

    @Option(names = "--context", defaultValue = "1024", description = "cached tokens L (default: ${DEFAULT-VALUE})")
    int context;

    @Option(names = "--unit", description = "mac or lut (default: the search picks among both)")
    String unit;

    @Option(names = "--objective", defaultValue = "cycles",
        description = "mapping objective: cycles, energy or edp (default: ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--seed", defaultValue = "1", description = "seed of weights and inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    WeightFormatOption weights = new WeightFormatOption();

    @Option(names = "--reduce", defaultValue = "1",
        description = "divide every model dimension by this, e.g. 16 (default: ${DEFAULT-VALUE}, full size)")
    int reduce;

    @Mixin
    KvFormatOption kv = new KvFormatOption();

    /** {@code --format help} or {@code --kv-format help}: lists the formats; true when it did. */
    boolean formatHelp(PrintWriter out) {
      if (kv.help(out)) {
        return true;
      }
      return weights.help(out);
    }

    /** The request for one layer name. */
    LayerRequest request(String layer) throws IOException {
      boolean prefill = switch (phase.toLowerCase(Locale.ROOT)) {
        case "decode" -> false;
        case "prefill" -> true;
        default -> throw new IllegalArgumentException("--phase: expected decode or prefill, got '" + phase + "'");
      };
      int m = tokens != null ? tokens : prefill ? 128 : 1;
      if (!prefill && m != 1) {
        throw new IllegalArgumentException("--tokens: decode runs one token, got " + m + " (use --phase prefill)");
      }
      FormatPreset format = weights.preset();
      return new LayerRequest(ModelConfigs.resolve(model), kv.apply(ArchConfigs.resolve(arch), format), layer, prefill,
          m, context, units(), Objective.parse(objective.toLowerCase(Locale.ROOT)), seed, reduce, format);
    }

    private Set<ComputeUnit> units() {
      if (unit == null) {
        return EnumSet.allOf(ComputeUnit.class);
      }
      return switch (unit.toLowerCase(Locale.ROOT)) {
        case "mac" -> EnumSet.of(ComputeUnit.MAC);
        case "lut" -> EnumSet.of(ComputeUnit.LUT);
        default -> throw new IllegalArgumentException("--unit: expected mac or lut, got '" + unit + "'");
      };
    }
  }
}
