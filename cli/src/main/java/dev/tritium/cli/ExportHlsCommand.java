package dev.tritium.cli;

import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.fpga.accel.AcceleratorConfig;
import dev.tritium.fpga.accel.AcceleratorProject;
import dev.tritium.fpga.accel.ProgramImages;
import dev.tritium.fpga.accel.ProgramSource;
import dev.tritium.fpga.hls.ExportLayer;
import dev.tritium.fpga.hls.ExportRequest;
import dev.tritium.fpga.hls.HlsExporter;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.tritium.models.format.BitNetB158;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tritium export-hls}: HLS-ready C, testbench and golden data for one layer of a design. */
@Command(
    name = "export-hls",
    mixinStandardHelpOptions = true,
    header = "Export one layer of a design, or the whole accelerator, as HLS-ready C99 checked by gcc.",
    description = {
        "Export one layer of a design as HLS-ready C99 for Vitis HLS: kernel.c/kernel.h (sizes and parallelism",
        "from the arch config), tb.c with golden data from the Java reference engine, a Makefile whose csim",
        "target builds with gcc and compares bit for bit, run_hls.tcl and a README. See fpga/README.md.",
        "With --accelerator: the whole accelerator the arch describes, executing Tritium ISA binaries (fetch,",
        "decode, load/compute/store modules on dependency-token FIFOs, MAC array, LUT core, vector unit, DMA)",
        "and a C driver; with --program P.bin [--dram D.bin] or --layer bitlinear|decoder|model also the",
        "program, its DRAM image and the Java simulator's final DRAM image, which make csim compares byte for byte."})
public final class ExportHlsCommand implements Callable<Integer> {

  @Option(names = "--arch", paramLabel = "NAME|FILE", defaultValue = ArchConfigs.DEFAULT_PRESET,
      description = "Arch preset name or YAML file (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "bitnet-b1.58-2b-4t",
      description = "Model preset, config.json or .gguf (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--layer", paramLabel = "LAYER",
      description = "q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, or decoder (the FFN block). "
          + "With --accelerator: bitlinear (the model's q_proj), decoder (one layer, attention and KV cache "
          + "included) or model (--layers chained layers decoding one token).")
  String layer;

  @Option(names = "--accelerator", description = "Export the whole accelerator (see the description).")
  boolean accelerator;

  @Option(names = "--program", paramLabel = "P.bin",
      description = "With --accelerator: a Tritium ISA binary for this arch to run in csim.")
  Path program;

  @Option(names = "--dram", paramLabel = "D.bin",
      description = "With --program: the DRAM image the program starts from, read from address 0 (default: zeros).")
  Path dram;

  @Option(names = "--context", paramLabel = "C", defaultValue = "16",
      description = "With --accelerator --layer decoder|model: positions already in the KV cache (default: "
          + "${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--prefill", paramLabel = "M",
      description = "With --accelerator --layer decoder|model: prefill M tokens from position 0 instead of decoding"
          + " one token at --context.")
  Integer prefill;

  @Option(names = "--layers", paramLabel = "N", defaultValue = "2",
      description = "With --accelerator --layer model: chained decoder layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--unit", paramLabel = "mac|lut",
      description = "Compute unit: the ternary MAC array or the LUT core (default: the mapper's choice).")
  String unit;

  @Option(names = "--packing", paramLabel = "NAME",
      description = "Weight layout for the MAC array: 2bit, base3, or sign-bits for binary weights (default: the "
          + "mapper's choice). The LUT core reads its own layout.")
  String packing;

  @Mixin
  WeightFormatOption format = new WeightFormatOption();

  @Option(names = "--seed", defaultValue = "1", description = "Seed of inputs and weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale-down", paramLabel = "F", defaultValue = "1",
      description = "Divide every model dimension by F for a quick csim (default: ${DEFAULT-VALUE}).")
  int scaleDown;

  @Option(names = "--tokens", paramLabel = "M", defaultValue = "2",
      description = "Tokens per call (default: ${DEFAULT-VALUE}).")
  int tokens;

  @Option(names = "--part", paramLabel = "kv260|zcu104|u280", defaultValue = "kv260",
      description = "FPGA part for run_hls.tcl (default: ${DEFAULT-VALUE}).")
  String part;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--csim", description = "Also run `make csim` in DIR (needs gcc and make); exit 1 on FAIL.")
  boolean csim;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter o = spec.commandLine().getOut();
    if (format.help(o)) {
      return 0;
    }
    if (accelerator) {
      if (!(format.preset() instanceof BitNetB158) && !"bitlinear".equals(layer)) {
        throw new IllegalArgumentException("--format " + format.preset().name() + " with --accelerator: the accelerator"
            + " export builds decoder and model programs in bitnet-b1.58, and --layer bitlinear in any format the"
            + " units run; export another program with --program P.bin, or one layer's kernel with --layer q_proj"
            + " ... --format " + format.preset().name());
      }
      return exportAccelerator(o);
    }
    if (program != null || dram != null) {
      throw new IllegalArgumentException((program != null ? "--program" : "--dram") + " needs --accelerator");
    }
    if (layer == null) {
      throw new IllegalArgumentException("--layer is required: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, "
          + "down_proj or decoder (or use --accelerator)");
    }
    ExportRequest request = new ExportRequest(ArchConfigs.resolve(arch), ModelConfigs.resolve(model),
        ExportLayer.parse(layer), unit == null ? null : parseUnit(unit), packing == null ? null : parsePacking(packing),
        seed, scaleDown, tokens, FpgaPart.byName(part), format.preset());
    HlsExporter.ExportResult r = HlsExporter.export(request, out);
    o.println("exported " + r.description());
    o.println("  datapath " + r.plan().summary());
    o.println("  " + r.files().size() + " files in " + r.directory());
    return csim(o, r.directory());
  }

  private int exportAccelerator(PrintWriter o) throws IOException, InterruptedException {
    ArchConfig archConfig = ArchConfigs.resolve(arch);
    Optional<ProgramSource> source = programSource();
    if (packing != null) {
      throw new IllegalArgumentException("--packing applies to the layer export; with --accelerator the mapper "
          + "chooses the packing of each program");
    }
    if (source.isEmpty() && csim) {
      throw new IllegalArgumentException("--csim needs a program: add --program P.bin or --layer bitlinear|decoder|model");
    }
    Optional<ProgramImages> images = source.map(s -> s.images(archConfig));
    AcceleratorProject.Written w = AcceleratorProject.write(out, AcceleratorConfig.of(archConfig,
        FpgaPart.byName(part)), images);
    o.println("exported the accelerator of arch " + archConfig.name() + ": " + w.acceleratorLines()
        + " lines (the four modules, their helpers and headers)");
    images.ifPresent(p -> o.println("  program: " + p.description() + ", " + p.program().size() + " instructions, "
        + p.dramIn().length + "-byte DRAM image"));
    o.println("  " + w.files().size() + " files in " + w.directory());
    return csim(o, w.directory());
  }

  /** The program of an accelerator export, from --program or --layer; none when neither is given. */
  private Optional<ProgramSource> programSource() throws IOException {
    if (dram != null && program == null) {
      throw new IllegalArgumentException("--dram needs --program");
    }
    if (program != null && layer != null) {
      throw new IllegalArgumentException("--program and --layer both name the program; give one");
    }
    if (program != null) {
      return Optional.of(new ProgramSource.Binary(program, Optional.ofNullable(dram)));
    }
    if (layer == null) {
      return Optional.empty();
    }
    ComputeUnit u = unit == null ? ComputeUnit.MAC : parseUnit(unit);
    if (!List.of("bitlinear", "decoder", "model").contains(layer)) {
      throw new IllegalArgumentException("--layer '" + layer + "' with --accelerator: expected bitlinear, decoder or"
          + " model");
    }
    ModelConfig m = ModelConfigs.resolve(model);
    return Optional.of(switch (layer) {
      case "bitlinear" -> new ProgramSource.BitLinear(m, scaleDown, tokens, u, seed, format.preset());
      case "decoder" -> new ProgramSource.Decoder(m, scaleDown, context, prefillTokens(), 1, u, seed);
      case "model" -> new ProgramSource.Decoder(m, scaleDown, context, prefillTokens(), layers, u, seed);
      default -> throw new IllegalArgumentException("--layer '" + layer + "' with --accelerator: expected bitlinear, "
          + "decoder or model");
    });
  }

  /** --prefill M (0 when absent: decode); 0 given is a mistake, not a request to decode. */
  private int prefillTokens() {
    if (prefill == null) {
      return 0;
    }
    if (prefill < 1) {
      throw new IllegalArgumentException("--prefill " + prefill + ": expected at least 1 token");
    }
    return prefill;
  }

  private int csim(PrintWriter o, Path directory) throws IOException, InterruptedException {
    if (!csim) {
      o.println("  run: make -C " + directory + " csim");
      return 0;
    }
    Process p;
    try {
      p = new ProcessBuilder("make", "-C", directory.toString(), "csim").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("--csim: cannot run make (" + e.getMessage() + "); install gcc and make", e);
    }
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    o.print(text);
    o.flush();
    return p.waitFor() == 0 ? 0 : TritiumCommand.EXIT_CHECK_FAILED;
  }

  static ComputeUnit parseUnit(String s) {
    for (ComputeUnit u : ComputeUnit.values()) {
      if (u.name().equalsIgnoreCase(s)) {
        return u;
      }
    }
    throw new IllegalArgumentException("--unit '" + s + "': expected mac or lut");
  }

  static Packing parsePacking(String s) {
    for (Packing p : Packing.values()) {
      if (p.modelsName().equals(s.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("--packing '" + s + "': expected one of "
        + Arrays.stream(Packing.values()).map(Packing::modelsName).collect(Collectors.joining(", ")));
  }
}
