package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C accelerator does not implement LUT.BUILD.F16 / LUT.GEMM.F16: the export refuses programs with them (naming
 * the instruction), and the executor's source stops on them instead of skipping them as a SYNC.
 */
class LutFloatRefusalTest {

  @Test
  void theExportRefusesFp16LutPrograms() {
    for (Instruction i : List.of(new LutBuildF16(Deps.NONE, 0, 0, 1, 6, 3, LutVariant.TERNARY_BASE3),
        new LutGemmF16(Deps.NONE, 0, 0, 64, 1, 2, 6, Packing.LUT_G3, false))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ProgramImages.refuseUnimplemented(List.of(i, new Finish(Deps.NONE))));
      assertTrue(e.getMessage().contains("instruction #0 " + i.mnemonic()), e.getMessage());
      assertTrue(e.getMessage().contains("does not implement the LUT core's fp16 tables"), e.getMessage());
    }
    ProgramImages.refuseUnimplemented(List.of(new Finish(Deps.NONE)));
  }

  @Test
  void theExecutorStopsOnThemRatherThanSkippingThem() {
    String c = UnitSources.COMPUTE_TOP;
    assertTrue(c.contains("case TRITIUM_ISA_OP_LUT_BUILD_F16:") && c.contains("case TRITIUM_ISA_OP_LUT_GEMM_F16:"),
        "the compute executor names both opcodes");
    int at = c.indexOf("case TRITIUM_ISA_OP_LUT_GEMM_F16:");
    assertTrue(c.indexOf("accel_fail(status, ACCEL_ERR_EXEC", at) > at, "and fails on them");
  }
}
