package dev.tritium.fpga.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Packing;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer export in a low-bit format: bitnet-w1's binary weights (from the format's quantizer) pass csim on the MAC
 * array in the 1-bit sign-bits layout, on the LUT core, and through the decoder FFN block; one flipped sign bit in
 * the packed weights FAILs; formats the units cannot run are refused.
 */
class FormatExportCsimTest {

  private static final FormatPreset W1 = FormatPresets.parse("bitnet-w1");

  @TempDir static Path tmp;

  @BeforeAll
  static void toolchain() {
    Csim.requireToolchain();
  }

  private static Path export(String layer, ComputeUnit unit, int scale) throws Exception {
    Path dir = tmp.resolve("w1-" + layer + "-" + unit);
    HlsExporter.ExportResult r = HlsExporter.export(new ExportRequest(ArchConfigs.preset("edge-fpga"),
        ModelPresets.byName("bitnet-b1.58-2b-4t"), ExportLayer.parse(layer), unit, null, 11, scale, 2, FpgaPart.KV260,
        W1), dir);
    if (unit == ComputeUnit.MAC) {
      assertEquals(Packing.SIGN_BITS, r.plan().packing(), "the mapper stores binary weights in 1 bit on the MAC array");
    }
    Csim.Run run = Csim.make(dir);
    assertTrue(run.passed(), layer + " " + unit + ":\n" + run.output());
    assertFalse(run.output().contains("UNCHECKED"), run.output());
    return dir;
  }

  @Test
  void binaryWeightsPassCsimOnBothUnitsAndInTheDecoderBlock() throws Exception {
    Path mac = export("q_proj", ComputeUnit.MAC, 16);
    export("down_proj", ComputeUnit.LUT, 61);
    export("decoder", ComputeUnit.MAC, 61);
    // The exported weights are the format's: K = 160 binary weights per row in 20 bytes, the image equal to the
    // cross-check's tensor packed LSB first.
    TernaryWeights w = BitLinearCase.formatWeights(160, 160, 11, 1, W1);
    byte[] image = Files.readAllBytes(mac.resolve("data/w.bin"));
    assertEquals(160 * 20, image.length);
    for (int k = 0; k < 160; k++) {
      int bit = (image[k / 8] >> (k % 8)) & 1;
      assertEquals(w.values()[k] == 1 ? 1 : 0, bit, "row 0, weight " + k);
    }
  }

  /** edge-fpga with binary tables of g = 4 (entries of 11 bits hold |sum| <= 128 g). */
  private static dev.tritium.simulator.config.ArchConfig binaryEdge(String variant) {
    var a = dev.tritium.simulator.config.ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.group_size", "4");
    a = dev.tritium.simulator.config.ArchKeys.with(a, "lut_core.table_entry_bits", "11");
    return dev.tritium.simulator.config.ArchKeys.with(a, "lut_core.variant", variant);
  }

  @Test
  void binaryLutTablesPassCsimAndAFlippedSignBitFails() throws Exception {
    for (String variant : new String[] {"binary", "binary_mirror"}) {
      Path dir = tmp.resolve("w1-lut-" + variant);
      HlsExporter.ExportResult r = HlsExporter.export(new ExportRequest(binaryEdge(variant),
          ModelPresets.byName("bitnet-b1.58-2b-4t"), ExportLayer.parse("down_proj"), ComputeUnit.LUT, null, 11, 61, 2,
          FpgaPart.KV260, W1), dir);
      assertEquals(Packing.SIGN_BITS, r.plan().packing(), "binary tables read the 1-bit sign-bits layout");
      assertEquals(variant.equals("binary") ? 16 : 8, r.plan().tableEntries());
      Csim.Run run = Csim.make(dir);
      assertTrue(run.passed(), variant + ":\n" + run.output());
      assertFalse(run.output().contains("UNCHECKED"), run.output());
      byte[] image = Files.readAllBytes(dir.resolve("data/w.bin"));
      image[3] ^= 0x10; // weight 28 of row 0 changes sign
      Files.write(dir.resolve("data/w.bin"), image);
      Csim.Run bad = Csim.make(dir);
      assertNotEquals(0, bad.exitCode(), bad.output());
      assertTrue(bad.output().contains("FAIL:"), bad.output());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExportRequest(
        binaryEdge("binary_mirror"), ModelPresets.byName("bitnet-b1.58-2b-4t"), ExportLayer.parse("down_proj"),
        ComputeUnit.LUT, null, 11, 61, 2, FpgaPart.KV260, FormatPresets.parse("bitnet-b1.58")));
    assertTrue(e.getMessage().contains("'bitnet-b1.58'") && e.getMessage().contains("binary_mirror"), e.getMessage());
  }

  @Test
  void oneFlippedSignBitFails() throws Exception {
    Path dir = export("k_proj", ComputeUnit.MAC, 16);
    byte[] image = Files.readAllBytes(dir.resolve("data/w.bin"));
    image[3] ^= 0x10; // weight 28 of row 0 changes sign
    Files.write(dir.resolve("data/w.bin"), image);
    Csim.Run run = Csim.make(dir);
    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("FAIL:") && run.output().contains("acc["), run.output());
  }

  @Test
  void aFormatTheLayerKernelDoesNotTakeIsRefusedNamingItsDatapath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExportRequest(
        ArchConfigs.preset("edge-fpga"), ModelPresets.byName("bitnet-b1.58-2b-4t"), ExportLayer.parse("q_proj"),
        ComputeUnit.MAC, null, 1, 16, 2, FpgaPart.KV260, FormatPresets.parse("abq-wpaq")));
    // abq-wpaq is not a BitLinear: the layer kernel refuses it, naming the projection program that runs it.
    assertTrue(e.getMessage().contains("'abq-wpaq:w=2,a=8' runs as one program per projection (GEMM.BP"),
        e.getMessage());
  }
}
