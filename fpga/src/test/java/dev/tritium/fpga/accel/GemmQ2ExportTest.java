package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.Instruction;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accelerator export refuses GEMM.Q2, which its C does not run yet, naming the instruction. */
class GemmQ2ExportTest {

  @Test
  void aProgramWithGemmQ2IsRefusedWithAClearMessage() {
    List<Instruction> p = List.of(new GemmQ2(Deps.NONE, 0, 0, 4096, 1, 8, 64, false), new Finish(Deps.NONE));
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.write(0, new byte[64]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProgramImages.simulate("quip",
        FloatFormatsCsimTest.ARCH, p, dram, List.of(new DramRange("in", 0, 64)), List.of(new DramRange("out", 0, 64))));
    assertTrue(e.getMessage().contains("instruction #0 is GEMM.Q2")
        && e.getMessage().contains("accelerator C does not run yet"), e.getMessage());
  }
}
