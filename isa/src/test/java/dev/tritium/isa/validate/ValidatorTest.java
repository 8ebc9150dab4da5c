package dev.tritium.isa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Programs;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

  static final IsaTarget EDGE = IsaTarget.edgeDefault();
  static final Deps PUSH_NEXT = new Deps(false, false, false, true);
  static final Deps POP_PREV = new Deps(true, false, false, false);
  final List<Instruction> good = Programs.bitLinear2560x6912();

  private static ValidationReport check(List<Instruction> program) {
    return Validator.validate(program, EDGE);
  }

  /** The single finding, which must be an error whose text contains every fragment. */
  private static void assertOnlyError(ValidationReport r, String... fragments) {
    assertEquals(1, r.findings().size(), r.findings().toString());
    Finding f = r.findings().get(0);
    assertEquals(Severity.ERROR, f.severity(), f.toString());
    for (String s : fragments) {
      assertTrue(f.toString().contains(s), "'" + s + "' not in: " + f);
    }
  }

  @Test
  void theBitLinearProgramIsCleanAndTensOfInstructions() {
    ValidationReport r = check(good);
    assertEquals(List.of(), r.findings());
    assertEquals(10, good.size());
    assertEquals(7 + 2 * 18 + 4, r.expandedInstructions());
  }

  @Test
  void aWeightSlotPastTheEndOfWgtIsRejectedAtTheExpandedLoad() {
    // slot 1 at 0x70000 + 384 rows x 640 bytes ends at 0xab000 > 512 KiB.
    List<Instruction> p = Programs.with(good, 3, new LoopWeights(Deps.NONE, 0x100000, 640, 0x0, 0x70000));
    ValidationReport r = check(p);
    assertFalse(r.ok());
    Finding f = r.errors().get(0);
    assertEquals("#5 LOOP.GEMM[+3 LOAD]", f.location());
    assertEquals("sram_addr", f.field());
    assertTrue(f.message().contains("WGT [0x70000, 0xac000), past the end of WGT (524288 bytes)"), f.message());
  }

  @Test
  void gemmWeightExtentIsExact() {
    // 64 rows x 640 bytes = 40960 bytes: ending exactly at 512 KiB is fine, one byte later is not.
    long lastFit = 524288 - 40960;
    List<Instruction> base = new ArrayList<>(List.of(
        new GemmTernary(Deps.NONE, lastFit, 0, 0, 1, 64, 2560, Packing.TWO_BIT, false), new Finish(Deps.NONE)));
    assertEquals(List.of(), check(base).findings());
    base.set(0, new GemmTernary(Deps.NONE, lastFit + 1, 0, 0, 1, 64, 2560, Packing.TWO_BIT, false));
    assertOnlyError(check(base), "#0 GEMM.T field wgt_addr", "weights (64 rows x 640 bytes)", "[0x76001, 0x80001)");
  }

  @Test
  void overlappingSlotsAreALoopError() {
    List<Instruction> p = Programs.with(good, 4, new LoopBounds(Deps.NONE, 1, 6912, 2560, 512, 2560, ComputeUnit.MAC,
        Packing.TWO_BIT));
    assertOnlyError(check(p), "#5 LOOP.GEMM field slot1_addr", "overlap");
  }

  @Test
  void aMissingComputeSyncLeavesATokenAndARace() {
    List<Instruction> p = Programs.with(good, 1, new Sync(Deps.NONE, Queue.COMPUTE));
    ValidationReport r = check(p);
    assertEquals(1, r.errors().size(), r.findings().toString());
    assertTrue(r.errors().get(0).message().contains("unbalanced at FINISH: 1 load->compute token"), r.errors().toString());
    assertEquals("#9 FINISH", r.errors().get(0).location());
    Finding race = r.warnings().get(0);
    assertEquals("#2 VEC.QUANT", race.location());
    assertTrue(race.message().contains("#0 LOAD (load queue, writes) and #2 VEC.QUANT (compute queue, reads)"
        + " both access VEC [0x0, 0x2800)"), race.message());
  }

  @Test
  void strictModeTurnsTheRaceIntoAnError() {
    List<Instruction> p = new ArrayList<>(List.of(
        new Load(Deps.NONE, Buffer.ACT, 0, 0, 1, 64, 64),
        new GemmTernary(Deps.NONE, 0, 0, 0, 1, 16, 64, Packing.TWO_BIT, false),
        new Finish(Deps.NONE)));
    assertEquals(Severity.WARNING, Validator.validate(p, EDGE).findings().get(0).severity());
    assertTrue(Validator.validate(p, EDGE).ok());
    ValidationReport strict = Validator.validate(p, EDGE, Validator.Options.STRICT);
    assertFalse(strict.ok());
    assertTrue(strict.errors().get(0).message().contains("ACT [0x0, 0x40)"), strict.errors().toString());
    // Disjoint ranges: no finding.
    p.set(0, new Load(Deps.NONE, Buffer.ACT, 64, 0, 1, 64, 64));
    assertEquals(List.of(), Validator.validate(p, EDGE, Validator.Options.STRICT).findings());
  }

  @Test
  void aPopNobodyPushesIsADeadlockNamingInstructionAndCounter() {
    List<Instruction> p = Programs.with(good, 9, new Finish(new Deps(false, true, false, false)));
    assertOnlyError(check(p), "#9 FINISH", "deadlock: compute #9 FINISH waiting on store->compute token",
        "no remaining store instruction pushes it");
  }

  @Test
  void aStoreWithoutItsPopLeavesAResultTokenAndRaces() {
    List<Instruction> p = Programs.with(good, 8, new Store(Deps.NONE, Buffer.VEC, 0x3000, 0x800000, 1, 27648, 27648));
    ValidationReport r = check(p);
    assertTrue(r.errors().get(0).message().contains("1 compute->store token"), r.findings().toString());
    assertEquals(1, r.warnings().size(), r.findings().toString());
  }

  @Test
  void recordValuesThatDoNotFitTheEncodingAreRejected() {
    assertOnlyError(check(List.of(new GemmTernary(Deps.NONE, 0, 0, 0, 1, 16, 20000, Packing.TWO_BIT, false),
        new Finish(Deps.NONE))), "#0 GEMM.T field k", "value 20000 does not fit the encoding, expected 0..16383");
    assertOnlyError(check(List.of(new Load(Deps.NONE, Buffer.ACT, -16, 0, 1, 16, 16), new Finish(Deps.NONE))),
        "#0 LOAD field sram_addr", "value -16 does not fit");
  }

  @Test
  void misalignedAccumulatorAddressIsRejected() {
    List<Instruction> p = List.of(new GemmTernary(Deps.NONE, 0, 0, 2, 1, 16, 64, Packing.TWO_BIT, false),
        new Finish(Deps.NONE));
    assertOnlyError(check(p), "acc_addr", "ACC address 0x2 is not 4-byte aligned");
  }

  @Test
  void unitsAndPackingsMustMatchTheTarget() {
    assertOnlyError(check(List.of(new LutBuild(Deps.NONE, 0, 0, 1, 64, 2, LutVariant.TERNARY_BASE3),
        new Finish(Deps.NONE))), "group_size", "LUT core builds groups of 3");
    assertOnlyError(check(List.of(new LutGemm(Deps.NONE, 0, 0, 0, 1, 4, 48, Packing.LUT_G2, false),
        new Finish(Deps.NONE))), "packing", "reads LUT_G3");
    assertOnlyError(check(List.of(new GemmTernary(Deps.NONE, 0, 0, 0, 1, 4, 48, Packing.LUT_G3, false),
        new Finish(Deps.NONE))), "packing", "MAC array reads TWO_BIT, BASE3 or SIGN_BITS");
    // The LUT ops that do match the target are accepted.
    assertEquals(List.of(), check(List.of(new LutBuild(Deps.NONE, 0, 0, 1, 48, 3, LutVariant.TERNARY_BASE3),
        new LutGemm(Deps.NONE, 0, 0, 0, 1, 4, 48, Packing.LUT_G3, false), new Finish(Deps.NONE))).findings());
  }

  private static IsaTarget binaryTarget(int g, LutVariant v) {
    return new IsaTarget("binary", 512 * 1024, 128 * 1024, 256 * 1024, 128 * 1024, 256 * 1024, 32, 64,
        java.util.Optional.of(new dev.tritium.isa.LutUnit(g, v)), 64,
        java.util.EnumSet.of(Packing.TWO_BIT, Packing.BASE3, Packing.SIGN_BITS));
  }

  @Test
  void binaryTablesReadSignBitsOnlyForGroupSizesTwoAndFour() {
    IsaTarget t = binaryTarget(4, LutVariant.BINARY_MIRROR);
    // k = 44: 11 groups of 4, tables of 8 int16 entries; SIGN_BITS rows of 6 bytes.
    assertEquals(List.of(), Validator.validate(List.of(new LutBuild(Deps.NONE, 0, 0, 1, 44, 4, LutVariant.BINARY_MIRROR),
        new LutGemm(Deps.NONE, 0, 0, 0, 1, 4, 44, Packing.SIGN_BITS, false), new Finish(Deps.NONE)), t).findings());
    // A ternary packing on a binary-table core is refused.
    assertOnlyError(Validator.validate(List.of(new LutGemm(Deps.NONE, 0, 0, 0, 1, 4, 48, Packing.LUT_G3, false),
        new Finish(Deps.NONE)), t), "packing", "reads SIGN_BITS");
    // SIGN_BITS on a ternary-table core is refused.
    assertOnlyError(check(List.of(new LutGemm(Deps.NONE, 0, 0, 0, 1, 4, 48, Packing.SIGN_BITS, false),
        new Finish(Deps.NONE))), "packing", "reads LUT_G3");
    // g = 3 does not divide a byte: the build is refused, and the core has no weight packing.
    IsaTarget g3 = binaryTarget(3, LutVariant.BINARY);
    assertOnlyError(Validator.validate(List.of(new LutBuild(Deps.NONE, 0, 0, 1, 48, 3, LutVariant.BINARY),
        new Finish(Deps.NONE)), g3), "group_size", "BINARY tables need group size 2 or 4", "got 3");
    assertOnlyError(Validator.validate(List.of(new LutGemm(Deps.NONE, 0, 0, 0, 1, 4, 48, Packing.SIGN_BITS, false),
        new Finish(Deps.NONE)), g3), "packing", "has no weight packing");
  }

  @Test
  void flagsMustExistForTheQueue() {
    assertOnlyError(check(List.of(new Load(new Deps(true, false, false, false), Buffer.ACT, 0, 0, 1, 16, 16),
        new Finish(Deps.NONE))), "#0 LOAD field pop_prev", "the load queue has no previous queue");
    assertOnlyError(check(List.of(new Sync(new Deps(false, false, false, true), Queue.STORE),
        new Finish(Deps.NONE))), "push_next", "the store queue has no next queue");
  }

  @Test
  void vectorOpsNeedTheirConfigRegisters() {
    List<Instruction> p = Programs.with(good, 6, new Sync(Deps.NONE, Queue.COMPUTE));
    assertOnlyError(check(p), "#7 VEC.DEQUANT", "DEQUANT_WEIGHT_SCALE");
    assertOnlyError(check(List.of(Cfg.ofFloat(Deps.NONE, CfgReg.ROPE_THETA, 500000f),
        new Vec(Deps.NONE, VecOp.ROPE, 0, 0, 0, 1, 256, 0), new Finish(Deps.NONE))),
        "#1 VEC.ROPE field len", "ROPE needs CFG ROPE_HEAD_DIM even and dividing len 256, it is 0");
    assertEquals(List.of(), check(List.of(Cfg.ofFloat(Deps.NONE, CfgReg.ROPE_THETA, 500000f),
        new Cfg(Deps.NONE, CfgReg.ROPE_HEAD_DIM, 128), new Vec(Deps.NONE, VecOp.ROPE, 0, 0, 0, 1, 256, 0),
        new Finish(Deps.NONE))).findings());
  }

  /** A CFG of NaN or infinity is refused where it is used, by the simulator's rule (it used to validate). */
  @Test
  void nonFiniteConfigRegistersAreInvalid() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      assertOnlyError(check(List.of(Cfg.ofFloat(Deps.NONE, CfgReg.ROPE_THETA, bad),
          new Cfg(Deps.NONE, CfgReg.ROPE_HEAD_DIM, 128), new Vec(Deps.NONE, VecOp.ROPE, 0, 0, 0, 1, 256, 0),
          new Finish(Deps.NONE))), "#2 VEC.ROPE", "ROPE needs CFG ROPE_THETA finite and nonzero, but the last CFG set "
          + "it to " + bad);
    }
    assertTrue(CfgReg.DEQUANT_WEIGHT_SCALE.usable(Integer.toUnsignedLong(Float.floatToRawIntBits(1.25f))));
    assertTrue(!CfgReg.DEQUANT_WEIGHT_SCALE.usable(Integer.toUnsignedLong(Float.floatToRawIntBits(Float.NaN))));
  }

  @Test
  void partlyOverlappingInPlaceOperandsAreRejected() {
    assertEquals(List.of(), check(List.of(new Vec(Deps.NONE, VecOp.ADD, 0, 0, 0x1000, 2, 64, 0),
        new Finish(Deps.NONE))).findings());
    assertOnlyError(check(List.of(new Vec(Deps.NONE, VecOp.ADD, 4, 0, 0x1000, 2, 64, 0), new Finish(Deps.NONE))),
        "dst_addr", "partly overlaps src_a_addr");
  }

  @Test
  void theProgramMustEndWithOneFinish() {
    List<Instruction> p = new ArrayList<>(good.subList(0, 9));
    ValidationReport r = check(p);
    assertTrue(r.errors().stream().anyMatch(f -> f.message().equals("the program must end with FINISH")),
        r.findings().toString());
  }

  @Test
  void chainedLoopsMustSwapSlotsWhenTheFirstHasAnOddTileCount() {
    // Loop 1: 3 tiles (slots 0,1,0) leaves its last two slot tokens (for slot 1, then slot 0).
    List<Instruction> p = new ArrayList<>();
    p.add(new LoopWeights(Deps.NONE, 0x0, 640, 0x0, 0x40000));
    p.add(new LoopBounds(Deps.NONE, 1, 3 * 128, 2560, 128, 2560, ComputeUnit.MAC, Packing.TWO_BIT));
    p.add(new LoopGemm(Deps.NONE, 0, 0, 0, false, false, true));
    p.add(new LoopWeights(Deps.NONE, 0x100000, 640, 0x40000, 0x0));
    p.add(new LoopGemm(Deps.NONE, 0, 0x1000, 0, false, true, false));
    p.add(new Finish(Deps.NONE));
    assertEquals(List.of(), check(p).findings());
    // Same slot order in loop 2: its first load overwrites slot 0 while loop 1's last tile may read it.
    List<Instruction> racy = Programs.with(p, 3, new LoopWeights(Deps.NONE, 0x100000, 640, 0x0, 0x40000));
    ValidationReport r = check(racy);
    assertTrue(r.ok());
    assertTrue(r.warnings().get(0).message().contains("#2 LOOP.GEMM[+7 GEMM.T] (compute queue, reads) and"
        + " #4 LOOP.GEMM[+2 LOAD] (load queue, writes) both access WGT"), r.warnings().toString());
  }

  @Test
  void aFloodOfFindingsIsCappedButStillFails() {
    // 70k one-row tiles write ACC rows far past 256 KiB: every tile is an error, only 200 are kept.
    List<Instruction> p = List.of(
        new LoopWeights(Deps.NONE, 0, 1, 0x0, 0x10),
        new LoopBounds(Deps.NONE, 1, 70_000, 4, 1, 4, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(Deps.NONE, 0, 0, 0, false, false, false),
        new Finish(Deps.NONE));
    ValidationReport r = check(p);
    assertEquals(200, r.findings().size());
    assertEquals(70_000 - 65_536 - 200, r.suppressedErrors());
    assertFalse(r.ok());
  }

  @Test
  void largeLoopsAreValidatedByStreaming() {
    List<Instruction> p = List.of(
        new LoopWeights(Deps.NONE, 0, 1, 0x0, 0x10),
        new LoopBounds(Deps.NONE, 1, 20_000, 4, 1, 4, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(Deps.NONE, 0, 0, 0, false, false, false),
        new Finish(Deps.NONE));
    ValidationReport r = check(p);
    assertEquals(List.of(), r.findings());
    assertEquals(2 * 20_000 + 4 + 1, r.expandedInstructions());
  }

  /** A LOOP.GEMM of billions of tiles is INVALID at once (it used to validate, then simulate without end). */
  @Test
  void programsTooLargeToSimulateAreInvalid() {
    List<Instruction> p = Programs.with(Programs.bitLinear2560x6912(), 4,
        new LoopBounds(Deps.NONE, 1, 1 << 26, 2560, 1, 2560, ComputeUnit.MAC, Packing.TWO_BIT));
    long t0 = System.nanoTime();
    ValidationReport r = check(p);
    assertTrue(!r.ok(), r.toString());
    assertTrue(r.findings().stream().anyMatch(f -> f.message().contains("instructions after LOOP.GEMM expansion, more "
        + "than the 50000000 one simulation runs")), r.findings().toString());
    assertTrue((System.nanoTime() - t0) / 1e9 < 30, "validation itself must not walk the expansion");
  }
}
