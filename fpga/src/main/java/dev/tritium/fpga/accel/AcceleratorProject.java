package dev.tritium.fpga.accel;

import dev.tritium.common.io.OutputFiles;
import dev.tritium.simulator.fit.FpgaPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an accelerator export directory, all files or none: the generated C, the Makefile, run_hls.tcl,
 * a README and, with a program, data/program.bin, data/dram_in.bin and data/dram_golden.bin.
 */
public final class AcceleratorProject {

  /** Compiler flags of csim: strict C99, warnings as errors, no fused multiply-add (every fp32 op rounds as in Java). */
  public static final String CFLAGS = "-std=c99 -Wall -Wextra -Werror -pedantic";

  /** Scheduler rounds before csim gives up (a round runs at most one instruction per module). */
  public static final long DEFAULT_STEP_BUDGET = 100_000_000L;

  /** What was written. */
  public record Written(Path directory, List<String> files, int acceleratorLines) {}

  private AcceleratorProject() {}

  public static Written write(Path dir, AcceleratorConfig config, Optional<ProgramImages> program) throws IOException {
    FpgaPart part = config.part();
    Map<String, String> sources = AcceleratorEmitter.sources(config);
    int lines = AcceleratorEmitter.acceleratorLines(sources);
    Map<Path, byte[]> files = new LinkedHashMap<>();
    sources.forEach((name, text) -> files.put(dir.resolve(name), bytes(text)));
    files.put(dir.resolve("Makefile"), bytes(makefile(config, program.isPresent())));
    files.put(dir.resolve("run_hls.tcl"), bytes(tcl(config, part, program.isPresent())));
    files.put(dir.resolve("README.md"), bytes(readme(config, part, program, lines)));
    program.ifPresent(p -> {
      files.put(dir.resolve("data/program.bin"), p.programBinary());
      files.put(dir.resolve("data/dram_in.bin"), p.dramIn());
      files.put(dir.resolve("data/dram_golden.bin"), p.dramGolden());
    });
    Files.createDirectories(program.isPresent() ? dir.resolve("data") : dir);
    OutputFiles.writeAll(files);
    return new Written(dir, files.keySet().stream().map(f -> dir.relativize(f).toString()).toList(), lines);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String makefile(AcceleratorConfig c, boolean withProgram) {
    String csim = withProgram
        ? "csim: accel_sim compare\n"
          + "\t./accel_sim data/program.bin data/dram_in.bin dram_out.bin counters.txt $(STEPS)\n"
          + "\t./compare dram_out.bin data/dram_golden.bin\n\n"
        : "csim: accel_sim compare\n"
          + "\t@echo \"accel_sim built; this export carries no program: run ./accel_sim PROGRAM.bin DRAM_IN.bin"
          + " DRAM_OUT.bin\"\n\n";
    return "# Tritium accelerator for arch '" + c.archName() + "' (generated; see README.md).\n"
        + "# make csim: build the accelerator and its driver with gcc, run the program, compare the final DRAM\n"
        + "# image with the Java simulator's byte for byte. -ffp-contract=off: every fp32 op rounds as in Java.\n"
        + "CC = gcc\n"
        + "OPT = -O2\n"
        + "STEPS = " + DEFAULT_STEP_BUDGET + "\n"
        + "CFLAGS = " + CFLAGS + " $(OPT) -ffp-contract=off\n"
        + "LDLIBS = -lm\n\n"
        + ".PHONY: csim clean\n\n"
        + csim
        + "accel_sim: accel.c driver.c accel.h accel_config.h accel_isa_tables.h tritium_isa.h\n"
        + "\t$(CC) $(CFLAGS) -o $@ accel.c driver.c $(LDLIBS)\n\n"
        + "compare: compare.c\n"
        + "\t$(CC) $(CFLAGS) -o $@ compare.c\n\n"
        + "clean:\n"
        + "\trm -f accel_sim compare dram_out.bin counters.txt\n";
  }

  static String tcl(AcceleratorConfig c, FpgaPart part, boolean withProgram) {
    String args = withProgram ? " -argv \"data/program.bin data/dram_in.bin dram_out.bin counters.txt\"" : "";
    return "# Tritium accelerator for arch '" + c.archName() + "' on " + part.board() + " (generated).\n"
        + "# vitis_hls -f run_hls.tcl : C simulation, synthesis, C/RTL co-simulation, IP export.\n"
        + "open_project -reset tritium_accel\n"
        + "set_top " + AcceleratorEmitter.TOP + "\n"
        + "add_files accel.c -cflags \"-std=c99\"\n"
        + "add_files -tb driver.c -cflags \"-std=c99\"\n"
        + (withProgram ? "add_files -tb data\n" : "")
        + "open_solution -reset solution1 -flow_target vivado\n"
        + "set_part {" + part.partNumber() + "}\n"
        + String.format(Locale.ROOT, "create_clock -period %.3f -name default\n", 1000.0 / c.clockMhz())
        + (withProgram ? "csim_design" + args + "\n" : "")
        + "csynth_design\n"
        + (withProgram ? "cosim_design" + args + "\n" : "")
        + "export_design -format ip_catalog\n"
        + "exit\n";
  }

  static String readme(AcceleratorConfig c, FpgaPart part, Optional<ProgramImages> program, int lines) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tritium accelerator: arch ").append(c.archName()).append("\n\n")
        .append("HLS C99 of the whole accelerator, generated from the arch config by `tritium export-hls --accelerator`.\n")
        .append("It executes Tritium ISA binaries (the mapper's programs) with the Java functional simulator's\n")
        .append("semantics, bit for bit. The accelerator proper (accel.c and its four headers) is ").append(lines)
        .append(" lines.\n\n")
        .append("| file | contents |\n|---|---|\n")
        .append("| `accel_config.h` | every size from the arch: buffer bytes and partitions, MAC array, LUT core, lanes, queue depths, config tag |\n")
        .append("| `tritium_isa.h`, `accel_isa_tables.h` | field offsets, widths, enum codes, used bits per opcode: generated from the ISA spec |\n")
        .append("| `accel.h`, `accel.c` | fetch + decode + LOOP.GEMM expansion, load / compute / store modules, token FIFOs, MAC array, LUT core, vector unit, DMA; top function `accel_top` |\n")
        .append("| `driver.c` | host runtime: `accel_sim PROGRAM.bin DRAM_IN.bin DRAM_OUT.bin [COUNTERS.txt [STEP_BUDGET]]` |\n")
        .append("| `compare.c` | byte-for-byte comparison of two DRAM images (first mismatching offset) |\n")
        .append("| `Makefile` | `make csim` (gcc, `").append(CFLAGS).append(" -O2 -ffp-contract=off`) |\n")
        .append("| `run_hls.tcl` | Vitis HLS on ").append(part.board()).append(" (`").append(part.partNumber())
        .append("`): csim, csynth, cosim, IP export |\n\n");
    program.ifPresent(p -> sb.append("## Program\n\n").append(p.description()).append(": ")
        .append(p.program().size()).append(" instructions, ").append(p.dramIn().length)
        .append("-byte DRAM image (`data/`). `make csim` runs it and compares `dram_out.bin` with the Java\n")
        .append("simulator's `data/dram_golden.bin`; exit status 0 only when every byte is identical.\n\n"));
    sb.append("Exit status of `accel_sim`: 0 finished, 2 bad input file, 3 undefined instruction word, 4 execution\n")
        .append("error (operand outside its buffer, invalid weight code, unset register), 5 deadlock or step budget\n")
        .append("exhausted (the message names each module's head instruction and the token it waits for).\n\n")
        .append("Structure: fetch (decode checks, LOOP.GEMM expansion) feeds three command FIFOs of depth ")
        .append(AcceleratorConfig.COMMAND_QUEUE_DEPTH).append(";\nthe load, compute and store modules run them in ")
        .append("order and exchange dependency tokens through four FIFOs\n(load->compute, compute->load, ")
        .append("compute->store, store->compute). In C simulation the modules take turns in one\nloop; a turn ")
        .append("in which none can move is reported as a deadlock.\n\n")
        .append("Next, with Vitis HLS installed: `vitis_hls -f run_hls.tcl`. Synthesis of the dataflow region is ")
        .append("not yet\nverified: each module's step function has to become a free-running process over the ")
        .append("FIFOs.\n");
    return sb.toString();
  }
}
