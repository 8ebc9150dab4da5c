package dev.tritium.simulator.functional;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;

/** A small machine, its functional model and counters, and fp32 VEC access: what the instruction tests share. */
abstract class VecFixture {

  final FunctionalModel model = new FunctionalModel();
  final MachineState s = Machines.small();
  final ActionCounters c = new ActionCounters();

  void vec(int addr, float... values) {
    s.buffer(Buffer.VEC).writeFp32s(addr, values);
  }

  float[] vec(int addr, int count) {
    return s.buffer(Buffer.VEC).readFp32s(addr, count);
  }
}
