package dev.tritium.mapper.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.simulator.config.ArchConfigs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault must turn the cross-check to FAIL, on both units, and the unmutated run must PASS (so
 * the failure is the fault's doing). Each case also names the row that must catch it.
 */
class MutationTest {

  private static final BitLinearCrossCheck CHECK = new BitLinearCrossCheck(ArchConfigs.resolve("edge-fpga-mac"));
  private static final IsaTarget TARGET = CHECK.runner().target();
  private static final BitLinearShape SHAPE = new BitLinearShape(3, 160, 96);
  private static final BitLinearCase CASE = BitLinearCase.seeded("mutation", 3, 160, 96, 99, 3);

  static Stream<Arguments> faults() {
    List<Mutation> faults = List.of(
        new Mutation.DramWeight(5, 17),
        new Mutation.WgtSramWeight(),
        new Mutation.ActivationScale(),
        Mutation.InstructionField.weightScaleImmediate(),
        Mutation.InstructionField.weightAddress(),
        Mutation.InstructionField.loopK(32),
        new Mutation.GoldenValue(false),
        new Mutation.GoldenValue(true));
    // A shorter k either leaves accumulators short or breaks a weight row's packing: both are caught.
    List<String> catchers = List.of("accumulators", "accumulators", "outputs", "outputs", "accumulators",
        "accumulators|simulation", "accumulators", "outputs");
    return Stream.of(ComputeUnit.values()).flatMap(u -> java.util.stream.IntStream.range(0, faults.size())
        .mapToObj(i -> Arguments.of(u, faults.get(i), catchers.get(i))));
  }

  private static Mapping mapping(ComputeUnit unit) {
    Packing p = unit == ComputeUnit.MAC ? Packing.BASE3 : TARGET.lut().orElseThrow().packing();
    return CrossCheckCases.stress(SHAPE, unit, p, unit == ComputeUnit.LUT ? LoopOrder.K_OUTER : LoopOrder.N_OUTER, TARGET);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("faults")
  void everyFaultFails(ComputeUnit unit, Mutation fault, String caughtBy) {
    Mapping m = mapping(unit);
    assertTrue(CHECK.run(CASE, m).passed(), "the unmutated cross-check must pass");
    CrossCheckReport r = CHECK.run(CASE, m, fault);
    assertFalse(r.passed(), () -> "fault not caught: " + fault.describe() + "\n" + r.render());
    CheckRow row = r.rows().stream().filter(x -> java.util.Arrays.stream(caughtBy.split("\\|"))
        .anyMatch(x.check()::startsWith)).findFirst().orElse(null);
    assertNotNull(row, r::render);
    assertEquals(Verdict.FAIL, row.verdict(), r::render);
  }

  /**
   * tellme-kv260 (one weight slot, chunk-major weights by 168-weight K blocks): the single-layer program passes and a
   * DRAM weight flip in a later K block or a mutated weight address fails it.
   */
  @Test
  void oneWeightSlotProgramsPassAndCatchFaults() {
    BitLinearCrossCheck tellme = new BitLinearCrossCheck(ArchConfigs.resolve("tellme-kv260"));
    BitLinearCase c = BitLinearCase.seeded("one-slot", 2, 400, 64, 7, 2);
    Mapping m = new Mapping(ComputeUnit.LUT, Packing.LUT_G3, 1, 64, 168, 16, 168, LoopOrder.K_OUTER);
    assertTrue(tellme.run(c, m).passed(), () -> tellme.run(c, m).render());
    for (Mutation fault : List.of(new Mutation.DramWeight(3, 300), Mutation.InstructionField.weightAddress())) {
      CrossCheckReport r = tellme.run(c, m, fault);
      assertFalse(r.passed(), () -> "fault not caught: " + fault.describe() + "\n" + r.render());
    }
  }
}
