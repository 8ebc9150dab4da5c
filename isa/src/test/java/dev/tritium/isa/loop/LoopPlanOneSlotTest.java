package dev.tritium.isa.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Queue;
import dev.tritium.isa.validate.Finding;
import dev.tritium.isa.validate.TokenCounter;
import dev.tritium.isa.validate.ValidationReport;
import dev.tritium.isa.validate.Validator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One-slot LOOP.GEMM (slot0_addr == slot1_addr), hand-expanded from LoopPlan's Javadoc and isa/README.md
 * "One slot": LOAD 0; then for t = 0..T-2: OP t, LOAD t+1; then OP T-1. A LOAD pops compute-&gt;load when
 * t &gt;= 1 (or t = 0 and wait_slots); an op pushes it when t + 1 &lt; T (or t = T-1 and free_slots).
 *
 * <p>The loop used throughout: MAC, TWO_BIT (4 weights per byte), M = 1, N = 6, K = 8, tile 2 x 8:
 * NT = ceil(6/2) = 3, KT = ceil(8/8) = 1, T = 3, 2T + 4 = 10 expanded instructions. A tile is tn = 2 rows of
 * packedRowBytes(8) = 2 bytes; DRAM rows are 2 bytes apart, so tile t starts at dram 0x1000 + 2 * 2t.
 */
class LoopPlanOneSlotTest {

  static final Deps PUSH_NEXT = new Deps(false, false, false, true);
  static final Deps LOAD_POP = new Deps(false, true, false, true);

  /** Buffers far larger than the loop, MAC 32 x 32, one weight slot. */
  static final IsaTarget ONE_SLOT = new IsaTarget("one-slot", 1 << 20, 1 << 20, 1 << 20, 1 << 20, 1 << 20, 32, 32,
      Optional.of(new LutUnit(3, LutVariant.TERNARY_BASE3)), 64,
      EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.LUT_G3), 1);

  static LoopWeights weights(long slot0, long slot1) {
    return new LoopWeights(Deps.NONE, 0x1000, 2, slot0, slot1);
  }

  static final LoopBounds THREE_TILES = new LoopBounds(Deps.NONE, 1, 6, 8, 2, 8, ComputeUnit.MAC, Packing.TWO_BIT);

  static LoopGemm gemm(Deps deps, boolean waitSlots, boolean freeSlots) {
    return new LoopGemm(deps, 0x40, 0x80, 0, false, waitSlots, freeSlots);
  }

  static GemmTernary op(Deps d, long slot, long acc) {
    return new GemmTernary(d, slot, 0x40, acc, 1, 2, 8, Packing.TWO_BIT, false);
  }

  @Test
  void oneSlotInterleavesOpThenNextLoad() {
    LoopPlan plan = LoopPlan.of(weights(0x200, 0x200), THREE_TILES, gemm(Deps.NONE, false, false), 7, 9);
    assertTrue(plan.singleSlot());
    assertEquals(3, plan.tiles());
    assertEquals(10, plan.size());
    Deps opPush = new Deps(true, false, true, false); // pop_prev; push_prev since t + 1 < 3
    Deps lastOp = new Deps(true, false, false, false); // t = T-1 without free_slots: no push
    List<Instruction> expected = List.of(
        new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 8), // K
        new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 24), // 4N
        new Load(PUSH_NEXT, Buffer.WGT, 0x200, 0x1000, 2, 2, 2), // t = 0 without wait_slots: no pop
        op(opPush, 0x200, 0x80), // acc = acc_addr + 4 * n0, n0 = 0
        new Load(LOAD_POP, Buffer.WGT, 0x200, 0x1004, 2, 2, 2), // t = 1 waits for op 0
        op(opPush, 0x200, 0x88), // n0 = 2
        new Load(LOAD_POP, Buffer.WGT, 0x200, 0x1008, 2, 2, 2), // t = 2 waits for op 1
        op(lastOp, 0x200, 0x90), // n0 = 4
        new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 7),
        new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 9));
    List<Instruction> got = new ArrayList<>();
    for (long i = 0; i < plan.size(); i++) {
      got.add(plan.instruction(i));
    }
    assertEquals(expected, got);
  }

  @Test
  void oneSlotChainFlagsMoveOneTokenAtEachEdge() {
    // wait_slots: load 0 also pops; free_slots: op T-1 also pushes. The macro's pop_next goes on op 0 and its
    // push_next on op T-1.
    LoopPlan plan = LoopPlan.of(weights(0x200, 0x200), THREE_TILES,
        gemm(new Deps(false, true, false, true), true, true), 0, 0);
    assertEquals(new Load(LOAD_POP, Buffer.WGT, 0x200, 0x1000, 2, 2, 2), plan.instruction(2));
    assertEquals(op(new Deps(true, true, true, false), 0x200, 0x80), plan.instruction(3));
    assertEquals(op(new Deps(true, false, true, false), 0x200, 0x88), plan.instruction(5));
    assertEquals(op(new Deps(true, false, true, true), 0x200, 0x90), plan.instruction(7));
    // Exactly one load pops beyond the in-loop T - 1 = 2, and exactly one op pushes beyond them: 3 and 3.
    long loadPops = 0;
    long opPushes = 0;
    for (long i = 0; i < plan.size(); i++) {
      Instruction insn = plan.instruction(i);
      loadPops += insn instanceof Load && insn.deps().popNext() ? 1 : 0;
      opPushes += insn instanceof GemmTernary && insn.deps().pushPrev() ? 1 : 0;
    }
    assertEquals(3, loadPops);
    assertEquals(3, opPushes);
  }

  @Test
  void twoSlotModeKeepsItsOrderAndTokenRule() {
    // Same loop, slots 0x200 / 0x300: LOAD 0, then LOAD t+1 before OP t; then OP T-1. A LOAD pops when t >= 2
    // (t < 2 only with wait_slots); an op pushes when t + 2 < T (t >= T-2 only with free_slots).
    LoopPlan plan = LoopPlan.of(weights(0x200, 0x300), THREE_TILES, gemm(Deps.NONE, false, false), 0, 0);
    assertFalse(plan.singleSlot());
    List<Instruction> expected = List.of(
        new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 8),
        new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 24),
        new Load(PUSH_NEXT, Buffer.WGT, 0x200, 0x1000, 2, 2, 2),
        new Load(PUSH_NEXT, Buffer.WGT, 0x300, 0x1004, 2, 2, 2),
        op(new Deps(true, false, true, false), 0x200, 0x80),
        new Load(LOAD_POP, Buffer.WGT, 0x200, 0x1008, 2, 2, 2),
        op(new Deps(true, false, false, false), 0x300, 0x88),
        op(new Deps(true, false, false, false), 0x200, 0x90),
        new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0),
        new Cfg(Deps.NONE, CfgReg.ACC_ROW_STRIDE_BYTES, 0));
    List<Instruction> got = new ArrayList<>();
    for (long i = 0; i < plan.size(); i++) {
      got.add(plan.instruction(i));
    }
    assertEquals(expected, got);
  }

  @Test
  void problemsAcceptEqualSlotsButRejectPartiallyOverlappingOnes() {
    // A tile takes min(2, 6) rows x packedRowBytes(8) = 2 x 2 = 4 bytes.
    assertEquals(List.of(), LoopPlan.problems(weights(0x200, 0x200), THREE_TILES, gemm(Deps.NONE, false, false)));
    // Adjacent, not overlapping: [0x200, 0x204) and [0x204, 0x208).
    assertEquals(List.of(), LoopPlan.problems(weights(0x200, 0x204), THREE_TILES, gemm(Deps.NONE, false, false)));
    // [0x200, 0x204) and [0x202, 0x206) share two bytes.
    List<LoopPlan.Problem> overlap = LoopPlan.problems(weights(0x200, 0x202), THREE_TILES,
        gemm(Deps.NONE, false, false));
    assertEquals(1, overlap.size(), overlap.toString());
    assertEquals("slot1_addr", overlap.get(0).field());
    assertTrue(overlap.get(0).message().contains("overlap"), overlap.get(0).message());
    // Slot 1 below slot 0 overlapping it is rejected as well: [0x1fe, 0x202) and [0x200, 0x204).
    assertEquals("slot1_addr", LoopPlan.problems(weights(0x200, 0x1fe), THREE_TILES,
        gemm(Deps.NONE, false, false)).get(0).field());
  }

  /** Net pushes minus pops per counter over an explicit program, from each instruction's flags. */
  static Map<TokenCounter, Long> netTokens(List<Instruction> program) {
    Map<TokenCounter, Long> net = new EnumMap<>(TokenCounter.class);
    for (TokenCounter c : TokenCounter.values()) {
      net.put(c, 0L);
    }
    for (Instruction insn : program) {
      Queue q = insn.queue();
      Deps d = insn.deps();
      if (d.popPrev()) {
        net.merge(TokenCounter.popped(q, true), -1L, Long::sum);
      }
      if (d.popNext()) {
        net.merge(TokenCounter.popped(q, false), -1L, Long::sum);
      }
      if (d.pushPrev()) {
        net.merge(TokenCounter.pushed(q, true), 1L, Long::sum);
      }
      if (d.pushNext()) {
        net.merge(TokenCounter.pushed(q, false), 1L, Long::sum);
      }
    }
    return net;
  }

  @Test
  void expandedOneSlotLoopKeepsTokensBalanced() {
    List<Instruction> program = List.of(weights(0x200, 0x200), THREE_TILES, gemm(Deps.NONE, false, false),
        new Finish(Deps.NONE));
    List<Instruction> expanded = LoopExpander.expand(program);
    assertEquals(10 + 1, expanded.size());
    // load->compute: 3 loads push, 3 ops pop; compute->load: ops 0 and 1 push, loads 1 and 2 pop.
    for (Map.Entry<TokenCounter, Long> e : netTokens(expanded).entrySet()) {
      assertEquals(0L, e.getValue(), e.getKey().label());
    }
    // The validator's static token simulation (deadlock + leftover tokens) and the strict overlap lint agree:
    // load t+1 rewrites the slot op t read, and the op's push_prev orders them.
    ValidationReport report = Validator.validate(program, ONE_SLOT, Validator.Options.STRICT);
    assertEquals(List.of(), report.findings());
    assertEquals(11, report.expandedInstructions());
  }

  @Test
  void chainedOneSlotLoopsHandOverOneTokenAndAnUnpairedWaitDeadlocks() {
    // First loop frees its slot (op T-1 pushes one compute->load token), the next waits for it (load 0 pops).
    List<Instruction> chained = new ArrayList<>(List.of(
        weights(0x200, 0x200), THREE_TILES, gemm(Deps.NONE, false, true),
        new LoopWeights(Deps.NONE, 0x2000, 2, 0x200, 0x200),
        new LoopBounds(Deps.NONE, 1, 6, 8, 2, 8, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(Deps.NONE, 0x40, 0x400, 0, false, true, false),
        new Sync(Deps.NONE, Queue.COMPUTE),
        new Finish(Deps.NONE)));
    assertEquals(List.of(), Validator.validate(chained, ONE_SLOT, Validator.Options.STRICT).findings());
    for (Map.Entry<TokenCounter, Long> e : netTokens(LoopExpander.expand(chained)).entrySet()) {
      assertEquals(0L, e.getValue(), e.getKey().label());
    }
    // A lone loop that waits for a slot nobody frees: load 0 pops a token that is never pushed.
    List<Instruction> lone = List.of(weights(0x200, 0x200), THREE_TILES, gemm(Deps.NONE, true, false),
        new Finish(Deps.NONE));
    assertEquals(-1L, netTokens(LoopExpander.expand(lone)).get(TokenCounter.COMPUTE_TO_LOAD));
    List<Finding> errors = Validator.validate(lone, ONE_SLOT, Validator.Options.STRICT).errors();
    assertTrue(errors.stream().anyMatch(f -> f.message().startsWith("deadlock: load")), errors.toString());
  }
}
