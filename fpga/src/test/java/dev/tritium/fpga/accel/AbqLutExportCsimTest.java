package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accelerator export of one abq-wpaq projection on the LUT core ({@code export-hls --accelerator --layer bitlinear
 * --format abq-wpaq:w=P,a=Q --unit lut}): the mapper's LUT program (QUANT.BP bytes, LUT.BUILD.BP and LUT.GEMM.BP per K
 * chunk, VEC.ACC_SCALE) runs on the C accelerator (csim) with a final DRAM image identical to the Java simulator's,
 * whose y equals the format's reference output bit for bit; a flipped bit in the exported weight planes or steps then
 * fails the comparison; an arch without the tables is refused naming the key.
 */
class AbqLutExportCsimTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.bit_plane", "true");

  @TempDir Path dir;

  @Test
  void theW2a8ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("abq-wpaq:w=2,a=8");
  }

  @Test
  void theW4a8ProjectionRunsInCsimAndMatchesTheReference() throws Exception {
    check("abq-wpaq:w=4,a=8");
  }

  @Test
  void anArchWithoutTheTablesIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ProgramSource.BitLinear(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16, 1, ComputeUnit.LUT, 5,
            FormatPresets.parse("abq-wpaq:w=2,a=8")).images(ArchConfigs.preset("edge-fpga")));
    assertTrue(e.getMessage().contains("lut_core.bit_plane: true"), e.getMessage());
  }

  private void check(String format) throws Exception {
    // the planes segment of the LUT lowering is cut in K chunks: byte 1 is row 0's first plane byte of chunk 0
    AbqExportCsimTest.checkExport(dir, ARCH, ComputeUnit.LUT, format, "ACCEL_LUT_BIT_PLANE 1u",
        "weight zero-points and bit planes in K chunks");
  }
}
