package dev.tritium.mapper.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.BitLinearMapper;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.CompiledBitLinear;
import dev.tritium.mapper.bitlinear.LoopOrder;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.WeightImage;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.memory.MachineState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tokens make the overlapped run compute exactly what a fully serial run computes (no hazard on
 * the double buffers), and the double buffering buys time: overlapped cycles are strictly fewer.
 */
class OverlapTest {

  private static final ArchConfig ARCH = ArchConfigs.resolve("edge-fpga-mac");

  @ParameterizedTest
  @EnumSource(ComputeUnit.class)
  void overlappedEqualsSerialAndIsFaster(ComputeUnit unit) {
    SimulationRunner runner = new SimulationRunner(ARCH);
    BitLinearShape s = new BitLinearShape(6, 256, 192);
    Packing p = unit == ComputeUnit.MAC ? Packing.TWO_BIT : runner.target().lut().orElseThrow().packing();
    int blockK = unit == ComputeUnit.MAC ? 256 : 128;
    Mapping m = new Mapping(unit, p, 3, 96, blockK, 32, 64, unit == ComputeUnit.LUT ? LoopOrder.K_OUTER : LoopOrder.N_OUTER);
    BitLinearCase c = BitLinearCase.seeded("overlap", 6, 256, 192, 5, 2);
    CompiledBitLinear compiled = new BitLinearMapper(runner.target()).compile(s, m, c.weights().scale());
    float[] overlapped = new float[6 * 192];
    float[] serial = new float[6 * 192];
    long fast = run(runner, compiled, c, overlapped);
    long slow = run(runner.withForceSerial(true), compiled, c, serial);
    assertArrayEquals(serial, overlapped);
    assertTrue(fast < slow, "overlapped " + fast + " cycles vs serial " + slow);
  }

  private static long run(SimulationRunner r, CompiledBitLinear compiled, BitLinearCase c, float[] out) {
    MachineState state = r.newState();
    state.dram().write(compiled.dram().weightsAddr(), WeightImage.pack(c.weights(), compiled.mapping().packing()));
    state.dram().writeFp32s(compiled.dram().inputAddr(), c.input());
    long cycles = r.functional(compiled.program(), state).cycles();
    System.arraycopy(state.dram().readFp32s(compiled.dram().outputAddr(), out.length), 0, out, 0, out.length);
    return cycles;
  }
}
