package dev.tritium.mapper.crosscheck;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Unit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.bitlinear.BitLinearMapper;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.CompiledBitLinear;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.MappingTraffic;
import dev.tritium.mapper.bitlinear.OutputChunk;
import dev.tritium.mapper.bitlinear.WeightImage;
import dev.tritium.mapper.run.ActionEnergy;
import dev.tritium.mapper.run.EnergyLine;
import dev.tritium.mapper.run.SimulationResult;
import dev.tritium.mapper.run.SimulationRunner;
import dev.tritium.models.count.OpCounts;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.engine.ValueSemantics;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.memory.SramImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one BitLinear through the reference engine and through the compiled program on the
 * simulator's functional mode, on the same seeded weights and inputs, and compares them
 * (mapper/README.md, "Cross-check"): int32 accumulators and fp32 outputs bit for bit, operation
 * counts and DRAM bytes exactly (tiling overheads predicted by {@link MappingTraffic} and itemised),
 * and energy per action class as count x table energy.
 */
public final class BitLinearCrossCheck {

  private final ArchConfig arch;
  private final SimulationRunner runner;
  private final BitLinearMapper mapper;
  private final ActionEnergy energy;

  public BitLinearCrossCheck(ArchConfig arch) {
    this(arch, CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm()));
  }

  public BitLinearCrossCheck(ArchConfig arch, CostModel costs) {
    this.arch = arch;
    this.runner = new SimulationRunner(arch);
    this.mapper = new BitLinearMapper(runner.target());
    this.energy = new ActionEnergy(arch, costs.energy());
  }

  public SimulationRunner runner() {
    return runner;
  }

  public CrossCheckReport run(BitLinearCase c, Mapping mapping) {
    return run(c, mapping, new Mutation.None());
  }

  public CrossCheckReport run(BitLinearCase c, Mapping mapping, Mutation mutation) {
    TernaryWeights w = c.weights();
    BitLinearShape shape = new BitLinearShape(c.tokens(), w.cols(), w.rows());
    String title = "cross-check " + c.label() + " [" + shape + "] on " + arch.name() + ": " + mapping.summary()
        + (mutation instanceof Mutation.None ? "" : " | mutation: " + mutation.describe());
    ReferenceResult ref = ReferenceResult.of(c, mapping.packing());
    if (mutation instanceof Mutation.GoldenValue g) {
      ref = g.output() ? ref.withOutput(0, Math.nextUp(ref.outputs()[0]))
          : ref.withAccumulator(0, ref.accumulators()[0] + 1);
    }
    CompiledBitLinear compiled = mapper.compile(shape, mapping, w.scale());
    List<Instruction> program = compiled.program();
    if (mutation instanceof Mutation.InstructionField f) {
      program = f.apply(program);
    }
    MachineState state = runner.newState();
    TernaryWeights dramWeights = mutation instanceof Mutation.DramWeight d ? negate(w, d.row(), d.col()) : w;
    state.dram().write(compiled.dram().weightsAddr(), WeightImage.pack(dramWeights, mapping.packing()));
    state.dram().writeFp32s(compiled.dram().inputAddr(), c.input());
    Probe probe = new Probe(compiled, state, mutation);
    List<CheckRow> rows = new ArrayList<>();
    SimulationResult sim;
    try {
      sim = runner.functional(program, state, probe::wrap);
    } catch (RuntimeException e) {
      rows.add(new CheckRow("simulation runs to FINISH", "completes", e.getMessage(), Verdict.FAIL));
      return new CrossCheckReport(title, rows);
    }
    float[] y = state.dram().readFp32s(compiled.dram().outputAddr(), shape.tokens() * shape.outFeatures());
    rows.add(accumulatorRow(ref.accumulators(), probe.acc, probe.covered, shape));
    rows.add(outputRow(ref.outputs(), y, shape));
    countRows(rows, ref, sim.counts(), shape, mapping);
    energyRows(rows, ref, sim.counts(), shape, mapping);
    rows.add(CheckRow.info("simulated cycles", "-", sim.cycles() + " (" + String.format(Locale.ROOT, "%.2f us)",
        sim.latencyUs())));
    return new CrossCheckReport(title, rows);
  }

  /** Observes ACC at each DEQUANT (the final accumulators) and injects the simulator-side faults. */
  private final class Probe {
    final CompiledBitLinear compiled;
    final MachineState state;
    final Mutation mutation;
    final int[] acc;
    long covered;
    int dequants;
    boolean injected;

    Probe(CompiledBitLinear compiled, MachineState state, Mutation mutation) {
      this.compiled = compiled;
      this.state = state;
      this.mutation = mutation;
      this.acc = new int[compiled.shape().tokens() * compiled.shape().outFeatures()];
    }

    ValueSemantics wrap(ValueSemantics base) {
      return ins -> {
        if (ins instanceof Vec v && v.op() == VecOp.DEQUANT && dequants < compiled.outputChunks().size()) {
          readAccumulators(v, compiled.outputChunks().get(dequants++));
        }
        base.execute(ins);
        if (!injected) {
          inject(ins);
        }
      };
    }

    private void readAccumulators(Vec v, OutputChunk chunk) {
      int n = compiled.shape().outFeatures();
      int[] tile = state.buffer(Buffer.ACC).readInt32s((int) v.srcAAddr(), v.rows() * v.len());
      for (int r = 0; r < Math.min(v.rows(), chunk.rows()); r++) {
        for (int j = 0; j < Math.min(v.len(), chunk.len()); j++) {
          acc[(chunk.token0() + r) * n + chunk.out0() + j] = tile[r * v.len() + j];
          covered++;
        }
      }
    }

    private void inject(Instruction ins) {
      if (mutation instanceof Mutation.WgtSramWeight && ins instanceof Load l && l.buffer() == Buffer.WGT) {
        Mapping m = compiled.mapping();
        int cols = Math.min(m.tileK(), Math.min(m.blockK(), compiled.shape().inFeatures()));
        WeightPacking p = WeightPackings.byName(m.packing().modelsName());
        SramImage wgt = state.buffer(Buffer.WGT);
        int bytes = l.rows() * l.rowBytes();
        byte[] packed = new byte[bytes];
        wgt.read((int) l.sramAddr(), packed, 0, bytes);
        byte[] values = p.decode(packed, l.rows(), cols);
        for (int i = 0; i < values.length; i++) {
          if (values[i] != 0) {
            values[i] = (byte) -values[i];
            break;
          }
        }
        wgt.write((int) l.sramAddr(), p.encode(values, l.rows(), cols), 0, bytes);
        injected = true;
      } else if (mutation instanceof Mutation.ActivationScale && ins instanceof Vec v && v.op() == VecOp.QUANT) {
        SramImage vec = state.buffer(Buffer.VEC);
        int at = (int) v.srcBAddr();
        vec.setFp32(at, vec.getFp32(at) * (1 + 0x1p-20f));
        injected = true;
      }
    }
  }

  private static TernaryWeights negate(TernaryWeights w, int row, int col) {
    byte[] v = w.values().clone();
    int i = row * w.cols() + col;
    v[i] = (byte) (v[i] == 0 ? 1 : -v[i]);
    return new TernaryWeights(v, w.rows(), w.cols(), w.scale());
  }

  private static CheckRow accumulatorRow(int[] ref, int[] sim, long covered, BitLinearShape s) {
    int mismatches = 0;
    int first = -1;
    for (int i = 0; i < ref.length; i++) {
      if (ref[i] != sim[i]) {
        mismatches++;
        first = first < 0 ? i : first;
      }
    }
    String check = "accumulators int32 [" + s.tokens() + "x" + s.outFeatures() + "] bit-exact";
    String expected = ref.length + " equal to BitLinear.accumulate";
    if (covered != ref.length) {
      return new CheckRow(check, expected, "DEQUANT read " + covered + " accumulators, expected " + ref.length,
          Verdict.FAIL);
    }
    return new CheckRow(check, expected, mismatches == 0 ? ref.length + " equal"
        : mismatches + " differ, first [" + first / s.outFeatures() + "][" + first % s.outFeatures() + "] ref "
            + ref[first] + " sim " + sim[first], mismatches == 0 ? Verdict.PASS : Verdict.FAIL);
  }

  private static CheckRow outputRow(float[] ref, float[] sim, BitLinearShape s) {
    int mismatches = 0;
    int first = -1;
    for (int i = 0; i < ref.length; i++) {
      if (Float.floatToRawIntBits(ref[i]) != Float.floatToRawIntBits(sim[i])) {
        mismatches++;
        first = first < 0 ? i : first;
      }
    }
    return new CheckRow("outputs fp32 [" + s.tokens() + "x" + s.outFeatures() + "] bit-exact (0 ulp)",
        ref.length + " equal to BitLinear.dequantize",
        mismatches == 0 ? ref.length + " equal"
            : mismatches + " differ, first [" + first / s.outFeatures() + "][" + first % s.outFeatures() + "] ref "
                + ref[first] + " sim " + sim[first], mismatches == 0 ? Verdict.PASS : Verdict.FAIL);
  }

  private void countRows(List<CheckRow> rows, ReferenceResult ref, ActionCounts c, BitLinearShape s, Mapping m) {
    OpCounts r = ref.ops();
    TernaryPairCounts pairs = m.unit() == Unit.MAC ? c.macArray() : c.lutPairs();
    String unit = m.unit() == Unit.MAC ? "mac_array" : "lut_core";
    rows.add(CheckRow.equal(unit + " ternary adds (w=+1)", r.ternaryAdds(), pairs.adds()));
    rows.add(CheckRow.equal(unit + " ternary subs (w=-1)", r.ternarySubs(), pairs.subs()));
    rows.add(CheckRow.equal(unit + " ternary skips (w=0)", r.ternarySkips(), pairs.skips()));
    rows.add(CheckRow.equal("int8 MACs", r.int8Macs(), c.int8Macs()));
    rows.add(CheckRow.equal("fp32 rounds (quantize)", r.fp32Rounds(), c.fp32Ops(Fp32Op.ROUND)));
    rows.add(CheckRow.equal("fp32 max/compares (quantize)", r.fp32MaxOps(), c.fp32Ops(Fp32Op.MAX)));
    rows.add(CheckRow.equal("fp32 divides", r.fp32Divs(), c.fp32Ops(Fp32Op.DIV)));
    rows.add(CheckRow.equal("int32->fp32 conversions", r.int32ToFp32Conversions(), c.fp32Ops(Fp32Op.CVT)));
    MappingTraffic t = MappingTraffic.of(s, m);
    long extraMuls = t.dequantScaleProducts() - s.tokens();
    long expectedMuls = r.fp32Muls() + extraMuls;
    rows.add(new CheckRow("fp32 muls", r.fp32Muls() + " + " + extraMuls + " s_w*s_x recomputed per N block = "
        + expectedMuls, Long.toString(c.fp32Ops(Fp32Op.MUL)),
        expectedMuls == c.fp32Ops(Fp32Op.MUL) ? Verdict.PASS : Verdict.FAIL));
    long compulsoryRead = ref.traffic().ternaryWeightBytes(ref.packingName()) + 4 * ref.traffic().activationReadBytes();
    long expectedRead = compulsoryRead + t.dramReadOverheadBytes();
    rows.add(new CheckRow("DRAM read bytes", compulsoryRead + " compulsory (packed W + fp32 x) + "
        + t.dramReadOverheadBytes() + " re-fetch = " + expectedRead, Long.toString(c.traffic().dramReadBytes()),
        expectedRead == c.traffic().dramReadBytes() ? Verdict.PASS : Verdict.FAIL));
    rows.add(CheckRow.equal("DRAM write bytes (fp32 y)", ref.traffic().activationWriteBytes(),
        c.traffic().dramWrittenBytes()));
    if (m.unit() == Unit.LUT) {
      LutUnit lut = runner.target().lut().orElseThrow();
      long groups = (s.inFeatures() + lut.groupSize() - 1) / lut.groupSize();
      long perGroup = lut.variant() == LutVariant.BIT_SERIAL ? 2 : 1;
      rows.add(CheckRow.equal("lut_core lookups (M x N x ceil(K/g))", (long) s.tokens() * s.outFeatures() * groups
          * perGroup, c.lut().lookups()));
      long entries = lut.variant().entriesPerTable(lut.groupSize());
      long builds = (long) s.tokens() * groups * (entries - 1);
      long expected = builds * t.tableBuildsPerToken();
      rows.add(new CheckRow("lut_core build adds", builds + " x " + t.tableBuildsPerToken() + " build(s) per table = "
          + expected, Long.toString(c.lut().buildAdds()), expected == c.lut().buildAdds() ? Verdict.PASS : Verdict.FAIL));
    }
  }

  private void energyRows(List<CheckRow> rows, ReferenceResult ref, ActionCounts c, BitLinearShape s, Mapping m) {
    List<EnergyLine> simLines = energy.account(c);
    OpCounts r = ref.ops();
    if (m.unit() == Unit.MAC) {
      energyRow(rows, simLines, "mac_array.ternary_add", energy.ternaryAdd(), r.ternaryAdds());
      energyRow(rows, simLines, "mac_array.ternary_sub", energy.ternarySub(), r.ternarySubs());
      energyRow(rows, simLines, "mac_array.ternary_skip", energy.ternarySkip(), r.ternarySkips());
    }
    MappingTraffic t = MappingTraffic.of(s, m);
    if (m.unit() == Unit.LUT) {
      LutUnit lut = runner.target().lut().orElseThrow();
      long groups = (s.inFeatures() + lut.groupSize() - 1) / lut.groupSize();
      boolean bitSerial = lut.variant() == LutVariant.BIT_SERIAL;
      long lookups = (long) s.tokens() * s.outFeatures() * groups * (bitSerial ? 2 : 1);
      long buildAdds = (long) s.tokens() * groups * (lut.variant().entriesPerTable(lut.groupSize()) - 1)
          * t.tableBuildsPerToken();
      // Bit planes: every LUT.GEMM (one per weight tile and M tile) sums its tokens' group sums, then
      // each output subtracts its token's sum (simulator/README.md, action counters).
      long offsetAdds = bitSerial
          ? (long) s.tokens() * groups * t.weightTilesPerPass() + (long) s.tokens() * s.outFeatures()
          : 0;
      energyRow(rows, simLines, "lut_core.build_add", energy.lutBuildAdd(), buildAdds);
      energyRow(rows, simLines, "lut_core.accumulate_add", energy.lutAccumulateAdd(), lookups + offsetAdds);
    }
    long compulsoryRead = ref.traffic().ternaryWeightBytes(ref.packingName()) + 4 * ref.traffic().activationReadBytes();
    EnergyLine dramRead = energy.line("dram.read_bits", energy.dramRead(), 8 * compulsoryRead);
    EnergyLine refetch = energy.line("dram.read_bits", energy.dramRead(), 8 * t.dramReadOverheadBytes());
    double expected = dramRead.totalPj() + refetch.totalPj();
    double actual = find(simLines, "dram.read_bits");
    rows.add(new CheckRow("energy dram.read pJ = bits x " + fmt(dramRead.unitPj()) + " pJ/bit",
        fmt(dramRead.totalPj()) + " compulsory + " + fmt(refetch.totalPj()) + " re-fetch overhead = " + fmt(expected),
        fmt(actual), close(expected, actual) ? Verdict.PASS : Verdict.FAIL));
    energyRow(rows, simLines, "dram.write_bits", energy.dramWrite(), 8 * ref.traffic().activationWriteBytes());
    sramOverhead(rows, simLines, c, Buffer.WGT, t.weightBytes(), t.weightBytes());
    sramOverhead(rows, simLines, c, Buffer.ACT, (long) s.tokens() * s.inFeatures(), (long) s.tokens() * s.inFeatures());
    rows.add(CheckRow.info("energy total pJ (simulated, priced lines)", "-",
        fmt(ActionEnergy.totalPj(simLines)) + unpricedNote(simLines)));
  }

  private static String unpricedNote(List<EnergyLine> lines) {
    List<String> un = lines.stream().filter(l -> !l.priced()).map(EnergyLine::actionClass).toList();
    return un.isEmpty() ? "" : " (no table entry: " + String.join(", ", un) + ")";
  }

  /** A priced class: reference count x unit price against the simulator's line. */
  private void energyRow(List<CheckRow> rows, List<EnergyLine> simLines, String cls, Action action, long refCount) {
    EnergyLine expected = energy.line(cls, action, refCount);
    double actual = find(simLines, cls);
    rows.add(new CheckRow("energy " + cls + " pJ = count x " + fmt(expected.unitPj()),
        refCount + " x " + fmt(expected.unitPj()) + " = " + fmt(expected.totalPj()), fmt(actual),
        close(expected.totalPj(), actual) ? Verdict.PASS : Verdict.FAIL));
  }

  /** Itemises SRAM bytes beyond one write and one read of each operand byte (INFO). */
  private void sramOverhead(List<CheckRow> rows, List<EnergyLine> simLines, ActionCounts c, Buffer b,
      long compulsoryWrite, long compulsoryRead) {
    long read = c.traffic().sramReadBytes(b);
    long written = c.traffic().sramWrittenBytes(b);
    long extraRead = read - compulsoryRead;
    long extraWrite = written - compulsoryWrite;
    String name = dev.tritium.simulator.engine.Machine.configBufferName(b);
    double pj = energy.line("", energy.sramRead(b), 8 * Math.max(0, extraRead)).totalPj()
        + energy.line("", energy.sramWrite(b), 8 * Math.max(0, extraWrite)).totalPj();
    rows.add(CheckRow.info("sram." + name + " overhead bytes (read, write)",
        "compulsory " + compulsoryRead + ", " + compulsoryWrite,
        "+" + extraRead + ", +" + extraWrite + " = " + fmt(pj) + " pJ"));
  }

  private static double find(List<EnergyLine> lines, String cls) {
    return lines.stream().filter(l -> l.actionClass().equals(cls)).mapToDouble(EnergyLine::totalPj).sum();
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
