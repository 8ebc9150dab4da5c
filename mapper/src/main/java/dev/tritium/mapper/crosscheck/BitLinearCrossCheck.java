package dev.tritium.mapper.crosscheck;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.bitlinear.BitLinearMapper;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.CompiledBitLinear;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.MappingTraffic;
import dev.tritium.mapper.bitlinear.OutputChunk;
import dev.tritium.mapper.bitlinear.WeightImage;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.models.count.OpCounts;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.CompulsoryTraffic;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyEntry;
import dev.tritium.simulator.energy.accounting.EnergyLevel;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.energy.accounting.MemoryOverhead;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.engine.ValueSemantics;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.CountSource;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.simulator.functional.LutCoreCounts;
import dev.tritium.simulator.functional.MemoryTraffic;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.memory.SramImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
  private final EnergyAccounting accounting;

  public BitLinearCrossCheck(ArchConfig arch) {
    this(arch, CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm()));
  }

  public BitLinearCrossCheck(ArchConfig arch, CostModel costs) {
    this.arch = arch;
    this.runner = new SimulationRunner(arch);
    this.mapper = new BitLinearMapper(runner.target());
    this.accounting = new EnergyAccounting(arch, costs);
  }

  public SimulationRunner runner() {
    return runner;
  }

  public CrossCheckReport run(BitLinearCase c, Mapping mapping) {
    return run(c, mapping, new Mutation.None());
  }

  public CrossCheckReport run(BitLinearCase c, Mapping mapping, Mutation mutation) {
    TernaryWeights w = c.weights();
    BitLinearShape shape = new BitLinearShape(c.tokens(), w.cols(), w.rows(), c.alphabet());
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
    state.dram().write(compiled.dram().weightsAddr(), WeightImage.chunkMajor(WeightImage.pack(dramWeights,
        mapping.packing()), mapping.packing(), dramWeights.rows(), dramWeights.cols(), mapping.blockK()));
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
    ActionCounts expected = referenceCounts(ref, shape, mapping);
    countRows(rows, ref, expected, sim.counts(), shape, mapping);
    energyRows(rows, expected, sim, shape, mapping);
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
      } else if (mutation instanceof Mutation.LutTableEntry && ins instanceof LutBuild b) {
        SramImage lut = state.buffer(Buffer.LUT);
        byte[] entry = new byte[2];
        lut.read((int) b.lutAddr(), entry, 0, 2);
        int v = (short) ((entry[0] & 0xff) | entry[1] << 8) + 1; // int16 little-endian (isa/README.md)
        lut.write((int) b.lutAddr(), new byte[] {(byte) v, (byte) (v >> 8)}, 0, 2);
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
    return CheckRow.bitExact("outputs fp32 [" + s.tokens() + "x" + s.outFeatures() + "] bit-exact (0 ulp)",
        "equal to BitLinear.dequantize", ref, sim, s.outFeatures());
  }

  private static void countRows(List<CheckRow> rows, ReferenceResult ref, ActionCounts expected, ActionCounts c,
      BitLinearShape s, Mapping m) {
    OpCounts r = ref.ops();
    TernaryPairCounts pairs = m.unit() == ComputeUnit.MAC ? c.macArray() : c.lutPairs();
    String unit = m.unit() == ComputeUnit.MAC ? "mac_array" : "lut_core";
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
    long compulsoryRead = expected.traffic().dramReadBytes();
    long expectedRead = compulsoryRead + t.dramReadOverheadBytes();
    rows.add(new CheckRow("DRAM read bytes", compulsoryRead + " compulsory (packed W + fp32 x) + "
        + t.dramReadOverheadBytes() + " re-fetch = " + expectedRead, Long.toString(c.traffic().dramReadBytes()),
        expectedRead == c.traffic().dramReadBytes() ? Verdict.PASS : Verdict.FAIL));
    rows.add(CheckRow.equal("DRAM write bytes (fp32 y)", expected.traffic().dramWrittenBytes(),
        c.traffic().dramWrittenBytes()));
    if (m.unit() == ComputeUnit.LUT) {
      rows.add(CheckRow.equal("lut_core lookups (M x N x ceil(K/g), x2 for bit planes)", expected.lut().lookups(),
          c.lut().lookups()));
      long builds = expected.lut().buildAdds();
      rows.add(new CheckRow("lut_core build adds", builds / t.tableBuildsPerToken() + " x " + t.tableBuildsPerToken()
          + " build(s) per table = " + builds, Long.toString(c.lut().buildAdds()),
          builds == c.lut().buildAdds() ? Verdict.PASS : Verdict.FAIL));
    }
  }

  /**
   * Energy per action class: the reference's counts and the simulator's run are priced by the same
   * {@link EnergyAccounting} (the simulator's run with its engine stats: SRAM bytes from the buffer
   * counters, DRAM burst padding), and each class must cost the same; the memory-hierarchy overhead
   * beyond the compulsory bytes is itemised.
   */
  private void energyRows(List<CheckRow> rows, ActionCounts expected, SimulationResult sim, BitLinearShape s,
      Mapping m) {
    EnergyReport simulated = accounting.price(sim.counts(), sim.stats());
    MappingTraffic t = MappingTraffic.of(s, m);
    long compulsoryRead = expected.traffic().dramReadBytes();
    long compulsoryWrite = expected.traffic().dramWrittenBytes();
    EnergyReport reference = accounting.price(expected, 0.0);
    List<String> classes = m.unit() == ComputeUnit.MAC
        ? List.of("mac_array.ternary_add", "mac_array.ternary_sub", "mac_array.ternary_skip")
        : List.of("lut_core.build_add", "lut_core.accumulate_add");
    for (String cls : classes) {
      energyRow(rows, reference, simulated, cls);
    }
    EnergyEntry dramRead = reference.entry("dram.read_bits").orElseThrow();
    double refetchPj = dramRead.withCount(8 * t.dramReadOverheadBytes()).totalPj();
    double expectedPj = dramRead.totalPj() + refetchPj;
    double actual = pj(simulated, "dram.read_bits");
    rows.add(new CheckRow("energy dram.read pJ = bits x " + fmt(dramRead.pJPerAction()) + " pJ/bit",
        fmt(dramRead.totalPj()) + " compulsory + " + fmt(refetchPj) + " re-fetch overhead = " + fmt(expectedPj),
        fmt(actual), close(expectedPj, actual) ? Verdict.PASS : Verdict.FAIL));
    energyRow(rows, reference, simulated, "dram.write_bits");
    for (MemoryOverhead o : EnergyAccounting.overhead(simulated, new CompulsoryTraffic(compulsoryRead, compulsoryWrite,
        0, 0)).subList(0, 2)) {
      rows.add(CheckRow.info(o.level() + " overhead bytes (re-fetch, burst padding)", "compulsory "
          + o.compulsoryBytes(), "+" + o.excessBytes() + " = " + fmt(o.excessPj()) + " pJ"));
    }
    sramOverhead(rows, simulated, Buffer.WGT, t.weightBytes(), t.weightBytes());
    sramOverhead(rows, simulated, Buffer.ACT, (long) s.tokens() * s.inFeatures(), (long) s.tokens() * s.inFeatures());
    rows.add(CheckRow.info("energy total pJ (simulated, every action priced)", "-", fmt(simulated.dynamicPj())));
  }

  /**
   * What the reference engine's layer performs, as the counts a run reports: its ternary adds / subs /
   * skips (MAC) or the LUT core's builds (tables rebuilt as the mapping's loop order needs) and lookups,
   * and the compulsory DRAM bytes (packed W + fp32 x read, fp32 y written).
   */
  private ActionCounts referenceCounts(ReferenceResult ref, BitLinearShape s, Mapping m) {
    OpCounts r = ref.ops();
    MappingTraffic t = MappingTraffic.of(s, m);
    TernaryPairCounts pairs = TernaryPairCounts.NONE;
    LutCoreCounts lutCounts = new LutCoreCounts(0, 0, 0, 0);
    if (m.unit() == ComputeUnit.MAC) {
      pairs = new TernaryPairCounts(r.ternaryAdds() + r.ternarySubs() + r.ternarySkips(), r.ternaryAdds(),
          r.ternarySubs(), r.ternarySkips(), 0, CountSource.EXECUTED);
    } else {
      LutUnit lut = runner.target().lut().orElseThrow();
      long groups = (s.inFeatures() + lut.groupSize() - 1) / lut.groupSize();
      boolean bitSerial = lut.variant() == LutVariant.BIT_SERIAL;
      long lookups = (long) s.tokens() * s.outFeatures() * groups * (bitSerial ? 2 : 1);
      long entries = lut.variant().entriesPerTable(lut.groupSize());
      long tables = (long) s.tokens() * groups * t.tableBuildsPerToken();
      // Bit planes: every LUT.GEMM (one per weight tile and M tile) sums its tokens' group sums, then
      // each output subtracts its token's sum (simulator/README.md, action counters).
      long offsetAdds = bitSerial
          ? (long) s.tokens() * groups * t.weightTilesPerPass() + (long) s.tokens() * s.outFeatures()
          : 0;
      // Build adds: every entry but the first is one add of an earlier entry; a binary table's first entry (-sum of
      // the group's g activations) takes g - 1 adds of its own (simulator/README.md, action counters).
      long addsPerTable = entries - 1 + (lut.variant().isBinary() ? lut.groupSize() - 1 : 0);
      lutCounts = new LutCoreCounts(tables * addsPerTable, tables * entries, lookups, lookups + offsetAdds);
    }
    return new ActionCounts(pairs, TernaryPairCounts.NONE, lutCounts, 0, new EnumMap<>(Fp32Op.class),
        new MemoryTraffic(new EnumMap<>(Buffer.class), new EnumMap<>(Buffer.class),
            ref.traffic().ternaryWeightBytes(ref.packingName()) + 4 * ref.traffic().activationReadBytes(),
            ref.traffic().activationWriteBytes()));
  }

  /** A priced class: the reference's count x unit price against the simulator's entry. */
  private static void energyRow(List<CheckRow> rows, EnergyReport reference, EnergyReport simulated, String cls) {
    Optional<EnergyEntry> expected = reference.entry(cls);
    double unitPj = expected.or(() -> simulated.entry(cls)).map(EnergyEntry::pJPerAction).orElse(0.0);
    double expectedPj = pj(reference, cls);
    double actual = pj(simulated, cls);
    rows.add(new CheckRow("energy " + cls + " pJ = count x " + fmt(unitPj),
        expected.map(EnergyEntry::count).orElse(0L) + " x " + fmt(unitPj) + " = " + fmt(expectedPj), fmt(actual),
        close(expectedPj, actual) ? Verdict.PASS : Verdict.FAIL));
  }

  /** Itemises SRAM bytes (engine counters) beyond one write and one read of each operand byte (INFO). */
  private static void sramOverhead(List<CheckRow> rows, EnergyReport simulated, Buffer b, long compulsoryWrite,
      long compulsoryRead) {
    String unit = EnergyLevel.sram(Machine.configBufferName(b)).label();
    Optional<EnergyEntry> read = simulated.entry(unit + ".read_bits");
    Optional<EnergyEntry> written = simulated.entry(unit + ".write_bits");
    long extraRead = read.map(EnergyEntry::count).orElse(0L) / 8 - compulsoryRead;
    long extraWrite = written.map(EnergyEntry::count).orElse(0L) / 8 - compulsoryWrite;
    double pj = read.map(e -> e.withCount(8 * Math.max(0, extraRead)).totalPj()).orElse(0.0)
        + written.map(e -> e.withCount(8 * Math.max(0, extraWrite)).totalPj()).orElse(0.0);
    rows.add(CheckRow.info(unit + " overhead bytes (read, write)", "compulsory " + compulsoryRead + ", "
        + compulsoryWrite, "+" + extraRead + ", +" + extraWrite + " = " + fmt(pj) + " pJ"));
  }

  private static double pj(EnergyReport r, String cls) {
    return r.entry(cls).map(EnergyEntry::totalPj).orElse(0.0);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
