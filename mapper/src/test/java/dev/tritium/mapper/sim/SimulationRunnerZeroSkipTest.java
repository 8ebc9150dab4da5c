package dev.tritium.mapper.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Packing;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.engine.ValueSemantics;
import dev.tritium.simulator.memory.MachineState;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The runner's functional mode tells a {@code zero_skip: cycles} array the real zero weights, also
 * through a wrapper written as a lambda (as the cross-checks' probes are); timing-only mode skips nothing.
 */
class SimulationRunnerZeroSkipTest {

  private static final ArchConfig EDGE = ArchConfigs.resolve("edge-fpga-mac");

  private static ArchConfig withZeroSkip(ZeroSkip z) {
    TernaryMacArrayConfig m = EDGE.macArray();
    return EDGE.withMacArray(m.withZeroSkip(z));
  }

  /**
   * One token, n=64, k=64 on the 32 x 64 WS array: 2 folds of 2*32 + 64 + 1 - 2 = 127 cycles. The
   * weights of k 32..63 are all zero (2-bit code 1 in every field: byte 0x55), so cycles mode runs one fold.
   */
  @Test
  void functionalRunsSkipTheZeroFoldAndKeepTheValues() {
    List<Instruction> program = List.of(
        new GemmTernary(Deps.NONE, 0, 0, 0, 1, 64, 64, Packing.TWO_BIT, false), new Finish(Deps.NONE));
    long[] busy = new long[3];
    int[][] acc = new int[3][];
    ZeroSkip[] modes = {ZeroSkip.CYCLES, ZeroSkip.ENERGY, ZeroSkip.CYCLES};
    for (int i = 0; i < modes.length; i++) {
      SimulationRunner runner = new SimulationRunner(withZeroSkip(modes[i]));
      MachineState state = runner.newState();
      byte[] w = new byte[64 * 16];
      for (int row = 0; row < 64; row++) {
        Arrays.fill(w, row * 16, row * 16 + 8, (byte) 0xAA); // weights +1 (2-bit code 2 in every field)
        Arrays.fill(w, row * 16 + 8, row * 16 + 16, (byte) 0x55); // k 32..63: zero
      }
      state.buffer(Buffer.WGT).write(0, w, 0, w.length);
      byte[] x = new byte[64];
      Arrays.fill(x, (byte) 3);
      state.buffer(Buffer.ACT).write(0, x, 0, x.length);
      UnaryOperator<ValueSemantics> lambdaProbe = base -> base::execute;
      var r = i < 2 ? runner.functional(program, state) : runner.functional(program, state, lambdaProbe);
      busy[i] = r.stats().unit("mac_array").busyCycles();
      acc[i] = state.buffer(Buffer.ACC).readInt32s(0, 64);
    }
    assertEquals(127, busy[0]);
    assertEquals(254, busy[1]);
    assertEquals(127, busy[2]);
    int[] expected = new int[64];
    Arrays.fill(expected, 32 * 3);
    for (int[] a : acc) {
      assertArrayEquals(expected, a);
    }
    assertEquals(254, new SimulationRunner(withZeroSkip(ZeroSkip.CYCLES)).timingOnly(program)
        .stats().unit("mac_array").busyCycles());
  }
}
