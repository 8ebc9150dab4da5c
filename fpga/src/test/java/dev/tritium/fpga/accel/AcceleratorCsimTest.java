package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.GemmF16;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.crosscheck.ReferenceResult;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated accelerator runs the mapper's programs in C simulation with the final DRAM image
 * bit-identical to the Java functional simulator's, on the default arch: a BitLinear on each unit (its
 * outputs also equal to the reference engine's), a reduced 2B-4T decoder layer with attention and KV cache
 * on each unit and a reduced decode token through two chained layers (each also passing the mapper's
 * cross-check against the reference engine).
 */
class AcceleratorCsimTest {

  static final ArchConfig ARCH = ArchConfigs.preset("edge-fpga");
  static final ModelConfig B2 = DecoderCrossCheck.reduced(ModelPresets.byName("bitnet-b1.58-2b-4t"), 16);
  static final LayerShape DECODE = LayerShape.decode(9);
  static final int TOKENS = 2;
  static final int K = 160;
  static final int N = 96;
  static final long SEED = 7;

  @TempDir Path tmp;
  @TempDir static Path sharedTmp;

  static Path export(Path dir, ProgramImages p) throws IOException {
    AcceleratorProject.write(dir, AcceleratorConfig.of(ARCH, FpgaPart.byName("kv260")), Optional.of(p));
    return dir;
  }

  static void assertCsimPasses(Path dir, ProgramImages p) throws Exception {
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("PASS: " + p.dramGolden().length + " bytes of DRAM identical"), r.output());
    assertArrayEquals(p.dramGolden(), Files.readAllBytes(dir.resolve("dram_out.bin")));
  }

  /** accel_sim and compare built once for the arch (every export of it carries the same C). */
  private static Path sharedBuild;

  /**
   * The csim of an export with the shared build: the export's C must be the shared build's, then its data
   * run exactly as {@code make csim} runs them.
   */
  static void assertSharedCsimPasses(Path dir, ProgramImages p, Path scratch) throws Exception {
    if (sharedBuild == null) {
      Path b = scratch.resolve("shared-build");
      AcceleratorProject.write(b, AcceleratorConfig.of(ARCH, FpgaPart.byName("kv260")), Optional.empty());
      AccelSim.Run built = AccelSim.make(b, "accel_sim", "compare");
      assertEquals(0, built.exitCode(), built.output());
      sharedBuild = b;
    }
    for (String f : AcceleratorEmitter.sources(AcceleratorConfig.of(ARCH, FpgaPart.byName("kv260"))).keySet()) {
      assertEquals(Files.readString(sharedBuild.resolve(f)), Files.readString(dir.resolve(f)), f);
    }
    AccelSim.Run sim = AccelSim.run(dir, List.of(sharedBuild.resolve("accel_sim").toString(), "data/program.bin",
        "data/dram_in.bin", "dram_out.bin", "counters.txt"));
    assertEquals(0, sim.exitCode(), sim.output());
    AccelSim.Run cmp = AccelSim.run(dir, List.of(sharedBuild.resolve("compare").toString(), "dram_out.bin",
        "data/dram_golden.bin"));
    assertEquals(0, cmp.exitCode(), cmp.output());
    assertTrue(cmp.output().contains("PASS: " + p.dramGolden().length + " bytes of DRAM identical"), cmp.output());
    assertArrayEquals(p.dramGolden(), Files.readAllBytes(dir.resolve("dram_out.bin")));
  }

  static float[] floats(byte[] image, DramRange range) {
    ByteBuffer b = ByteBuffer.wrap(image, (int) range.addr(), (int) range.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[(int) range.bytes() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat();
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(ComputeUnit.class)
  void bitLinearOnEachUnitMatchesTheSimulatorAndTheReferenceEngine(ComputeUnit unit) throws Exception {
    ProgramImages p = AcceleratorPrograms.bitLinear(ARCH, TOKENS, K, N, unit, SEED);
    Path dir = export(tmp.resolve("bl"), p);
    assertCsimPasses(dir, p);
    // The reference engine (models' quantizer and BitLinear), independently of both simulators.
    BitLinearCase c = AcceleratorPrograms.bitLinearCase(TOKENS, K, N, SEED);
    ReferenceResult ref = ReferenceResult.of(c,
        AcceleratorPrograms.bitLinearMapping(ARCH, new BitLinearShape(TOKENS, K, N), unit).packing());
    float[] y = floats(Files.readAllBytes(dir.resolve("dram_out.bin")), p.outputs().get(0));
    assertEquals(TOKENS * N, y.length);
    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(ref.outputs()[i]), Float.floatToRawIntBits(y[i]), "y[" + i + "]");
    }
  }

  @ParameterizedTest
  @EnumSource(ComputeUnit.class)
  void decoderLayerWithAttentionAndKvCacheOnEachUnit(ComputeUnit unit) throws Exception {
    ProgramImages p = AcceleratorPrograms.decoder(ARCH, B2, DECODE, 1, unit, 3);
    assertSharedCsimPasses(export(tmp.resolve("dec"), p), p, sharedTmp);
    // The same compiled layer against the reference engine: the mapper's decoder cross-check.
    assertTrue(new DecoderCrossCheck(ARCH).run(DecoderCase.seeded(B2, DECODE, 3), unit).passed());
  }

  /**
   * One full-size 2B-4T decoder layer (hidden 2560, FFN 6912, 20 heads), decode at context 16, on the arch's
   * default unit: about 15 MB of DRAM bit-identical to the Java simulator's (the one full-size run in the suite).
   */
  @Test
  void fullSizeDecoderLayerOnce() throws Exception {
    ModelConfig full = ModelPresets.byName("bitnet-b1.58-2b-4t");
    ProgramImages p = AcceleratorPrograms.decoder(ARCH, full, LayerShape.decode(16), 1, ComputeUnit.MAC, 3);
    assertTrue(p.dramGolden().length > 10_000_000, "a full-size layer's weights are in the image");
    assertSharedCsimPasses(export(tmp.resolve("full"), p), p, sharedTmp);
  }

  /**
   * fp16 attention end to end: the mapper's decoder layer for an arch with an fp16 KV cache (GEMM.F16, VEC.SCALE and
   * VEC.TO_F16 in the program) runs on the C accelerator bit-identical to the Java simulator, in decode and in a
   * prefill, and the same compiled layer is bit-exact to the reference's fp16 attention.
   */
  @Test
  void fp16AttentionDecoderLayerInDecodeAndPrefill() throws Exception {
    ArchConfig fp16 = ARCH.withAttention(new AttentionConfig(AttentionConfig.KvDatatype.FP16));
    for (LayerShape shape : List.of(DECODE, LayerShape.prefill(5))) {
      ProgramImages p = AcceleratorPrograms.decoder(fp16, B2, shape, 1, ComputeUnit.LUT, 3);
      assertTrue(p.program().stream().anyMatch(i -> i instanceof GemmF16), "the program runs GEMM.F16");
      Path dir = tmp.resolve("fp16-" + shape.tokens());
      AcceleratorProject.write(dir, AcceleratorConfig.of(fp16, FpgaPart.byName("kv260")), Optional.of(p));
      assertCsimPasses(dir, p);
      assertTrue(new DecoderCrossCheck(fp16).run(DecoderCase.seeded(B2, shape, 3), ComputeUnit.LUT).passed());
    }
  }

  @Test
  void prefillOfFiveTokens() throws Exception {
    LayerShape prefill = LayerShape.prefill(5);
    ProgramImages p = AcceleratorPrograms.decoder(ARCH, B2, prefill, 1, ComputeUnit.MAC, 3);
    assertSharedCsimPasses(export(tmp.resolve("prefill"), p), p, sharedTmp);
  }

  @Test
  void phasedPrefillWithTheResidualStreamInDram() throws Exception {
    // 8 KiB VEC: the mapper compiles the prefill in phases, fp32 rows through DRAM, projections in N blocks.
    SramBufferConfig vec = ARCH.buffers().get("output");
    ArchConfig small = ARCH.withBuffer("output", new SramBufferConfig(8192, vec.banks(), vec.ports(), vec.widthBits()));
    ProgramImages p = AcceleratorPrograms.decoder(small, B2, LayerShape.prefill(20), 1, ComputeUnit.LUT, 2);
    Path dir = tmp.resolve("phased");
    AcceleratorProject.write(dir, AcceleratorConfig.of(small, FpgaPart.byName("kv260")), Optional.of(p));
    assertTrue(p.program().size() > 1000, p.program().size() + " instructions");
    assertCsimPasses(dir, p);
  }

  @Test
  void decodeTokenThroughChainedLayers() throws Exception {
    ProgramImages p = AcceleratorPrograms.decoder(ARCH, B2, DECODE, 2, ComputeUnit.LUT, 3);
    assertTrue(p.description().startsWith("2 chained decoder layer(s)"), p.description());
    assertSharedCsimPasses(export(tmp.resolve("model"), p), p, sharedTmp);
    assertTrue(new DecoderCrossCheck(ARCH).runLayers(List.of(DecoderCase.seeded(B2, DECODE, 3),
        DecoderCase.seeded(B2, DECODE, 4)), ComputeUnit.LUT).passed());
  }
}
