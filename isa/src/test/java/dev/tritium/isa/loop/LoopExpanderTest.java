package dev.tritium.isa.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.ComputeUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopExpanderTest {

  static final Deps PUSH_NEXT = new Deps(false, false, false, true);
  static final Deps POP_NEXT_PUSH_NEXT = new Deps(false, true, false, true);

  /** N=5, K=8, tile 2x4, TWO_BIT: NT=3, KT=2, T=6 tiles, 16 expanded instructions. */
  static List<Instruction> smallLoop(Deps gemmDeps) {
    return List.of(
        new LoopWeights(Deps.NONE, 0x1000, 2, 0x0, 0x100),
        new LoopBounds(Deps.NONE, 1, 5, 8, 2, 4, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(gemmDeps, 0x40, 0x80, 0, false, false, false));
  }

  @Test
  void expansionMatchesTheHandWrittenSequence() {
    List<Instruction> got = LoopExpander.expand(smallLoop(POP_NEXT_PUSH_NEXT));
    Deps gemmFirst = new Deps(true, true, true, false);
    Deps gemmMid = new Deps(true, false, true, false);
    Deps gemmNoPush = new Deps(true, false, false, false);
    Deps loadPop = new Deps(false, true, false, true);
    List<Instruction> expected = List.of(
        new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 8),
        new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 20),
        new Load(PUSH_NEXT, Buffer.WGT, 0x0, 0x1000, 2, 1, 2),
        new Load(PUSH_NEXT, Buffer.WGT, 0x100, 0x1001, 2, 1, 2),
        new GemmTernary(gemmFirst, 0x0, 0x40, 0x80, 1, 2, 4, Packing.TWO_BIT, false),
        new Load(loadPop, Buffer.WGT, 0x0, 0x1004, 2, 1, 2),
        new GemmTernary(gemmMid, 0x100, 0x44, 0x80, 1, 2, 4, Packing.TWO_BIT, true),
        new Load(loadPop, Buffer.WGT, 0x100, 0x1005, 2, 1, 2),
        new GemmTernary(gemmMid, 0x0, 0x40, 0x88, 1, 2, 4, Packing.TWO_BIT, false),
        new Load(loadPop, Buffer.WGT, 0x0, 0x1008, 1, 1, 2),
        new GemmTernary(gemmMid, 0x100, 0x44, 0x88, 1, 2, 4, Packing.TWO_BIT, true),
        new Load(loadPop, Buffer.WGT, 0x100, 0x1009, 1, 1, 2),
        new GemmTernary(gemmNoPush, 0x0, 0x40, 0x90, 1, 1, 4, Packing.TWO_BIT, false),
        new GemmTernary(new Deps(true, false, false, true), 0x100, 0x44, 0x90, 1, 1, 4, Packing.TWO_BIT, true),
        new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0),
        new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    assertEquals(expected, got);
    assertEquals(16, LoopExpander.expandedSize(smallLoop(POP_NEXT_PUSH_NEXT)));
  }

  @Test
  void restoresTheStridesInForceBeforeTheLoop() {
    List<Instruction> program = new ArrayList<>();
    program.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 4096));
    program.add(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 64));
    program.addAll(smallLoop(Deps.NONE));
    List<Instruction> got = LoopExpander.expand(program);
    assertEquals(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 4096), got.get(got.size() - 2));
    assertEquals(new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 64), got.get(got.size() - 1));
  }

  @Test
  void chainFlagsAddTheSlotTokensAtTheEdges() {
    List<Instruction> program = List.of(
        new LoopWeights(Deps.NONE, 0x1000, 2, 0x0, 0x100),
        new LoopBounds(Deps.NONE, 1, 5, 8, 2, 4, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(Deps.NONE, 0x40, 0x80, 0, true, true, true));
    List<Instruction> got = LoopExpander.expand(program);
    assertTrue(got.get(2).deps().popNext(), "load 0 waits for a slot");
    assertTrue(got.get(3).deps().popNext(), "load 1 waits for a slot");
    assertTrue(got.get(12).deps().pushPrev(), "op 4 frees its slot");
    assertTrue(got.get(13).deps().pushPrev(), "op 5 frees its slot");
    assertTrue(((GemmTernary) got.get(4)).accumulate(), "accumulate=1 also adds on the first K tile");
  }

  @Test
  void lutLoopsUseLutGemmAndOffsetTheTablesPerKTile() {
    // LUT_G3: K tiles cut every 24 weights (8 five-bit fields = 5 bytes); K=48, tile_k=24 -> KT=2;
    // tables of 27 int16 = 54 bytes, 16 groups per token.
    List<Instruction> program = List.of(
        new LoopWeights(Deps.NONE, 0, 30, 0x0, 0x200),
        new LoopBounds(Deps.NONE, 2, 4, 48, 4, 24, ComputeUnit.LUT, Packing.LUT_G3),
        new LoopGemm(Deps.NONE, 0, 0, 0x1000, false, false, false));
    List<Instruction> got = LoopExpander.expand(program);
    assertEquals(new Cfg(Deps.NONE, CfgReg.LUT_ROW_STRIDE_BYTES, 16 * 54), got.get(0));
    assertEquals(new Load(PUSH_NEXT, Buffer.WGT, 0x200, 5, 4, 5, 30), got.get(3));
    LutGemm second = (LutGemm) got.get(5);
    assertEquals(0x1000 + 8 * 54, second.lutAddr());
    assertEquals(24, second.k());
    assertTrue(second.accumulate());
  }

  @Test
  void invalidLoopConfigurationIsRejectedNamingTheMacroAndField() {
    List<Instruction> missing = List.of(new LoopGemm(Deps.NONE, 0, 0, 0, false, false, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopExpander.expand(missing));
    assertTrue(e.getMessage().startsWith("#0 LOOP.GEMM field loop: no LOOP.WEIGHTS"), e.getMessage());
    List<Instruction> badCut = List.of(
        new LoopWeights(Deps.NONE, 0, 100, 0x0, 0x1000),
        new LoopBounds(Deps.NONE, 1, 4, 100, 4, 6, ComputeUnit.MAC, Packing.BASE3),
        new LoopGemm(Deps.NONE, 0, 0, 0, false, false, false));
    IllegalArgumentException cut = assertThrows(IllegalArgumentException.class, () -> LoopExpander.expand(badCut));
    assertTrue(cut.getMessage().contains("field tile_k: tile_k 6 must be a multiple of 5"), cut.getMessage());
  }

  @Test
  void programsWithoutMacrosExpandToThemselves() {
    List<Instruction> program = List.of(new Load(PUSH_NEXT, Buffer.ACT, 0, 0, 1, 16, 16),
        new Finish(new Deps(true, false, false, false)));
    assertEquals(program, LoopExpander.expand(program));
  }

  @Test
  void aMillionTileLoopStreamsWithoutMaterializing() {
    List<Instruction> program = List.of(
        new LoopWeights(Deps.NONE, 0, 1, 0x0, 0x10),
        new LoopBounds(Deps.NONE, 1, 1_000_000, 4, 1, 4, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(Deps.NONE, 0, 0, 0, false, false, false),
        new Finish(Deps.NONE));
    long count = 0;
    long loads = 0;
    Iterator<ExpandedInstruction> it = LoopExpander.stream(program);
    while (it.hasNext()) {
      ExpandedInstruction e = it.next();
      count++;
      if (e.instruction() instanceof Load) {
        loads++;
      }
    }
    assertEquals(2_000_004 + 1, count);
    assertEquals(1_000_000, loads);
    assertEquals(count, LoopExpander.expandedSize(program));
  }

  @Test
  void queueStreamsSplitTheExpansionPerQueueInOrder() {
    List<Instruction> program = new ArrayList<>(smallLoop(Deps.NONE));
    program.add(new Finish(Deps.NONE));
    List<Instruction> expanded = LoopExpander.expand(program);
    QueueStreams streams = new QueueStreams(program);
    for (Queue q : new Queue[] {Queue.COMPUTE, Queue.LOAD, Queue.STORE}) {
      List<Instruction> got = new ArrayList<>();
      while (streams.hasNext(q)) {
        got.add(streams.next(q).instruction());
      }
      assertEquals(expanded.stream().filter(i -> i.queue() == q).toList(), got, q.name());
    }
  }
}
