package dev.tritium.cli;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.KvChoice;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.report.BaselineComparison;
import dev.tritium.mapper.report.Baselines;
import dev.tritium.mapper.report.ModelEnergy;
import dev.tritium.mapper.report.ModelEnergyReport;
import dev.tritium.mapper.report.ReportTables;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.unit.mac.WeightDatatype;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.CostTable;
import dev.tritium.simulator.energy.CostTables;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.cli.report.read.FormatsCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium compare}: a ternary design against an fp16 or int8 baseline of the same array, buffers and DRAM. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Simulate a model call (decode token or prefill) on a ternary MAC array and derive the same call"
        + " on an fp16/int8/int4 MAC array of the same size, buffers and DRAM; print side by side the matmul"
        + " arithmetic energy, memory energy by level, total energy, latency, area and model footprint, with"
        + " ratios. The energy tables are scaled to --node (default: the arch's node).")
public final class CompareCommand implements Callable<Integer> {

  @Option(names = "--model", defaultValue = "bitnet-b1.58-2b-4t", description = "preset or config.json (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--arch", defaultValue = ArchConfigs.DEFAULT_PRESET, description = "arch preset or YAML (default: ${DEFAULT-VALUE})")
  String arch;

  @Option(names = "--baseline", description = "baseline weight datatype: fp16, int8 or int4 (or use --formats)")
  String baseline;

  @Option(names = "--formats", paramLabel = "F1,F2,...", description = "weight formats side by side instead of a"
      + " baseline, e.g. bitnet-b1.58,bitnet-w1,onebit,pb-llm:salient=0.1,billm,ternaryllm:group=128: bits per weight"
      + " and footprint for each, and for the formats the units run, DRAM bytes, tokens/s, mJ/token and area")
  String formats;

  @Option(names = "--report", paramLabel = "DIR", description = "with --formats: also write DIR/formats.csv (the table,"
      + " units in its column names) and DIR/report.html (the table and one bar chart per simulated figure)")
  Path report;

  @Option(names = "--unit", defaultValue = "auto", description = "with --formats: the unit that runs the projections,"
      + " mac, lut or auto = the one whose decode is faster for each format (default: ${DEFAULT-VALUE})")
  String unit;

  @Option(names = "--node", description = "technology node in nm for energy and area (default: the arch's technology_node_nm)")
  Integer nodeNm;

  @Option(names = "--phase", defaultValue = "decode", description = "decode or prefill (default: ${DEFAULT-VALUE})")
  String phase;

  @Option(names = "--context", defaultValue = "1024", description = "cached tokens before the decode token (default: ${DEFAULT-VALUE}, as tritium estimate)")
  int context;

  @Option(names = "--tokens", defaultValue = "128", description = "prefill tokens (default: ${DEFAULT-VALUE})")
  int tokens;

  @Option(names = "--energy-preset", defaultValue = CostModel.DEFAULT_PRESET, description = "energy/area table preset: horowitz-45nm or bitnet-table2 (default: ${DEFAULT-VALUE})")
  String energyPreset;

  @Option(names = "--energy-table", description = "user energy/area table YAML, searched before the preset (repeatable)")
  List<Path> energyTables = new ArrayList<>();

  @CommandLine.Mixin
  KvFormatOption kv = new KvFormatOption();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if ((baseline == null) == (formats == null)) {
      throw new IllegalArgumentException("compare: give exactly one of --baseline (fp16, int8 or int4) and --formats");
    }
    if ("help".equals(formats)) {
      out.print(dev.tritium.models.format.FormatPresets.help());
      out.flush();
      return 0;
    }
    if (kv.help(out)) {
      return 0;
    }
    if (formats != null) {
      return compareFormats(out);
    }
    WeightDatatype dt = baselineDatatype(baseline);
    LayerShape shape = shape(phase, context, tokens);
    ModelConfig c = ModelConfigs.resolve(model);
    ArchConfig a = kv.apply(ArchConfigs.resolve(arch), new dev.tritium.models.format.BitNetB158());
    CostModel cost = costModel(energyPreset, energyTables, nodeNm == null ? a.technologyNodeNm() : nodeNm);
    ModelEnergy energy = new ModelEnergy(c, a, ComputeUnit.MAC, cost);
    long t0 = System.nanoTime();
    ModelEnergyReport ternary = energy.run(shape);
    BaselineComparison cmp = Baselines.compare(ternary, c, a,
        new ProjectionLowering(Machine.isaTarget(a), ComputeUnit.MAC), cost, dt);
    double wallMs = (System.nanoTime() - t0) / 1e6;
    out.printf(Locale.ROOT, "compare: model %s, %s, arch %s (%.0f MHz, %dx%d MAC array, %s DRAM %.1f GB/s)%n",
        c.name(), ternary.phase().equals("decode") ? "decode 1 token at context " + context
            : "prefill " + tokens + " tokens from an empty cache",
        a.name(), a.clockMhz(), a.macArray().rows(), a.macArray().cols(),
        a.dram().kind().name().toLowerCase(Locale.ROOT), a.dram().peakBandwidthGBps());
    out.println(cost.describe());
    out.printf(Locale.ROOT, "ternary design: %s weights, add/sub/skip into %d-bit accumulators (zero_skip %s); split %.4f"
        + " zero weights ASSUMED (%s)%n", ternary.footprint().projectionFormat(), a.macArray().accumulatorBits(),
        a.macArray().zeroSkip().name().toLowerCase(Locale.ROOT), ModelEstimator.DEFAULT_WEIGHT_MIX.zeroFraction(),
        ModelEstimator.DEFAULT_WEIGHT_MIX.basis());
    out.printf(Locale.ROOT, "%s: same array, buffers and DRAM; %s MACs; weight traffic scaled from the simulated"
        + " ternary run (the ISA packs ternary weights only); latency %s; ternary run needs DRAM at peak for"
        + " %.1f%% of its simulated time%n", dt.name().toLowerCase(Locale.ROOT),
        dt == WeightDatatype.FP16 ? "fp16 (fp16 mult + fp16 add)" : dt.name().toLowerCase(Locale.ROOT) + " x int8",
        cmp.baseline().latencyNote(), 100 * cmp.ternaryDramShare());
    out.println();
    out.print(ReportTables.comparison(cmp));
    if (dt == WeightDatatype.FP16) {
      out.println(paperConvention(cost));
    }
    out.printf(Locale.ROOT, "(simulated and priced in %.0f ms wall; area counts PEs, LUT-core adders, vector lanes and"
        + " SRAM buffers, not DMA/control/wiring)%n", wallMs);
    return 0;
  }

  private int compareFormats(PrintWriter out) throws IOException {
    List<dev.tritium.models.format.FormatPreset> list = FormatComparison.parseList(formats);
    if (report != null && java.nio.file.Files.exists(report) && !java.nio.file.Files.isDirectory(report)) {
      // Refused before the simulations, not after them.
      throw new IllegalArgumentException("--report: " + report + " exists and is not a directory (expected a directory,"
          + " or a path that does not exist yet)");
    }
    LayerShape shape = shape(phase, context, tokens);
    ModelConfig c = ModelConfigs.resolve(model);
    ArchConfig a = ArchConfigs.resolve(arch);
    KvChoice kvChoice = kv.choice();
    long t0 = System.nanoTime();
    List<FormatComparison.Row> rows = FormatComparison.rows(c, a, kvChoice, shape, list, FormatComparison.unit(unit));
    out.printf(Locale.ROOT, "compare formats: model %s, %s, arch %s (%.0f MHz, DRAM %.1f GB/s, KV cache %s); each"
        + " runnable format on %s%n", c.name(), shape.tokens() == 1 ? "decode 1 token at context " + context
            : "prefill " + tokens + " tokens", a.name(), a.clockMhz(), a.dram().peakBandwidthGBps(), kvChoice.text(),
        unit.equalsIgnoreCase("auto") ? "the unit whose decode is faster" : "the " + unit.toLowerCase(Locale.ROOT)
            + " unit");
    out.println("bits/w and footprint_MB: the format's own storage of the 7 projections (scales, masks and indices"
        + " included); stored_as: the packing the accelerator reads; energy priced with the default cost preset");
    FormatComparison.print(out, rows);
    out.println(FormatComparison.kvCaches(a, kvChoice, list));
    out.printf(Locale.ROOT, "(simulated in %.0f ms wall)%n", (System.nanoTime() - t0) / 1e6);
    if (report != null) {
      String workload = shape.tokens() == 1 ? "decode 1 token at context " + context : "prefill " + tokens + " tokens";
      Path written = FormatComparison.writeReport(report, c.name(), a.name(), workload, rows);
      out.println("wrote " + report.resolve(FormatsCsv.FILE) + " and " + written);
    }
    return 0;
  }

  /**
   * The BitNet papers' arithmetic convention, priced by the same cost model: one INT8 add per ternary weight
   * with no zero skip, against one FP16 add and one FP16 multiply per weight. Their 71.4x (Table 2 at 7 nm) is
   * this ratio; Tritium's own row above differs because it prices what the design does (adds and subtracts at
   * the accumulator's width, zero weights skipped or not, fp16 accumulation in the baseline).
   */
  static String paperConvention(CostModel cost) {
    double add8 = cost.energy().price(Action.intAdd(8)).pJ();
    double fpAdd = cost.energy().price(Action.fpAdd("fp16")).pJ();
    double fpMult = cost.energy().price(Action.fpMult("fp16")).pJ();
    return String.format(Locale.ROOT, "BitNet papers' convention (one INT8 add per ternary weight, no zero skip, vs"
        + " one FP16 add + one FP16 mult per weight), same cost model: (%s + %s pJ) / %s pJ = %.1fx per weight;"
        + " the BitLinear matmul row above is Tritium's accounting of what the design does (accumulator-width"
        + " add/sub, zero-weight handling, fp16 accumulation in the baseline)", plainPj(fpAdd), plainPj(fpMult),
        plainPj(add8), (fpAdd + fpMult) / add8);
  }

  private static String plainPj(double pj) {
    return String.format(Locale.ROOT, "%.4g", pj);
  }

  static WeightDatatype baselineDatatype(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "fp16" -> WeightDatatype.FP16;
      case "int8" -> WeightDatatype.INT8;
      case "int4" -> WeightDatatype.INT4;
      default -> throw new IllegalArgumentException("--baseline: expected fp16, int8 or int4, got '" + s + "'");
    };
  }

  static LayerShape shape(String phase, int context, int tokens) {
    return switch (phase.toLowerCase(Locale.ROOT)) {
      case "decode" -> {
        if (context < 0) {
          throw new IllegalArgumentException("--context: expected >= 0 cached tokens, got " + context);
        }
        yield LayerShape.decode(context);
      }
      case "prefill" -> {
        if (tokens < 1) {
          throw new IllegalArgumentException("--tokens: expected a positive token count, got " + tokens);
        }
        yield LayerShape.prefill(tokens);
      }
      default -> throw new IllegalArgumentException("--phase: expected decode or prefill, got '" + phase + "'");
    };
  }

  /** A cost preset at a node with user tables first. */
  static CostModel costModel(String preset, List<Path> userTables, int nodeNm) throws IOException {
    List<CostTable> user = new ArrayList<>();
    for (Path p : userTables) {
      user.add(CostTables.load(p));
    }
    try {
      return CostModel.preset(preset, nodeNm).withUserTables(user);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--node " + nodeNm + " / --energy-preset " + preset + ": " + e.getMessage(), e);
    }
  }
}
