package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.IsaSpec;
import dev.tritium.isa.encoding.ProgramBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropped dependency tokens in a whole decoder layer (attention, KV cache, LUT projections): a seeded sample
 * of the program's set token flags, each cleared alone, must stop the accelerator with a deadlock report or
 * a token imbalance at FINISH (exit 5) within the step budget; none may run to a result.
 */
class DecoderTokenMutationTest {

  private static final int SAMPLES = 12;
  private static final long STEPS = 1_000_000;

  @TempDir Path tmp;

  @Test
  void everySampledDroppedTokenStopsTheRunWithAClearMessage() throws Exception {
    ProgramImages p = AcceleratorPrograms.decoder(AcceleratorCsimTest.ARCH, AcceleratorCsimTest.B2,
        AcceleratorCsimTest.DECODE, 1, ComputeUnit.LUT, 3);
    Path dir = AcceleratorCsimTest.export(tmp.resolve("dec"), p);
    AccelSim.Run ok = AccelSim.make(dir);
    assertEquals(0, ok.exitCode(), ok.output());
    byte[] bin = p.programBinary();
    List<long[]> flags = new ArrayList<>(); // {instruction, bit}
    for (int i = 0; i < p.program().size(); i++) {
      for (FieldSpec f : IsaSpec.HEADER) {
        if (f.name().startsWith("pop") || f.name().startsWith("push")) {
          long bit = 8L * (ProgramBinary.HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * i) + f.offset();
          if ((bin[(int) (bit / 8)] >> (bit % 8) & 1) == 1) {
            flags.add(new long[] {i, bit});
          }
        }
      }
    }
    assertTrue(flags.size() > SAMPLES, "the layer uses " + flags.size() + " token flags");
    SplittableRandom rnd = new SplittableRandom(16);
    for (int s = 0; s < SAMPLES; s++) {
      long[] f = flags.remove(rnd.nextInt(flags.size()));
      byte[] mutant = bin.clone();
      mutant[(int) (f[1] / 8)] ^= (byte) (1 << (f[1] % 8));
      Files.write(dir.resolve("mutant.bin"), mutant);
      AccelSim.Run r = AccelSim.run(dir, List.of("./accel_sim", "mutant.bin", "data/dram_in.bin", "mutant_out.bin",
          "mutant_counters.txt", Long.toString(STEPS)));
      long inWord = f[1] - 8L * (ProgramBinary.HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * f[0]);
      String what = "instruction #" + f[0] + ", flag bit " + inWord + " cleared: " + r.output();
      assertEquals(5, r.exitCode(), what);
      assertTrue(r.output().matches("(?s).*FAIL: (deadlock: .* waiting on \\S+ token.*|token imbalance at FINISH: .*)"),
          what);
    }
  }
}
