package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.Store;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.IsaSpec;
import dev.tritium.isa.encoding.ProgramBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every comparison of the accelerator's csim fails when something it should catch is wrong: a flipped
 * instruction bit, a flipped weight bit in DRAM, a dropped dependency token (a clear deadlock message,
 * never a hang), a step budget too small, a golden byte changed.
 */
class AcceleratorMutationTest {

  @TempDir static Path tmp;
  static Path dir;
  static ProgramImages program;

  @BeforeAll
  static void build() throws Exception {
    program = AcceleratorPrograms.bitLinear(AcceleratorCsimTest.ARCH, AcceleratorCsimTest.TOKENS,
        AcceleratorCsimTest.K, AcceleratorCsimTest.N, ComputeUnit.MAC, AcceleratorCsimTest.SEED);
    dir = AcceleratorCsimTest.export(tmp.resolve("bl"), program);
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), "the unmutated program must pass:\n" + r.output());
  }

  /** Runs the built accelerator on a program and DRAM image, then the comparison with the golden image. */
  private static AccelSim.Run run(byte[] programBin, byte[] dramIn, long steps) throws Exception {
    Files.write(dir.resolve("mutant.bin"), programBin);
    Files.write(dir.resolve("mutant_dram.bin"), dramIn);
    AccelSim.Run sim = AccelSim.run(dir, List.of("./accel_sim", "mutant.bin", "mutant_dram.bin", "mutant_out.bin",
        "mutant_counters.txt", Long.toString(steps)));
    if (sim.exitCode() != 0) {
      return sim;
    }
    AccelSim.Run cmp = AccelSim.run(dir, List.of("./compare", "mutant_out.bin", "data/dram_golden.bin"));
    return new AccelSim.Run(cmp.exitCode(), sim.output() + cmp.output());
  }

  private static int firstIndex(Class<? extends Instruction> kind, boolean pushNext) {
    List<Instruction> p = program.program();
    for (int i = 0; i < p.size(); i++) {
      if (kind.isInstance(p.get(i)) && (!pushNext || p.get(i).deps().pushNext())) {
        return i;
      }
    }
    throw new AssertionError("the program has no " + kind.getSimpleName());
  }

  private static byte[] flip(byte[] bytes, long bitOffset) {
    byte[] out = bytes.clone();
    out[(int) (bitOffset / 8)] ^= (byte) (1 << (bitOffset % 8));
    return out;
  }

  private static FieldSpec field(Opcode op, String name) {
    return IsaSpec.format(op).fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void unmutatedRunOfTheBuiltSimulatorPasses() throws Exception {
    AccelSim.Run r = run(program.programBinary(), program.dramIn(), AcceleratorProject.DEFAULT_STEP_BUDGET);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("PASS:"), r.output());
  }

  @Test
  void flippedInstructionBitFails() throws Exception {
    // Bit 2 of the first STORE's DRAM address: the output lands 4 bytes off.
    int store = firstIndex(Store.class, false);
    long bit = 8L * (ProgramBinary.HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * store)
        + field(Opcode.STORE, "dram_addr").offset() + 2;
    AccelSim.Run r = run(flip(program.programBinary(), bit), program.dramIn(), AcceleratorProject.DEFAULT_STEP_BUDGET);
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL:") && r.output().contains("first mismatch at byte offset"), r.output());
    ProgramImages.DramRange y = program.outputs().get(0);
    byte[] out = Files.readAllBytes(dir.resolve("mutant_out.bin"));
    assertFalse(Arrays.equals(out, (int) y.addr(), (int) (y.addr() + y.bytes()), program.dramGolden(),
        (int) y.addr(), (int) (y.addr() + y.bytes())), "the moved STORE left y as the golden image has it");
  }

  @Test
  void flippedWeightBitFails() throws Exception {
    // The lowest bit of the first packed weight byte. The input region is part of the compared image too, so
    // the test also requires the computed outputs to change (or the weight code to be rejected).
    long weights = program.inputs().get(0).addr();
    AccelSim.Run r = run(program.programBinary(), flip(program.dramIn(), 8 * weights),
        AcceleratorProject.DEFAULT_STEP_BUDGET);
    assertNotEquals(0, r.exitCode(), r.output());
    if (r.output().contains("accelerator finished")) {
      ProgramImages.DramRange y = program.outputs().get(0);
      byte[] out = Files.readAllBytes(dir.resolve("mutant_out.bin"));
      assertFalse(Arrays.equals(out, (int) y.addr(), (int) (y.addr() + y.bytes()), program.dramGolden(),
          (int) y.addr(), (int) (y.addr() + y.bytes())), "the flipped weight did not change y");
      assertTrue(r.output().contains("FAIL:"), r.output());
    } else {
      assertEquals(4, r.exitCode(), r.output());
      assertTrue(r.output().contains("not a valid code"), r.output());
    }
  }

  @Test
  void droppedTokenDeadlocksWithAClearMessage() throws Exception {
    // The first LOAD that signals compute no longer pushes its load->compute token.
    int load = firstIndex(Load.class, true);
    long bit = 8L * (ProgramBinary.HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * load)
        + IsaSpec.HEADER.stream().filter(f -> f.name().equals("push_next")).findFirst().orElseThrow().offset();
    AccelSim.Run r = run(flip(program.programBinary(), bit), program.dramIn(), AcceleratorProject.DEFAULT_STEP_BUDGET);
    assertEquals(5, r.exitCode(), r.output());
    assertTrue(r.output().matches("(?s).*FAIL: deadlock: .*compute #\\d+ \\S+.* waiting on load->compute token.*"),
        r.output());
  }

  @Test
  void tooSmallStepBudgetStopsTheRun() throws Exception {
    AccelSim.Run r = run(program.programBinary(), program.dramIn(), 3);
    assertEquals(5, r.exitCode(), r.output());
    assertTrue(r.output().contains("step budget of 3 scheduler rounds exhausted"), r.output());
  }

  @Test
  void changedGoldenByteFailsTheComparison() throws Exception {
    byte[] golden = program.dramGolden().clone();
    long at = program.outputs().get(0).addr() + 5;
    golden[(int) at] ^= 0x10;
    Files.write(dir.resolve("golden_mutant.bin"), golden);
    AccelSim.Run r = AccelSim.run(dir, List.of("./compare", "dram_out.bin", "golden_mutant.bin"));
    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("first mismatch at byte offset " + at), r.output());
  }
}
