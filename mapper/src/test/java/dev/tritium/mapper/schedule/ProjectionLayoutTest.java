package dev.tritium.mapper.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LUT lowering's DRAM layout, one-slot weight streams and weight-resident prefill on tellme-kv260: LUT g = 3
 * base-3 tables of 27 int16 entries = 54 bytes in the ISA image, a 3024-byte table store = 56 tables = 168
 * activations per K chunk (a multiple of lut-g3's 24-weight byte cut), one weight slot of the whole WGT buffer.
 */
class ProjectionLayoutTest {

  private static final IsaTarget TELLME = Machine.isaTarget(ArchConfigs.preset("tellme-kv260"));
  private static final ProjectionLowering LUT = new ProjectionLowering(TELLME, ComputeUnit.LUT);

  @Test
  void weightsAreStoredChunkMajorAlongK() {
    assertEquals(1, TELLME.weightSlots());
    assertEquals(168, LUT.layoutChunk(400));
    // lut-g3 rows: K = 400 -> 134 groups x 5 bits = 84 bytes; chunks of K 168, 168, 64 -> 35, 35, 14 bytes.
    byte[] rowMajor = new byte[2 * 84];
    for (int i = 0; i < rowMajor.length; i++) {
      rowMajor[i] = (byte) i;
    }
    byte[] expected = new byte[168];
    int at = 0;
    int[][] chunks = {{0, 35}, {35, 35}, {70, 14}};
    for (int[] c : chunks) {
      for (int row = 0; row < 2; row++) {
        for (int b = 0; b < c[1]; b++) {
          expected[at++] = (byte) (row * 84 + c[0] + b);
        }
      }
    }
    assertArrayEquals(expected, LUT.dramImage(rowMajor, 2, 400));
    // The MAC array reads whole rows: its layout is row-major.
    ProjectionLowering mac = new ProjectionLowering(TELLME, ComputeUnit.MAC);
    assertEquals(400, mac.layoutChunk(400));
    byte[] macRows = new byte[2 * (int) mac.packing().packedRowBytes(400)];
    macRows[7] = 7;
    assertArrayEquals(macRows, mac.dramImage(macRows, 2, 400));
  }

  @Test
  void eachChunkStreamsContiguouslyThroughTheOneWeightSlot() {
    ProgramBuilder pb = new ProgramBuilder();
    LUT.emit(pb, 1, 8, 400, 4096, 8, 0, 1f, 0, 0, 0, 0);
    List<LoopWeights> loops = pb.finish().stream().filter(i -> i instanceof LoopWeights).map(i -> (LoopWeights) i)
        .toList();
    assertEquals(3, loops.size());
    // chunk c of an 8-row matrix starts 8 x packedRowBytes(c0) in: 0, 8 x 35, 8 x 70; rows of the chunk's width
    long[] dram = {4096, 4096 + 280, 4096 + 560};
    long[] stride = {35, 35, 14};
    for (int c = 0; c < 3; c++) {
      assertEquals(dram[c], loops.get(c).dramAddr());
      assertEquals(stride[c], loops.get(c).dramRowStrideBytes());
      assertEquals(0, loops.get(c).slot0Addr());
      assertEquals(0, loops.get(c).slot1Addr(), "one slot: both slot addresses equal");
    }
    // A column block [3, 8) of the same matrix starts 3 rows into each chunk.
    ProgramBuilder block = new ProgramBuilder();
    LUT.emit(block, 1, 5, 400, 4096, 8, 3, 1f, 0, 0, 0, 0);
    List<LoopWeights> b = block.finish().stream().filter(i -> i instanceof LoopWeights).map(i -> (LoopWeights) i)
        .toList();
    assertEquals(4096 + 3 * 35, b.get(0).dramAddr());
    assertEquals(4096 + 560 + 3 * 14, b.get(2).dramAddr());
  }

  @Test
  void prefillOnASmallTableStoreKeepsTheWeightsResidentAndRunsTokenByToken() {
    // 4 tokens x 56 tables x 54 bytes = 12096 > 3024: the tables of all tokens do not fit one K chunk
    assertTrue(LUT.resident(4, 400));
    assertFalse(LUT.resident(1, 400), "one token streams");
    ProgramBuilder pb = new ProgramBuilder();
    long act = 0x100;
    long acc = 0x40;
    LUT.emit(pb, 4, 8, 400, 4096, 8, 0, 1f, act, 0, 0, acc);
    List<Instruction> p = pb.finish();
    List<Load> loads = p.stream().filter(i -> i instanceof Load l && l.buffer() == Buffer.WGT).map(i -> (Load) i)
        .toList();
    assertEquals(3, loads.size(), "each chunk loaded once");
    assertEquals(List.of(0L, 280L, 560L), loads.stream().map(Load::sramAddr).toList());
    List<LutGemm> gemms = p.stream().filter(i -> i instanceof LutGemm).map(i -> (LutGemm) i).toList();
    List<LutBuild> builds = p.stream().filter(i -> i instanceof LutBuild).map(i -> (LutBuild) i).toList();
    assertEquals(12, gemms.size(), "4 tokens x 3 chunks");
    assertEquals(12, builds.size());
    for (int t = 0; t < 4; t++) {
      for (int c = 0; c < 3; c++) {
        LutGemm g = gemms.get(3 * t + c);
        LutBuild lb = builds.get(3 * t + c);
        assertEquals(1, g.m());
        assertEquals(8, g.n());
        assertEquals(acc + 4L * t * 8, g.accAddr());
        assertEquals(c > 0, g.accumulate());
        assertEquals(new long[] {0, 280, 560}[c], g.wgtAddr());
        assertEquals(act + 400L * t + 168L * c, lb.actAddr());
        assertEquals(c < 2 ? 168 : 64, lb.k());
      }
    }
    assertTrue(p.stream().noneMatch(i -> i instanceof LoopWeights), "no streamed loops");
  }

  @Test
  void residentRowsBuildEachTokensTablesOnceAndStoreEachRowAsItIsDone() {
    assertTrue(LUT.residentRows(4, 8, 400));
    ProgramBuilder pb = new ProgramBuilder();
    long dramOut = 1 << 20;
    List<dev.tritium.isa.Vec> dqs = LUT.emitResidentRows(pb, 4, 8, 400, 4096, 1f, 0x100, 0x20, 0x40, 0x800, dramOut);
    List<Instruction> p = pb.finish();
    assertEquals(4, dqs.size());
    assertEquals(12, p.stream().filter(i -> i instanceof LutBuild).count(), "4 tokens x 3 chunks, all 8 columns each");
    List<dev.tritium.isa.Store> stores = p.stream().filter(i -> i instanceof dev.tritium.isa.Store)
        .map(i -> (dev.tritium.isa.Store) i).toList();
    assertEquals(4, stores.size());
    for (int t = 0; t < 4; t++) {
      assertEquals(1, dqs.get(t).rows());
      assertEquals(0x20 + 4L * t, dqs.get(t).srcBAddr(), "token t's s_x");
      assertEquals(dramOut + 4L * t * 8, stores.get(t).dramAddr());
      assertEquals(32, stores.get(t).rowBytes());
    }
    // All of N's weights must fit the slot: 20,000 rows of 84 bytes (1.68 MB) exceed its 1,532,160 bytes.
    assertFalse(LUT.residentRows(4, 20_000, 400));
  }
}
