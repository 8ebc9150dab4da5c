package dev.tritium.fpga.accel;

import dev.tritium.common.io.OutputFiles;
import dev.tritium.simulator.fit.ControlStructure;
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

  /** The synthesizable sources: the four modules and the helpers they link. */
  static final String ACCEL_SOURCES = "fetch.c load.c compute.c store.c " + AcceleratorEmitter.UTIL;

  /** Every header the sources include. */
  static final String HEADERS = "accel.h accel_util.h accel_modules.h accel_config.h accel_isa_tables.h tritium_isa.h";

  static String makefile(AcceleratorConfig c, boolean withProgram) {
    String csim = withProgram
        ? "csim: accel_sim compare\n"
          + "\t./accel_sim data/program.bin data/dram_in.bin dram_out.bin counters.txt $(STEPS)\n"
          + "\t./compare dram_out.bin data/dram_golden.bin\n\n"
        : "csim: accel_sim compare\n"
          + "\t@echo \"accel_sim built; this export carries no program: run ./accel_sim PROGRAM.bin DRAM_IN.bin"
          + " DRAM_OUT.bin\"\n\n";
    return "# Tritium accelerator for arch '" + c.archName() + "' (generated; see README.md).\n"
        + "# make csim: build the four modules, the simulation top and the driver with gcc, run the program, compare\n"
        + "# the final DRAM image with the Java simulator's byte for byte. -ffp-contract=off: every fp32 op rounds as\n"
        + "# in Java. make modules: compile each module on its own (one object per translation unit).\n"
        + "CC = gcc\n"
        + "OPT = -O2\n"
        + "STEPS = " + DEFAULT_STEP_BUDGET + "\n"
        + "CFLAGS = " + CFLAGS + " $(OPT) -ffp-contract=off\n"
        + "LDLIBS = -lm\n"
        + "ACCEL_SRC = " + ACCEL_SOURCES + "\n"
        + "HEADERS = " + HEADERS + "\n\n"
        + ".PHONY: csim modules clean\n\n"
        + csim
        + "accel_sim: $(ACCEL_SRC) accel_sim.c driver.c $(HEADERS)\n"
        + "\t$(CC) $(CFLAGS) -o $@ accel_sim.c $(ACCEL_SRC) driver.c $(LDLIBS)\n\n"
        + "modules: $(ACCEL_SRC:.c=.o)\n\n"
        + "%.o: %.c $(HEADERS)\n"
        + "\t$(CC) $(CFLAGS) -c $<\n\n"
        + "compare: compare.c\n"
        + "\t$(CC) $(CFLAGS) -o $@ compare.c\n\n"
        + "clean:\n"
        + "\trm -f accel_sim compare *.o dram_out.bin counters.txt\n";
  }

  /**
   * Vitis HLS as VTA's hls.tcl runs it: C simulation through the simulation top with driver.c as the testbench,
   * then (with a program to run) that top synthesised as one sequential IP and C/RTL co-simulated on the same
   * program, then each module synthesised as its own top function in its own project and exported as its own IP.
   */
  static String tcl(AcceleratorConfig c, FpgaPart part, boolean withProgram) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tritium accelerator for arch '").append(c.archName()).append("' on ").append(part.board())
        .append(" (generated).\n")
        .append("# vitis_hls -f run_hls.tcl : ")
        .append(withProgram ? "C simulation through the simulation top (accel_sim.c, driver.c), C/RTL\n"
            + "# co-simulation of that top as one sequential IP on the same program, then " : "")
        .append("each module synthesised\n# as its own top function and exported as its own IP (one project per module).\n")
        .append("set part {").append(part.partNumber()).append("}\n")
        .append(String.format(Locale.ROOT, "set period %.3f\n", 1000.0 / c.clockMhz()))
        .append("set cflags \"-std=c99\"\n\n");
    if (withProgram) {
      sb.append("open_project -reset tritium_csim\n")
          .append("set_top ").append(AcceleratorEmitter.TOP).append('\n')
          .append("add_files {").append(ACCEL_SOURCES).append(" accel_sim.c} -cflags $cflags\n")
          .append("add_files -tb driver.c -cflags $cflags\n")
          .append("add_files -tb data\n")
          .append("open_solution -reset solution1 -flow_target vivado\n")
          .append("set_part $part\n")
          .append("create_clock -period $period -name default\n")
          .append("csim_design -argv \"data/program.bin data/dram_in.bin dram_out.bin counters.txt\"\n")
          .append("csynth_design\n")
          .append("cosim_design -argv \"data/program.bin data/dram_in.bin dram_out.bin counters.txt\"\n")
          .append("close_project\n\n");
    }
    sb.append("foreach module {").append(String.join(" ", AcceleratorEmitter.MODULES)).append("} {\n")
        .append("  open_project -reset tritium_$module\n")
        .append("  set_top accel_$module\n")
        .append("  add_files [list $module.c ").append(AcceleratorEmitter.UTIL).append("] -cflags $cflags\n")
        .append("  open_solution -reset solution1 -flow_target vivado\n")
        .append("  set_part $part\n")
        .append("  create_clock -period $period -name default\n")
        .append("  csynth_design\n")
        .append("  export_design -format ip_catalog\n")
        .append("  close_project\n")
        .append("}\n")
        .append("exit\n");
    return sb.toString();
  }

  static String readme(AcceleratorConfig c, FpgaPart part, Optional<ProgramImages> program, int lines) {
    int depth = AcceleratorConfig.COMMAND_QUEUE_DEPTH;
    int entryBits = ControlStructure.DEFAULT.commandEntryBits();
    StringBuilder sb = new StringBuilder();
    sb.append("# Tritium accelerator: arch ").append(c.archName()).append("\n\n")
        .append("HLS C99 of the whole accelerator, generated from the arch config by `tritium export-hls --accelerator`.\n")
        .append("It executes Tritium ISA binaries (the mapper's programs) with the Java functional simulator's\n")
        .append("semantics, bit for bit. The accelerator proper (the four modules, their helpers and the headers) is ")
        .append(lines).append(" lines.\n\n")
        .append("| file | contents |\n|---|---|\n")
        .append("| `accel_config.h` | every size from the arch: buffer bytes and partitions, MAC array, LUT core, lanes, queue depths, config tag |\n")
        .append("| `tritium_isa.h`, `accel_isa_tables.h` | field offsets, widths, enum codes, used bits per opcode: generated from the ISA spec |\n")
        .append("| `accel_util.h`, `accel_util.c` | port types (command, handshake, status) and pure helpers (field access, packings, operand checks); no variable |\n")
        .append("| `accel_modules.h` | the four modules' top functions and ports |\n")
        .append("| `fetch.c` | top `accel_fetch`: fetch, decode checks, LOOP.GEMM expansion, dispatch into three command FIFOs |\n")
        .append("| `load.c` | top `accel_load`: one LOAD per call, DRAM to a buffer |\n")
        .append("| `compute.c` | top `accel_compute`: CFG registers, MAC array (GEMM.T, GEMM.I8, GEMM.SF and GEMM.Q2 on its fp32 adders), LUT core, vector unit (VEC, GEMM.F16, GEMM.SP), FINISH |\n")
        .append("| `store.c` | top `accel_store`: one STORE per call, a buffer to DRAM |\n")
        .append("| `accel.h`, `accel_sim.c` | `accel_top`: owns the FIFOs, token counters and buffers and schedules the modules (the csim top, and the one sequential IP that C/RTL co-simulation runs) |\n")
        .append("| `driver.c` | host runtime: `accel_sim PROGRAM.bin DRAM_IN.bin DRAM_OUT.bin [COUNTERS.txt [STEP_BUDGET]]` |\n")
        .append("| `compare.c` | byte-for-byte comparison of two DRAM images (first mismatching offset) |\n")
        .append("| `Makefile` | `make csim` (gcc, `").append(CFLAGS).append(" -O2 -ffp-contract=off`); `make modules`: one object per module |\n")
        .append("| `run_hls.tcl` | Vitis HLS on ").append(part.board()).append(" (`").append(part.partNumber())
        .append("`): ").append(program.isPresent() ? "csim, csynth and C/RTL co-simulation of `accel_top` on the program, then " : "")
        .append("csynth and IP export of each module |\n\n");
    program.ifPresent(p -> sb.append("## Program\n\n").append(p.description()).append(": ")
        .append(p.program().size()).append(" instructions, ").append(p.dramIn().length)
        .append("-byte DRAM image (`data/`). `make csim` runs it and compares `dram_out.bin` with the Java\n")
        .append("simulator's `data/dram_golden.bin`; exit status 0 only when every byte is identical.\n\n"));
    sb.append("Exit status of `accel_sim`: 0 finished, 2 bad input file, 3 undefined instruction word, 4 execution\n")
        .append("error (operand outside its buffer, invalid weight code, unset register), 5 deadlock or step budget\n")
        .append("exhausted (the message names each module's head instruction and the token it waits for).\n\n")
        .append("## Structure\n\n")
        .append("Four modules, each its own translation unit and HLS top function (its own IP); they share no variable.\n")
        .append("Each execution module takes one command per call, runs it when the tokens it pops are ready, and reports\n")
        .append("the tokens it popped and pushed; each reports its own status register. In C simulation `accel_top`\n")
        .append("(`accel_sim.c`) plays the block design: it owns the FIFOs, counters and buffers, calls fetch, then load,\n")
        .append("compute and store each when its head command's tokens are ready, and reports a round in which nothing\n")
        .append("moves as a deadlock.\n\n")
        .append("## Block design (to build in Vivado around the four IPs)\n\n")
        .append("| connection | from | to | depth / capacity |\n|---|---|---|---|\n");
    for (String q : List.of("load", "compute", "store")) {
      sb.append("| ").append(q).append(" command FIFO (").append(entryBits).append("-bit `accel_cmd_t`) | `accel_fetch.")
          .append(q).append("_cmd` (axis) | `accel_").append(q).append(".cmd` (axis) | ").append(depth)
          .append(" commands; its full_n drives bit ").append(List.of("load", "compute", "store").indexOf(q))
          .append(" of `accel_fetch.cmd_room` |\n");
    }
    String[][] tokens = {
        {"load->compute", "`accel_load.handshake.push_next`", "`accel_compute.handshake.pop_prev`", "`accel_compute.tokens_ready` bit 0"},
        {"compute->load", "`accel_compute.handshake.push_prev`", "`accel_load.handshake.pop_next`", "`accel_load.tokens_ready` bit 1"},
        {"compute->store", "`accel_compute.handshake.push_next`", "`accel_store.handshake.pop_prev`", "`accel_store.tokens_ready` bit 0"},
        {"store->compute", "`accel_store.handshake.push_prev`", "`accel_compute.handshake.pop_next`", "`accel_compute.tokens_ready` bit 1"}};
    for (String[] t : tokens) {
      sb.append("| ").append(t[0]).append(" token counter (increment / decrement; not empty drives ").append(t[3])
          .append(") | ").append(t[1]).append(" | ").append(t[2]).append(" | ")
          .append(AcceleratorConfig.TOKEN_QUEUE_DEPTH).append(" tokens |\n");
    }
    sb.append("\nDepths and capacities are `simulator.fit.ControlStructure`'s, the control `fpga-fit` prices.\n")
        .append("Shared buffers: each of WGT, ACT, ACC, LUT and VEC is one memory outside the IPs, connected to the\n")
        .append("`<buffer>_mem` BRAM port of `accel_load` (writes), `accel_compute` (reads and writes) and `accel_store`\n")
        .append("(reads): port A to compute, port B to load and store through a two-master arbiter (the ISA lets LOAD\n")
        .append("and STORE name any buffer).\n\n")
        .append("| buffer | bytes | memory arrays (partitions) | storage |\n|---|---|---|---|\n");
    for (dev.tritium.isa.Buffer b : dev.tritium.isa.Buffer.values()) {
      sb.append("| ").append(b.name()).append(" | ").append(c.bytes(b)).append(" | ").append(c.partitions(b))
          .append(" | `").append(c.storage(b)).append("` |\n");
    }
    sb.append("\nNext, with Vitis HLS installed: `vitis_hls -f run_hls.tcl` synthesises and exports the four IPs; then\n")
        .append("build the block design above in Vivado. ASSUMED, not verified here (no Vitis on the build machines):\n")
        .append("that Vitis accepts the C99 interface pragmas as written (axis on a struct pointer, ap_vld on the\n")
        .append("handshake, bram with storage_type on the buffer ports, bind_storage on a port), and the arbiter on each\n")
        .append("buffer's port B, and that `accel_top` synthesises as one sequential IP for co-simulation (its messages are\n")
        .append("compiled out under `__SYNTHESIS__`; the step budget bounds its loop).\n");
    return sb.toString();
  }
}
