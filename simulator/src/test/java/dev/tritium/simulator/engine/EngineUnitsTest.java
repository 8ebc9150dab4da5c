package dev.tritium.simulator.engine;

import static dev.tritium.simulator.engine.Asm.deps;
import static dev.tritium.simulator.engine.Asm.finish;
import static dev.tritium.simulator.engine.Asm.gemm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.stats.UnitStats;
import dev.tritium.simulator.unit.sram.SramBuffer;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.mac.ZeroWeights;
import dev.tritium.traces.TraceEvent;
import dev.tritium.traces.TraceSink;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compute units inside the engine, hand-computed on {@link TestMachines#small()}. */
class EngineUnitsTest {

  @Test
  void lutVectorAndInt8InstructionsRunBackToBack() {
    List<Instruction> program = List.of(
        // 2 tokens x ceil(12/3) = 8 tables, 1 per cycle, + latency 4 = 12
        new LutBuild(Deps.NONE, 0, 0, 2, 12, 3, LutVariant.TERNARY_BASE3),
        // 2 x 4 groups x ceil(8/4) = 16 table broadcasts, 1 per cycle, + 4 = 20
        new LutGemm(Deps.NONE, 0, 0, 0, 2, 8, 12, Packing.LUT_G3, false),
        // 16 elements / 16 lanes = 1 beat x 1 pass + latency 2 = 3
        new Vec(Deps.NONE, VecOp.DEQUANT, 0, 0, 4096, 2, 8, 0),
        // ceil(100/16) = 7 beats x 3 passes + 2 = 23
        new Vec(Deps.NONE, VecOp.SOFTMAX, 0, 0, 0, 1, 100, 0),
        // int8 WS m=2: T = 8 bit planes x 2 = 16: 2*4 + 4 + 16 - 2 = 26
        new GemmInt8(Deps.NONE, 0, 64, 0, 2, 4, 4, false, false),
        finish());
    SimulationStats s = new Engine(TestMachines.small(), EngineOptions.timingOnly()).run(program);
    assertEquals(12 + 20 + 3 + 23 + 26, s.totalCycles());
    assertEquals(new UnitStats("lut_core", 2, 32, 0, 0, 52), s.unit("lut_core"));
    assertEquals(new UnitStats("vector_unit", 2, 26, 0, 0, 58), s.unit("vector_unit"));
    assertEquals(new UnitStats("mac_array", 1, 26, 0, 0, 58), s.unit("mac_array"));
    // LUT: the build writes 8 tables x 27 entries x 2 bytes; the GEMM reads 16 broadcasts x 54 bytes.
    assertEquals(8 * 54, s.buffer("LUT").bytesWritten());
    assertEquals(16 * 54, s.buffer("LUT").bytesRead());
    // VEC: DEQUANT writes 2x8 fp32 and reads 2 scales; SOFTMAX reads 100 fp32 three times, writes once.
    assertEquals(2 * 8 * 4 + 400, s.buffer("VEC").bytesWritten());
    assertEquals(2 * 4 + 3 * 400, s.buffer("VEC").bytesRead());
  }

  @Test
  void operandsSlowerThanComputeCountAsWaitData() {
    Machine base = TestMachines.small();
    Map<Buffer, SramBuffer> buffers = new EnumMap<>(base.buffers());
    buffers.put(Buffer.VEC, new SramBuffer("VEC", 1 << 16, 1, 1, 64)); // 8 bytes per cycle
    Machine narrow = new Machine(base.clockMhz(), base.dram(), base.loadDma(), base.storeDma(), buffers,
        base.macArray(), base.lutCore(), base.vectorUnit());
    // COPY 64 fp32: compute ceil(64/16) + 2 = 6 cycles, but 256 bytes in + 256 out at 8 B/cycle = 64.
    List<Instruction> program = List.of(new Vec(Deps.NONE, VecOp.COPY, 1024, 0, 0, 1, 64, 0), finish());
    SimulationStats s = new Engine(narrow, EngineOptions.timingOnly()).run(program);
    assertEquals(64, s.totalCycles());
    assertEquals(new UnitStats("vector_unit", 1, 6, 58, 0, 0), s.unit("vector_unit"));
    assertEquals(64, s.buffer("VEC").portBusyCycles());
  }

  @Test
  void zeroSkipCyclesComeFromTheValueSide() {
    Machine base = TestMachines.small();
    Machine skipping = new Machine(base.clockMhz(), base.dram(), base.loadDma(), base.storeDma(),
        base.buffers(), new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.CYCLES), base.lutCore(),
        base.vectorUnit());
    // k=8 on 4 rows: 2 folds of 8 + 4 + 29 - 2 = 39 cycles.
    List<Instruction> program = List.of(gemm(0, 29, 4, 8, ""), finish());
    assertEquals(78, new Engine(skipping, EngineOptions.timingOnly()).run(program).totalCycles());
    // Weights zero in k 4..7 (the second row fold): that fold is dropped.
    ValueSemantics secondFoldZero = new ValueSemantics() {
      @Override
      public void execute(Instruction instruction) {}

      @Override
      public ZeroWeights zeroWeights(GemmTernary g) {
        return (n0, n1, k0, k1) -> k0 >= 4;
      }
    };
    Machine fresh = new Machine(base.clockMhz(), base.dram(), base.loadDma(), base.storeDma(),
        base.buffers(), new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.CYCLES), base.lutCore(),
        base.vectorUnit());
    assertEquals(39, new Engine(fresh, EngineOptions.timingOnly().withValues(secondFoldZero)).run(program)
        .totalCycles());
  }

  @Test
  void valuesExecuteInStartOrder() {
    List<String> order = new ArrayList<>();
    ValueSemantics recorder = in -> order.add(in.mnemonic());
    new Engine(TestMachines.small(), EngineOptions.timingOnly().withValues(recorder))
        .run(EngineTest.DOUBLE_BUFFERED);
    // starts: L0@0 L1@20 C0@20 L2@59 C1@59 C2@98 S@137
    assertEquals(List.of("LOAD", "LOAD", "GEMM.T", "LOAD", "GEMM.T", "GEMM.T", "STORE"), order);
  }

  @Test
  void traceHasOneEventPerInstructionAndPerDramTransfer() {
    List<TraceEvent> events = new ArrayList<>();
    TraceSink sink = new TraceSink() {
      @Override
      public void emit(TraceEvent event) {
        events.add(event);
      }

      @Override
      public void close() {}
    };
    new Engine(TestMachines.small(), EngineOptions.timingOnly().withTrace(sink)).run(EngineTest.DOUBLE_BUFFERED);
    assertEquals(7 + 4, events.size());
    TraceEvent l0 = events.get(0);
    assertEquals("dma_load", l0.track());
    assertEquals(0, l0.startCycle());
    assertEquals(20, l0.durationCycles());
    TraceEvent bus0 = events.get(1);
    assertEquals("dram_bus", bus0.track());
    assertEquals(10, bus0.startCycle()); // after 10 cycles of latency
    assertEquals(10, bus0.durationCycles());
    TraceEvent c0 = events.stream().filter(e -> e.track().equals("mac_array")).findFirst().orElseThrow();
    assertEquals(20, c0.startCycle());
    assertEquals(39, c0.durationCycles());
    assertEquals("#2", c0.args().get("index"));
  }

  @Test
  void valueErrorsNameTheInstruction() {
    ValueSemantics failing = in -> {
      if (in instanceof GemmTernary) {
        throw new IllegalArgumentException("GEMM.T: ACT bytes [0, 116) past the end of a 64-byte buffer");
      }
    };
    var ex = org.junit.jupiter.api.Assertions.assertThrows(SimulationException.class,
        () -> new Engine(TestMachines.small(), EngineOptions.timingOnly().withValues(failing))
            .run(EngineTest.DOUBLE_BUFFERED));
    assertEquals("compute #2 GEMM.T at cycle 20: GEMM.T: ACT bytes [0, 116) past the end of a 64-byte buffer",
        ex.getMessage());
  }

  @Test
  void syncCarriesTokensWithoutTime() {
    List<Instruction> program = List.of(
        Asm.loadWgt(0, 640, "un"),
        new dev.tritium.isa.Sync(deps("pp un"), dev.tritium.isa.Queue.COMPUTE),
        Asm.storeAcc(64, "pp"),
        finish());
    SimulationStats s = new Engine(TestMachines.small(), EngineOptions.timingOnly()).run(program);
    assertEquals(20 + 11, s.totalCycles());
    // the compute SYNC waits on the load for 20 cycles: every compute unit is held up.
    assertEquals(20, s.unit("mac_array").waitTokenCycles());
    assertEquals(20, s.unit("vector_unit").waitTokenCycles());
  }
}
