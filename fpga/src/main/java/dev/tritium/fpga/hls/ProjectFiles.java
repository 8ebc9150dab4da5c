package dev.tritium.fpga.hls;

import java.util.Locale;

/** The Makefile, the Vitis HLS script and the README of an exported directory. */
final class ProjectFiles {

  /** Compiler flags of the csim target (the tests build with exactly these). */
  static final String CFLAGS = "-std=c99 -Wall -Wextra -Werror -pedantic";

  private ProjectFiles() {}

  static String makefile(String banner) {
    return "# " + banner + "\n"
        + "# make csim: build the kernel and testbench with gcc and compare with the Java reference's golden data.\n"
        + "# -ffp-contract=off: no fused multiply-add, so every fp32 operation rounds as in Java.\n"
        + "CC = gcc\n"
        + "OPT = -O2\n"
        + "CFLAGS = " + CFLAGS + " $(OPT) -ffp-contract=off\n"
        + "LDLIBS = -lm\n\n"
        + ".PHONY: csim clean\n\n"
        + "csim: tb\n"
        + "\t./tb data\n\n"
        + "tb: kernel.c tb.c kernel.h\n"
        + "\t$(CC) $(CFLAGS) -o $@ kernel.c tb.c $(LDLIBS)\n\n"
        + "clean:\n"
        + "\trm -f tb\n";
  }

  static String tcl(String banner, String top, String partNumber, double clockMhz) {
    double periodNs = 1000.0 / clockMhz;
    return "# " + banner + "\n"
        + "# Vitis HLS: vitis_hls -f run_hls.tcl   (C simulation, synthesis, C/RTL co-simulation, IP export)\n"
        + "open_project -reset tritium_hls\n"
        + "set_top " + top + "\n"
        + "add_files kernel.c -cflags \"-std=c99\"\n"
        + "add_files -tb tb.c -cflags \"-std=c99\"\n"
        + "add_files -tb data\n"
        + "open_solution -reset solution1 -flow_target vivado\n"
        + "set_part {" + partNumber + "}\n"
        + String.format(Locale.ROOT, "create_clock -period %.3f -name default\n", periodNs)
        + "csim_design -argv \"data\"\n"
        + "csynth_design\n"
        + "cosim_design -argv \"data\"\n"
        + "export_design -format ip_catalog\n"
        + "exit\n";
  }
}
