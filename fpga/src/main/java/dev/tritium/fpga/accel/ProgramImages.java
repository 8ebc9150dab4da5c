package dev.tritium.fpga.accel;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.isa.validate.Validator;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.util.List;

/**
 * A program for the C accelerator with its data: program.bin (the ISA binary), dram_in.bin (a flat DRAM
 * image from address 0) and dram_golden.bin (the Java functional simulator's final DRAM image, same
 * length). The run starts from empty SRAM, as the hardware does after reset.
 *
 * @param description what the program computes, for the README and the command's output
 * @param program the instructions
 * @param programBinary their binary, tagged with the arch's config tag
 * @param dramIn the DRAM image before the run
 * @param dramGolden the DRAM image after the Java simulator ran the program
 * @param inputs DRAM ranges of named inputs (weights first where there are any)
 * @param outputs DRAM ranges the program's results occupy, each compared by the tests against the reference
 */
public record ProgramImages(String description, List<Instruction> program, byte[] programBinary, byte[] dramIn,
    byte[] dramGolden, List<DramRange> inputs, List<DramRange> outputs) {

  /** A named range of DRAM bytes. */
  public record DramRange(String name, long addr, long bytes) {}

  public ProgramImages {
    program = List.copyOf(program);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (dramIn.length != dramGolden.length) {
      throw new IllegalArgumentException("DRAM images differ in length: " + dramIn.length + " vs " + dramGolden.length);
    }
  }

  /** The largest flat DRAM image written (the simulator's own byte arrays are int-indexed). */
  public static final long MAX_DRAM_BYTES = 1L << 30;

  /**
   * Checks {@code program} against the arch's ISA target with the ISA validator (the rules `tritium validate` and
   * `simulate` apply, e.g. GEMM.SF only where the MAC array has fp32 adders), runs it on the Java functional
   * simulator from {@code dram} (fresh SRAM) and returns the before and after images over every page either holds.
   *
   * @throws IllegalArgumentException when the validator finds an error, the simulation fails or the image would
   *     exceed {@link #MAX_DRAM_BYTES}
   */
  public static ProgramImages simulate(String description, ArchConfig arch, List<Instruction> program, DramImage dram,
      List<DramRange> inputs, List<DramRange> outputs) {
    SimulationRunner runner = new SimulationRunner(arch);
    // One set of rules: the validator's, so the export refuses exactly what `tritium validate` refuses for this arch.
    Validator.validate(program, runner.target()).requireOk();
    byte[] binary = ProgramBinary.encode(program, runner.target());
    long before = dram.writtenExtentBytes();
    checkSize(before);
    byte[] in = dram.read(0, (int) before);
    MachineState state = new MachineState(runner.target(), dram);
    try {
      runner.functional(program, state);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the Java simulator rejected the program: " + e.getMessage(), e);
    }
    long after = Math.max(before, dram.writtenExtentBytes());
    checkSize(after);
    byte[] inPadded = new byte[(int) after];
    System.arraycopy(in, 0, inPadded, 0, in.length);
    return new ProgramImages(description, program, binary, inPadded, dram.read(0, (int) after), inputs, outputs);
  }

  private static void checkSize(long bytes) {
    if (bytes > MAX_DRAM_BYTES) {
      throw new IllegalArgumentException("the program's DRAM image spans " + bytes + " bytes, more than the "
          + MAX_DRAM_BYTES + " a flat dram_in.bin may hold");
    }
  }
}
