package dev.tritium.fpga.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.TestArchs;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes get one clear message naming the field and what was expected. */
class ExportErrorsTest {

  @TempDir Path tmp;

  @Test
  void unknownLayerListsTheLayers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportLayer.parse("qkv"));
    assertEquals("--layer 'qkv': expected one of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, decoder",
        e.getMessage());
  }

  @Test
  void bitSerialLutCoreIsNotExportable() throws Exception {
    ArchConfig a = TestArchs.write(tmp, TestArchs.yaml("bitserial", 4, 8, 32, 4, "bit_serial", 8, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelPlans.derive(a, ComputeUnit.LUT, null));
    assertTrue(e.getMessage().contains("lut_core.variant bit_serial"), e.getMessage());
  }

  @Test
  void lutLayoutOnTheMacArrayIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KernelPlans.derive(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.MAC, Packing.LUT_G3));
    assertTrue(e.getMessage().startsWith("--packing lut-g3 is a LUT-core layout"), e.getMessage());
  }

  @Test
  void narrowAccumulatorIsRejectedWithTheBitsNeeded() throws Exception {
    // K = 2560 needs bitLength(127 * 2560 = 325120) + 1 = 20 bits; a 16-bit accumulator is too narrow.
    ArchConfig a = TestArchs.write(tmp, TestArchs.yaml("narrow", 4, 8, 16, 4, "ternary_base3", 8, 4));
    ExportRequest r = new ExportRequest(a, ModelPresets.byName("bitnet-b1.58-2b-4t"), ExportLayer.parse("q_proj"),
        ComputeUnit.MAC, null, 1, 1, 1, FpgaPart.KV260);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HlsExporter.export(r, tmp.resolve("out")));
    assertEquals("arch 'narrow': mac_array.accumulator_bits = 16 is too narrow for q_proj (K = 2560 needs 20 bits)",
        e.getMessage());
  }

  @Test
  void planFollowsTheArch() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga-mac");
    KernelPlan mac = KernelPlans.derive(edge, ComputeUnit.MAC, null);
    assertEquals(64, mac.tileN());
    assertEquals(32, mac.tileK());
    assertEquals(Packing.TWO_BIT, mac.packing());
    KernelPlan lut = KernelPlans.derive(edge, ComputeUnit.LUT, null);
    // 64 lookups per cycle shared by 16 rows: 4 groups of g = 4 per tile, 81-entry tables
    assertEquals(16, lut.tileN());
    assertEquals(4, lut.tileUnits());
    assertEquals(16, lut.tileK());
    assertEquals(81, lut.tableEntries());
    assertEquals(Packing.LUT_G4, lut.packing());
  }

  @Test
  void stageTilesCoverAwkwardK() {
    KernelPlan lut = KernelPlans.derive(ArchConfigs.preset("edge-fpga-mac"), ComputeUnit.LUT, null);
    Stage s = Stage.whole("down_proj", 113, 41, 2, lut);
    assertEquals(29, s.units()); // ceil(113 / 4) groups
    assertEquals(8, s.arrayKTiles()); // ceil(29 / 4)
    assertEquals(128, s.kPadded());
    assertEquals(3, s.arrayNTiles()); // ceil(41 / 16)
    assertEquals(ceil7(29), s.rowBytes()); // 7-bit fields
    // lut-g4 cuts a row every 32 weights (8 groups, 7 bytes): a 64 x 32 weight tile of a 41 x 113 matrix
    Stage tiled = new Stage("down_proj", 113, 41, 2, lut, 64, 32);
    assertEquals(41, tiled.bufferN());
    assertEquals(8, tiled.bufferUnits());
    assertEquals(7, tiled.bufferRowBytes());
    assertEquals(4, tiled.kBlocks()); // ceil(29 / 8)
    assertEquals(2, tiled.arrayKTiles());
    assertEquals(3 * 8 + 2 * 4, tiled.unitsPadded());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Stage("down_proj", 113, 41, 2, lut, 16, 30));
    assertTrue(e.getMessage().contains("byte boundary of packing lut-g4"), e.getMessage());
  }

  private static long ceil7(int groups) {
    return (7L * groups + 7) / 8;
  }

  @Test
  void floatLiteralsKeepTheExactBits() {
    assertEquals("0x1.4f8b58p-17f", CCode.floatLiteral(1e-5f));
    assertEquals("-0.0f", CCode.floatLiteral(-0.0f));
    assertEquals("0x1.0p0f", CCode.floatLiteral(1f));
    assertThrows(IllegalArgumentException.class, () -> CCode.floatLiteral(Float.NaN));
  }
}
