package dev.tritium.simulator.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.TestArchs;
import dev.tritium.simulator.fit.BufferMapping;
import dev.tritium.simulator.fit.BufferMapping.Memory;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FitEstimate;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.unit.FpgaResources;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FpgaFitTest {

  @TempDir Path dir;

  private ArchConfig small() throws Exception {
    // 4 x 8 array, 16-bit accumulators, LUT core g = 2 (9 entries), 8 lookups shared by 4 rows.
    return TestArchs.write(dir, TestArchs.yaml("fit-small", 4, 8, 16, 2, "ternary_base3", 8, 4));
  }

  @Test
  void theLargestArraySearchKeepsTheHostSourcesAndBufferStorage() {
    ArchConfig tellme = ArchConfigs.preset("tellme-kv260");
    assertTrue(FpgaFit.estimate(tellme, FpgaPart.KV260).fits());
    ArchConfig largest = FpgaFit.largestArray(tellme, FpgaPart.KV260).orElseThrow();
    assertTrue(largest.macArray().peCount() >= tellme.macArray().peCount());
    assertEquals(tellme.host(), largest.host());
    assertEquals(tellme.buffer("lut").storage(), largest.buffer("lut").storage());
    assertFalse(largest.buffer("weight").doubleBuffered());
  }

  @Test
  void smallArchMatchesHandComputation() throws Exception {
    FitEstimate e = FpgaFit.estimate(small(), FpgaPart.KV260);
    // 32 PEs x (16 + 1) LUT; 32 x (16 psum + 8 activation + 2 weight) FF
    assertEquals(new FpgaResources(544, 832, 0, 0, 0), e.component("mac_array"));
    // 8 column accumulators x 16 bits
    assertEquals(new FpgaResources(128, 128, 0, 0, 0), e.component("accumulators"));
    // builder 1 x 8 adders x 16 bits = 128 LUT, 9 x 16 = 144 FF; lookups 8 x 16 = 128 LUT, 8 x 16 + 4 x 16 = 192 FF
    assertEquals(new FpgaResources(256, 336, 0, 0, 0), e.component("lut_core"));
    // 2 lanes x (140 + 230 + 120 LUT, 150 + 220 + 100 FF, 3 + 2 DSP) + div/sqrt/exp (2300 LUT, 3100 FF, 7 DSP)
    assertEquals(new FpgaResources(3_280, 4_040, 17, 0, 0), e.component("vector_unit"));
    assertEquals(new FpgaResources(3_000, 4_400, 0, 4, 0), e.component("dma"));
    // fetch/decode 800 LUT, 1000 FF; 3 command FIFOs of 64 x 192 bits (12 Kb: one BRAM36 each); 4 token counters
    // of capacity 4096 (13 bits each)
    assertEquals(new FpgaResources(800, 1_000 + 4 * 13, 0, 3, 0), e.component("control"));
    // weight: 2 banks x ceil(128/72) = 2 wide x ceil(256 words / 512) = 1 deep -> 4 BRAM36
    assertEquals(new FpgaResources(0, 0, 0, 4, 0), e.component("buffer.weight"));
    // activation: 512 words x 64 bits -> 1; accumulator: 128 words x 128 bits -> 2
    assertEquals(new FpgaResources(0, 0, 0, 1, 0), e.component("buffer.activation"));
    assertEquals(new FpgaResources(0, 0, 0, 2, 0), e.component("buffer.accumulator"));
    // lut: 4 banks x 1 primitive x 3 copies (4 ports: one write, 3 read copies) = 12
    assertEquals(new FpgaResources(0, 0, 0, 12, 0), e.component("buffer.lut"));
    // output: 512 words x 64 bits -> 1
    assertEquals(new FpgaResources(0, 0, 0, 1, 0), e.component("buffer.output"));
    assertEquals(new FpgaResources(544 + 128 + 256 + 3_280 + 3_000 + 800, 832 + 128 + 336 + 4_040 + 4_400 + 1_052, 17,
        4 + 3 + 4 + 1 + 2 + 12 + 1, 0), e.total());
    assertTrue(e.fits());
    assertEquals((544 + 128 + 256 + 3_280 + 3_000 + 800) / 117_120.0, e.utilization(FpgaResources.Resource.LUT), 1e-12);
  }

  @Test
  void largeBuffersMoveToUltraRamWhenBlockRamCannotHoldThem() {
    // 2 MiB, 8 banks x 256 bits: per bank 8192 words -> BRAM36 4 wide x 16 deep = 64 (512 in all, > 144);
    // URAM 4 wide x 2 deep = 8 per bank, 64 in all (= the KV260's 64).
    var weight = new dev.tritium.simulator.unit.sram.SramBufferConfig(2 << 20, 8, 2, 256);
    assertEquals(512, BufferMapping.primitives(weight, Memory.BRAM36));
    assertEquals(64, BufferMapping.primitives(weight, Memory.URAM));
    var mapped = FpgaFit.mapBuffers(java.util.Map.of("weight", weight), FpgaResources.ZERO, FpgaPart.KV260);
    assertEquals(Memory.URAM, mapped.get(0).memory());
    var smallBuffer = new dev.tritium.simulator.unit.sram.SramBufferConfig(4096, 1, 2, 64);
    assertEquals(Memory.BRAM36,
        FpgaFit.mapBuffers(java.util.Map.of("a", smallBuffer), FpgaResources.ZERO, FpgaPart.KV260).get(0).memory());
  }

  @Test
  void largestArrayFitsAndDoublingEitherSideDoesNot() throws Exception {
    ArchConfig arch = small();
    Optional<ArchConfig> best = FpgaFit.largestArray(arch, FpgaPart.KV260);
    assertTrue(best.isPresent());
    // LUT bound: 17 RC + 16 C <= 117120 - 7336 -> RC = 4096 (8192 x 17 > 109784); aspect 4:8 is equally far
    // from 64x64 and 32x128, the first found (fewer rows) wins.
    assertEquals(32, best.get().macArray().rows());
    assertEquals(128, best.get().macArray().cols());
    assertEquals(2048, best.get().buffer("accumulator").widthBits(), "accumulator port follows the columns");
    assertTrue(FpgaFit.estimate(best.get(), FpgaPart.KV260).fits());
    assertFalse(FpgaFit.estimate(FpgaFit.withArray(arch, 64, 128), FpgaPart.KV260).fits());
    assertFalse(FpgaFit.estimate(FpgaFit.withArray(arch, 32, 256), FpgaPart.KV260).fits());
  }

  @Test
  void overflowIsFlaggedPerResource() throws Exception {
    ArchConfig big = FpgaFit.withArray(small(), 128, 128);
    FitEstimate e = FpgaFit.estimate(big, FpgaPart.KV260);
    assertFalse(e.fits());
    assertTrue(e.overflows().contains(FpgaResources.Resource.LUT));
    assertTrue(FpgaFit.render(e, Optional.empty()).contains("DOES NOT FIT kv260: LUT"));
  }

  @Test
  void partsTableHoldsTheDataSheetCapacities() {
    assertEquals(new FpgaResources(117_120, 234_240, 1_248, 144, 64), FpgaPart.KV260.capacity());
    assertEquals(new FpgaResources(230_400, 460_800, 1_728, 312, 96), FpgaPart.ZCU104.capacity());
    assertEquals(new FpgaResources(1_303_680, 2_607_360, 9_024, 2_016, 960), FpgaPart.U280.capacity());
    assertEquals(FpgaPart.ZCU104, FpgaPart.byName("ZCU104"));
    assertTrue(FpgaPart.KV260.citation().contains("DS987"));
  }

  @Test
  void unknownPartIsAUserErrorListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FpgaPart.byName("vu9p"));
    assertEquals("unknown FPGA part 'vu9p': expected one of kv260, zcu104, u280", e.getMessage());
  }

  @Test
  void edgePresetReport() {
    ArchConfig edge = ArchConfigs.preset("edge-fpga-mac");
    for (FpgaPart p : FpgaPart.values()) {
      FitEstimate e = FpgaFit.estimate(edge, p);
      String text = FpgaFit.render(e, FpgaFit.largestArray(edge, p));
      assertTrue(text.contains("mac_array"), text);
      // 2048 PEs x 33 LUT regardless of the part
      assertEquals(2048L * 33, e.component("mac_array").lut());
    }
  }

  /** stationary_double_buffer adds a shadow weight register per PE: 32 PEs x 2 more FF (it was not counted). */
  @Test
  void doubleBufferedStationaryWeightsCountTheShadowRegister() throws Exception {
    ArchConfig on = small().withMacArray(small().macArray().withStationaryDoubleBuffer(true));
    FitEstimate e = FpgaFit.estimate(on, FpgaPart.KV260);
    // 32 x (16 psum + 8 activation + 2 x 2 weight) FF; LUTs unchanged
    assertEquals(new FpgaResources(544, 896, 0, 0, 0), e.component("mac_array"));
  }

  /** small()'s lut buffer (4096 bytes, 4 banks, 4 ports, 32 bits: 12 BRAM36 as SRAM) in another storage. */
  private static dev.tritium.simulator.unit.sram.SramBufferConfig lutBuffer(long size, int ports,
      dev.tritium.simulator.unit.sram.BufferStorage storage) {
    return new dev.tritium.simulator.unit.sram.SramBufferConfig(size, 4, ports, 32, storage, true);
  }

  @Test
  void registerBufferCostsOneFlipFlopPerBitAndNoBlockRam() throws Exception {
    ArchConfig base = small();
    ArchConfig regs = base.withBuffer("lut", lutBuffer(4096, 4,
        dev.tritium.simulator.unit.sram.BufferStorage.REGISTERS));
    FitEstimate e = FpgaFit.estimate(regs, FpgaPart.KV260);
    // 4096 bytes x 8 = 32,768 FF, nothing else.
    assertEquals(new FpgaResources(0, 32_768, 0, 0, 0), e.component("buffer.lut"));
    assertTrue(e.buffers().stream().noneMatch(b -> b.buffer().equals("lut")), "not mapped to BRAM/URAM");
    // Totals: the 12 BRAM36 the SRAM lut took are gone, 32,768 FF came instead.
    FitEstimate sram = FpgaFit.estimate(base, FpgaPart.KV260);
    assertEquals(sram.total().bram36() - 12, e.total().bram36());
    assertEquals(sram.total().ff() + 32_768, e.total().ff());
    assertEquals(sram.total().lut(), e.total().lut());
  }

  @Test
  void lutramBufferCostsOneLutPer64BitsPerPort() throws Exception {
    ArchConfig base = small();
    FitEstimate e = FpgaFit.estimate(base.withBuffer("lut", lutBuffer(4096, 4,
        dev.tritium.simulator.unit.sram.BufferStorage.LUTRAM)), FpgaPart.KV260);
    // 32,768 bits / 64 = 512 LUT6 per copy x 4 ports = 2048 LUT.
    assertEquals(new FpgaResources(2048, 0, 0, 0, 0), e.component("buffer.lut"));
    // 1004 bytes = 8032 bits -> ceil(125.5) = 126 LUT6 x 3 ports = 378.
    FitEstimate odd = FpgaFit.estimate(base.withBuffer("lut", lutBuffer(1004, 3,
        dev.tritium.simulator.unit.sram.BufferStorage.LUTRAM)), FpgaPart.KV260);
    assertEquals(new FpgaResources(378, 0, 0, 0, 0), odd.component("buffer.lut"));
    assertTrue(odd.buffers().stream().noneMatch(b -> b.buffer().equals("lut")));
  }

  @Test
  void int8MultipliersAddOneDspPerPe() throws Exception {
    ArchConfig on = dev.tritium.simulator.config.ArchKeys.with(small(), "mac_array.int8_multipliers", "true");
    FitEstimate e = FpgaFit.estimate(on, FpgaPart.KV260);
    // 4 x 8 = 32 DSP48E2; LUT as before (544); FF: the 2-bit weight register becomes 8 bits, 32 x 6 = 192 more.
    assertEquals(new FpgaResources(544, 832 + 192, 32, 0, 0), e.component("mac_array"));
  }

  @Test
  void extraStreamPortsCostADmaChannelEach() throws Exception {
    ArchConfig striped = dev.tritium.simulator.config.ArchKeys.with(small(), "dma.stream_ports", "3");
    FitEstimate e = FpgaFit.estimate(striped, FpgaPart.KV260);
    // 1 load + 1 store channel + (3 - 1) extra ports = 4 x DMA_CHANNEL (1500 LUT, 2200 FF, 2 BRAM36).
    FpgaResources ch = dev.tritium.simulator.unit.dma.DmaFpgaCost.DMA_CHANNEL;
    assertEquals(new FpgaResources(1_500, 2_200, 0, 2, 0), ch);
    assertEquals(new FpgaResources(4 * 1_500, 4 * 2_200, 0, 4 * 2, 0), e.component("dma"));
    // One port: the 2 channels of smallArchMatchesHandComputation.
    assertEquals(new FpgaResources(3_000, 4_400, 0, 4, 0), FpgaFit.estimate(small(), FpgaPart.KV260).component("dma"));
  }
}
