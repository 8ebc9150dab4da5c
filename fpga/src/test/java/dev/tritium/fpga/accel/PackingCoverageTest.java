package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.ReferenceResult;
import dev.tritium.mapper.tiling.TilingSpace;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import dev.tritium.models.format.FormatPresets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every weight decoder of the accelerator on a BitLinear (K = 160 is a multiple of no group size, so every
 * layout has padding): the MAC array's 2-bit codes, the LUT core's g = 4 index fields (edge-fpga-mac), the
 * mirrored half tables (TL2, g = 3) and the bit planes (T-MAC, g = 4), beside the base-3 and g = 3 layouts
 * the other tests run. Final DRAM identical to the Java simulator's, y equal to the reference engine's.
 */
class PackingCoverageTest {

  @TempDir Path tmp;

  /** A preset with another LUT variant, as the mapper's bit-serial cross-check builds one. */
  private static ArchConfig withVariant(String preset, String variant) {
    String yaml = ArchConfigs.toYaml(ArchConfigs.preset(preset));
    String line = yaml.contains("variant: \"ternary_base3\"") ? "variant: \"ternary_base3\"" : "variant: ternary_base3";
    return ArchConfigs.parse(yaml.replace(line, "variant: " + variant), preset + " with lut_core.variant " + variant);
  }

  @ParameterizedTest
  @CsvSource({"edge-fpga, ternary_base3, MAC, TWO_BIT", "edge-fpga-mac, ternary_base3, LUT, LUT_G4",
      "edge-fpga, ternary_mirror, LUT, LUT_G3_MIRROR", "edge-fpga-mac, bit_serial, LUT, BIT_PLANES"})
  void packingRunsBitExact(String preset, String variant, ComputeUnit unit, Packing packing) throws Exception {
    ArchConfig arch = variant.equals("ternary_base3") ? ArchConfigs.preset(preset) : withVariant(preset, variant);
    IsaTarget target = Machine.isaTarget(arch);
    int tokens = 2;
    int k = 160;
    int n = 40;
    BitLinearShape shape = new BitLinearShape(tokens, k, n);
    Mapping mapping = TilingSpace.enumerate(shape, target, EnumSet.of(unit)).stream()
        .filter(m -> m.packing() == packing && SramLayout.ofOrNull(shape, m, target) != null)
        .max(Comparator.comparingLong((Mapping m) -> (long) m.tileN() * m.tileK())).orElseThrow();
    ProgramImages p = AcceleratorPrograms.bitLinear(arch, tokens, k, n, mapping, 11);
    Path dir = tmp.resolve(packing.name());
    AcceleratorProject.write(dir, AcceleratorConfig.of(arch, FpgaPart.byName("kv260")), Optional.of(p));
    AcceleratorCsimTest.assertCsimPasses(dir, p);
    BitLinearCase c = AcceleratorPrograms.bitLinearCase(tokens, k, n, 11);
    float[] ref = ReferenceResult.of(c, packing).outputs();
    float[] y = AcceleratorCsimTest.floats(Files.readAllBytes(dir.resolve("dram_out.bin")), p.outputs().get(0));
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(y[i]), packing + " y[" + i + "]");
    }
  }

  /** bitnet-w1's binary weights in the MAC array's 1-bit SIGN_BITS layout (K = 160 = 20 whole bytes per row). */
  @Test
  void binarySignBitsRunBitExact() throws Exception {
    ArchConfig arch = ArchConfigs.preset("edge-fpga");
    IsaTarget target = Machine.isaTarget(arch);
    BitLinearCase c = BitLinearCase.ofFormat("w1", 2, 160, 40, 11, 1, FormatPresets.parse("bitnet-w1"));
    BitLinearShape shape = new BitLinearShape(2, 160, 40, c.alphabet());
    Mapping mapping = TilingSpace.enumerate(shape, target, EnumSet.of(ComputeUnit.MAC)).stream()
        .filter(m -> m.packing() == Packing.SIGN_BITS && SramLayout.ofOrNull(shape, m, target) != null)
        .max(Comparator.comparingLong((Mapping m) -> (long) m.tileN() * m.tileK())).orElseThrow();
    ProgramImages p = AcceleratorPrograms.bitLinear(arch, c, mapping, 11);
    Path dir = tmp.resolve("sign-bits");
    AcceleratorProject.write(dir, AcceleratorConfig.of(arch, FpgaPart.byName("kv260")), Optional.of(p));
    AcceleratorCsimTest.assertCsimPasses(dir, p);
    float[] ref = ReferenceResult.of(c, Packing.SIGN_BITS).outputs();
    float[] y = AcceleratorCsimTest.floats(Files.readAllBytes(dir.resolve("dram_out.bin")), p.outputs().get(0));
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(y[i]), "sign-bits y[" + i + "]");
    }
  }

  /**
   * bitnet-w1 on the LUT core's binary tables (g = 4, BINARY and BINARY_MIRROR): SIGN_BITS rows indexing 16- and
   * 8-entry tables; K = 164 leaves a padded last group. The generated C's final DRAM equals the Java simulator's
   * byte for byte, and y the reference engine's.
   */
  @ParameterizedTest
  @CsvSource({"binary", "binary_mirror"})
  void binaryLutTablesRunBitExact(String variant) throws Exception {
    ArchConfig arch = dev.tritium.simulator.config.ArchKeys.with(
        dev.tritium.simulator.config.ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.group_size", "4"),
        "lut_core.variant", variant);
    IsaTarget target = Machine.isaTarget(arch);
    BitLinearCase c = BitLinearCase.ofFormat("w1", 2, 164, 40, 11, 1, FormatPresets.parse("bitnet-w1"));
    BitLinearShape shape = new BitLinearShape(2, 164, 40, c.alphabet());
    Mapping mapping = TilingSpace.enumerate(shape, target, EnumSet.of(ComputeUnit.LUT)).stream()
        .filter(m -> SramLayout.ofOrNull(shape, m, target) != null)
        .max(Comparator.comparingLong((Mapping m) -> (long) m.tileN() * m.tileK())).orElseThrow();
    assertEquals(Packing.SIGN_BITS, mapping.packing());
    ProgramImages p = AcceleratorPrograms.bitLinear(arch, c, mapping, 11);
    Path dir = tmp.resolve(variant);
    AcceleratorProject.write(dir, AcceleratorConfig.of(arch, FpgaPart.byName("kv260")), Optional.of(p));
    AcceleratorCsimTest.assertCsimPasses(dir, p);
    float[] ref = ReferenceResult.of(c, Packing.SIGN_BITS).outputs();
    float[] y = AcceleratorCsimTest.floats(Files.readAllBytes(dir.resolve("dram_out.bin")), p.outputs().get(0));
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(y[i]), variant + " y[" + i + "]");
    }
  }
}
