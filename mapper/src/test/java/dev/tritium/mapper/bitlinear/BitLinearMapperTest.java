package dev.tritium.mapper.bitlinear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.validate.Validator;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitLinearMapperTest {

  private static final IsaTarget EDGE = Machine.isaTarget(ArchConfigs.resolve("edge-fpga-mac"));

  /** A hand-derived program: M=1, K=8, N=4 on the MAC array in one tile. */
  @Test
  void smallestProgramIsAsDerivedByHand() {
    BitLinearShape s = new BitLinearShape(1, 8, 4);
    Mapping m = new Mapping(ComputeUnit.MAC, Packing.TWO_BIT, 1, 4, 8, 4, 8, LoopOrder.N_OUTER);
    CompiledBitLinear c = new BitLinearMapper(EDGE).compile(s, m, 2.5f);
    // 2-bit rows of 8 weights are 2 bytes: W = 8 bytes at 0; x (32 B) at the next 4 KiB page; y after it.
    assertEquals(new BitLinearPlacement(0, 4096, 8192), c.dram());
    List<String> mnemonics = c.program().stream().map(Instruction::mnemonic).toList();
    assertEquals(List.of("CFG", "CFG", "SYNC", "SYNC", "SYNC", "SYNC", "LOAD", "VEC.QUANT", "LOOP.WEIGHTS",
        "LOOP.BOUNDS", "LOOP.GEMM", "VEC.DEQUANT", "STORE", "SYNC", "SYNC", "SYNC", "SYNC", "FINISH"), mnemonics);
    LoopWeights w = (LoopWeights) c.program().get(8);
    assertEquals(0, w.dramAddr());
    assertEquals(2, w.dramRowStrideBytes());
    LoopBounds b = (LoopBounds) c.program().get(9);
    assertEquals(List.of(1, 4, 8, 4, 8), List.of(b.m(), b.n(), b.k(), b.tileN(), b.tileK()));
    LoopGemm g = (LoopGemm) c.program().get(10);
    assertTrue(g.waitSlots() && g.freeSlots() && !g.accumulate());
    // 4 CFG + LOAD + GEMM.T for the one tile, plus every other instruction but the two loop configs.
    assertEquals(18 - 3 + 6, c.expandedInstructions());
    assertEquals(1, c.outputChunks().size());
    assertEquals(new OutputChunk(0, 0, 1, 4, 0), c.outputChunks().get(0));
    assertTrue(Validator.validate(c.program(), EDGE, Validator.Options.STRICT).ok(),
        () -> Validator.validate(c.program(), EDGE).findings().toString());
  }

  /** The assembly text of a compiled program assembles back to the same instructions. */
  @Test
  void emittedAssemblyRoundTrips() {
    BitLinearShape s = new BitLinearShape(4, 96, 64);
    Mapping m = new Mapping(ComputeUnit.LUT, Packing.LUT_G4, 2, 32, 64, 16, 32, LoopOrder.K_OUTER);
    List<Instruction> p = new BitLinearMapper(EDGE).compile(s, m, 1.25f).program();
    assertEquals(p, Assembler.assemble(Disassembler.toText(p), "prog.asm"));
  }

  /** A 2560x6912 layer is tens of instructions, because LOOP.GEMM streams the weights. */
  @Test
  void largeLayerIsTensOfInstructions() {
    BitLinearShape s = new BitLinearShape(1, 6912, 2560);
    TilingSearch search = new TilingSearch(ArchConfigs.resolve("edge-fpga-mac"));
    for (ComputeUnit u : ComputeUnit.values()) {
      Mapping m = search.search(s, Objective.CYCLES, java.util.EnumSet.of(u), TilingSearch.defaultWeights(s)).mapping();
      int size = new BitLinearMapper(EDGE).compile(s, m, 1f).program().size();
      assertTrue(size <= 60, u + ": " + size + " instructions");
    }
  }

  @Test
  void illegalMappingsAreRejectedWithTheRule() {
    BitLinearShape s = new BitLinearShape(1, 2560, 2560);
    BitLinearMapper mapper = new BitLinearMapper(EDGE);
    var tooBig = new Mapping(ComputeUnit.MAC, Packing.TWO_BIT, 1, 2560, 2560, 2560, 2560, LoopOrder.N_OUTER);
    var e = assertThrows(IllegalArgumentException.class, () -> mapper.compile(s, tooBig, 1f));
    assertTrue(e.getMessage().contains("WGT needs 3276800 bytes"), e.getMessage());
    var lutOnMac = new Mapping(ComputeUnit.MAC, Packing.LUT_G4, 1, 2560, 2560, 64, 64, LoopOrder.N_OUTER);
    e = assertThrows(IllegalArgumentException.class, () -> mapper.compile(s, lutOnMac, 1f));
    assertTrue(e.getMessage().contains("the MAC array reads 2bit, base3 or sign-bits"), e.getMessage());
    var signBitsOnTernary = new Mapping(ComputeUnit.MAC, Packing.SIGN_BITS, 1, 2560, 2560, 64, 64, LoopOrder.N_OUTER);
    e = assertThrows(IllegalArgumentException.class, () -> mapper.compile(s, signBitsOnTernary, 1f));
    assertTrue(e.getMessage().contains("ternary weights do not fit packing sign-bits"), e.getMessage());
    var badCut = new Mapping(ComputeUnit.MAC, Packing.BASE3, 1, 2560, 2560, 64, 64, LoopOrder.N_OUTER);
    e = assertThrows(IllegalArgumentException.class, () -> mapper.compile(s, badCut, 1f));
    assertTrue(e.getMessage().contains("tile_k 64 must be a multiple of 5"), e.getMessage());
  }

  /** Placement and traffic, by hand: 96 rows of 40 two-bit bytes, M = 8 tokens in tiles of 3. */
  @Test
  void mappingTrafficByHand() {
    BitLinearShape s = new BitLinearShape(8, 160, 96);
    Mapping m = new Mapping(ComputeUnit.MAC, Packing.TWO_BIT, 3, 48, 160, 16, 64, LoopOrder.N_OUTER);
    MappingTraffic t = MappingTraffic.of(s, m);
    assertEquals(96 * 40, t.weightBytes());
    assertEquals(3, t.weightPasses());
    assertEquals(3 * 3840 + 4 * 8 * 160, t.dramReadBytes());
    assertEquals(2 * 3840, t.dramReadOverheadBytes());
    // Per pass: 2 N blocks x 3 tile rows x 3 K tiles (64, 64, 32).
    assertEquals(3 * 2 * 3 * 3, t.weightTiles());
    assertEquals(8 * 2, t.dequantScaleProducts());
  }

  @Test
  void sramLayoutOfAStressMapping() {
    BitLinearShape s = new BitLinearShape(8, 160, 96);
    Mapping m = new Mapping(ComputeUnit.LUT, Packing.LUT_G4, 4, 48, 64, 16, 32, LoopOrder.K_OUTER);
    SramLayout l = SramLayout.of(s, m, EDGE);
    // 16 rows x 7 bytes (32 weights = 8 groups of 7 bits) = 112, aligned to 64.
    assertEquals(128, l.slotBytes());
    assertEquals(4 * 160, l.bytesUsed(Buffer.ACT));
    assertEquals(2, l.accRegions());
    assertEquals(4L * 16 * 162, l.lutBytes());
  }

  /**
   * K blocks stream contiguously: the weights are chunk-major by block_k. M = 4, K = 160, N = 96 (BitLinearShape
   * tokens, in, out), LUT_G4 block_k 64: blocks of 64, 64, 32 weights = 16, 16, 8 groups of 7 bits = 14, 14, 7
   * bytes a row (35 for all of K). Block kb of the 96 rows starts at 96 x packedRowBytes(k0): 0, 1344, 2688; rows
   * 48 .. 95 of a block start 48 x its row bytes further in.
   */
  @Test
  void kBlocksAreContiguousRunsOfAChunkMajorImage() {
    BitLinearShape s = new BitLinearShape(4, 160, 96);
    Mapping m = new Mapping(ComputeUnit.LUT, Packing.LUT_G4, 4, 48, 64, 16, 32, LoopOrder.K_OUTER);
    CompiledBitLinear c = new BitLinearMapper(EDGE).compile(s, m, 1f);
    long base = c.dram().weightsAddr();
    List<LoopWeights> loops = c.program().stream().filter(i -> i instanceof LoopWeights).map(i -> (LoopWeights) i)
        .toList();
    // K_OUTER: for kb, for nb -> (kb 0, n0 0), (kb 0, n0 48), (kb 1, n0 0), ... (kb 2, n0 48)
    long[][] expected = {{0, 14}, {48 * 14, 14}, {1344, 14}, {1344 + 48 * 14, 14}, {2688, 7}, {2688 + 48 * 7, 7}};
    assertEquals(expected.length, loops.size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(base + expected[i][0], loops.get(i).dramAddr(), "loop " + i);
      assertEquals(expected[i][1], loops.get(i).dramRowStrideBytes(), "loop " + i);
    }
    // The image: row r's block kb lands at 96 x packedRowBytes(k0) + r x its row bytes.
    byte[] rowMajor = new byte[96 * 35];
    for (int r = 0; r < 96; r++) {
      for (int b = 0; b < 35; b++) {
        rowMajor[r * 35 + b] = (byte) (r * 31 + b);
      }
    }
    byte[] image = WeightImage.chunkMajor(rowMajor, Packing.LUT_G4, 96, 160, 64);
    assertEquals(rowMajor[5 * 35 + 14 + 2], image[1344 + 5 * 14 + 2]);
    assertEquals(rowMajor[95 * 35 + 28 + 3], image[2688 + 95 * 7 + 3]);
    assertEquals(rowMajor.length, image.length);
    assertEquals(rowMajor, WeightImage.chunkMajor(rowMajor, Packing.LUT_G4, 96, 160, 160), "one chunk is row-major");
    assertThrows(IllegalArgumentException.class, () -> WeightImage.chunkMajor(rowMajor, Packing.LUT_G4, 96, 160, 20));
  }

  /**
   * On a target whose weight buffer is not double-buffered (tellme-kv260), every LOOP.WEIGHTS names one slot twice
   * and one compute->load token circulates (two would let a loop's first load overwrite the slot the previous loop
   * still reads); the BitLinear cross-check passes on such a program with several K blocks.
   */
  @Test
  void oneWeightSlotStreamsEveryTileThroughTheSameSlotWithOneToken() {
    IsaTarget tellme = Machine.isaTarget(ArchConfigs.preset("tellme-kv260"));
    assertEquals(1, tellme.weightSlots());
    BitLinearShape s = new BitLinearShape(4, 400, 64);
    Mapping m = new Mapping(ComputeUnit.LUT, Packing.LUT_G3, 1, 64, 168, 16, 168, LoopOrder.K_OUTER);
    List<Instruction> p = new BitLinearMapper(tellme).compile(s, m, 1f).program();
    List<LoopWeights> loops = p.stream().filter(i -> i instanceof LoopWeights).map(i -> (LoopWeights) i).toList();
    assertTrue(loops.size() >= 3, "several K blocks");
    loops.forEach(w -> assertEquals(w.slot0Addr(), w.slot1Addr()));
    long computeToLoad = p.stream().filter(i -> i instanceof dev.tritium.isa.Sync y
        && y.queue() == dev.tritium.isa.Queue.COMPUTE && y.deps().pushPrev()).count();
    assertEquals(1, computeToLoad);
    assertTrue(Validator.validate(p, tellme, Validator.Options.STRICT).ok(),
        () -> Validator.validate(p, tellme).findings().toString());
  }
}
