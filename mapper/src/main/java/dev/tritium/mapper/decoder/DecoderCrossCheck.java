package dev.tritium.mapper.decoder;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.isa.Instruction;
import dev.tritium.mapper.attention.KvCacheLayout;
import dev.tritium.mapper.attention.KvRecords;
import dev.tritium.models.format.KvCacheFormat;
import dev.tritium.models.nn.KvStore;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.mapper.bitlinear.WeightImage;
import dev.tritium.mapper.crosscheck.CheckRow;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.crosscheck.Verdict;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.fp16act.FloatMutation;
import dev.tritium.mapper.fp16act.LayerFormats;
import dev.tritium.mapper.fp16act.SignSumOrder;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProbeSite;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.common.HalfFloats;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.nn.AttentionPrecision;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.simulator.functional.Fp32Op;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.count.OpFormulas;
import dev.tritium.models.quant.QuantizedActivations;
import dev.tritium.models.quant.Quantizers;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyLevel;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.engine.ValueSemantics;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.TernaryPairCounts;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.memory.SramImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One decoder layer through the reference engine and through the compiled layer program on the
 * simulator's functional mode, on the same seeded weights, gains, inputs and cache (mapper/README.md,
 * "Decoder cross-check"). Compared:
 * <ul>
 *   <li>every BitLinear's int8 input and s_x, int32 accumulators and fp32 output, bit for bit. q, k
 *       and v against the reference run; o, gate, up and down against the reference run fed with the
 *       simulator's own attention output (the one op that computes a different function), so they
 *       are proven on the inputs the simulator really had;</li>
 *   <li>the attention output against the fp32 reference within {@link DecoderErrorBound#attention},
 *       per element;</li>
 *   <li>the layer output: bit-exact against the run fed with the simulator's attention, and within
 *       the propagated bound {@link DecoderErrorBound#layerOutput} of the pure reference;</li>
 *   <li>ternary adds/subs/skips and int8 MACs against the models' {@link OpFormulas}.</li>
 * </ul>
 */
public final class DecoderCrossCheck {

  private final ArchConfig arch;
  private final SimulationRunner runner;
  private final EnergyAccounting accounting;

  public DecoderCrossCheck(ArchConfig arch) {
    this.arch = arch;
    this.runner = new SimulationRunner(arch);
    this.accounting = new EnergyAccounting(arch, CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm()));
  }

  /**
   * A model config with every width divided by {@code reduce} (hidden, FFN, head dim), the head counts
   * and everything else kept, so the layer keeps its aspect ratios and GQA grouping.
   */
  public static ModelConfig reduced(ModelConfig c, int reduce) {
    if (reduce == 1) {
      return c;
    }
    for (int dim : new int[] {c.hiddenSize(), c.intermediateSize(), c.headDim()}) {
      if (dim % reduce != 0) {
        throw new IllegalArgumentException("--reduce " + reduce + " does not divide the model dimension " + dim
            + " of " + c.name());
      }
    }
    if ((c.headDim() / reduce) % 2 != 0) {
      throw new IllegalArgumentException("--reduce " + reduce + " leaves an odd head dim " + c.headDim() / reduce
          + " (RoPE needs an even one)");
    }
    return new ModelConfig(c.name() + "/" + reduce, c.hiddenSize() / reduce, c.intermediateSize() / reduce,
        c.numLayers(), c.numHeads(), c.numKvHeads(), c.headDim() / reduce, Math.max(1, c.vocabSize() / reduce),
        c.ropeTheta(), c.rmsNormEps(), c.activation(), c.tiedEmbeddings(), c.subLayerNorms(),
        c.maxPositionEmbeddings());
  }

  public CrossCheckReport run(DecoderCase dc, ComputeUnit unit) {
    return run(dc, unit, new DecoderMutation.None());
  }

  public CrossCheckReport run(DecoderCase dc, ComputeUnit unit, DecoderMutation mutation) {
    return runLayers(List.of(dc), unit, mutation);
  }

  public CrossCheckReport runLayers(List<DecoderCase> layers, ComputeUnit unit) {
    return runLayers(layers, unit, new DecoderMutation.None());
  }

  /**
   * Decoder layers chained as in a model: one program, layer i + 1 reading layer i's output where the
   * compiler left it (decode: the residual stream stays at VEC 0), each layer with its own weights,
   * gains and KV cache in its own DRAM region. Every layer's rows are checked against the reference
   * run on that layer's actual input (the simulator's previous layer output, which the next layer's
   * bit-exact int8 inputs prove equal to the reference fed the simulator's attention). Shapes whose
   * residual stream lives in DRAM between layers (chunked or phased prefill) are checked one layer.
   * Mutations apply to the first layer.
   */
  public CrossCheckReport runLayers(List<DecoderCase> layers, ComputeUnit unit, DecoderMutation mutation) {
    DecoderCase first = layers.get(0);
    ModelConfig c = first.config();
    LayerShape shape = first.shape();
    int m = shape.tokens();
    Compiled compiled = compile(layers, unit);
    List<LayerCompiler.LayerDram> drams = compiled.drams();
    List<LayerProgram> programs = compiled.programs();
    int n = programs.size();
    String title = String.format(Locale.ROOT, "cross-check %s of %s [%s, start %d, %d token(s)] on %s, %s unit, seed"
        + " %d%s%s", n == 1 ? "decoder layer" : n + " chained decoder layers", c.name(),
        shape.start() == 0 && m > 1 ? "prefill" : "decode", shape.start(), m, arch.name(),
        unit.name().toLowerCase(Locale.ROOT), first.seed(),
        first.signAdd() ? ", fp16-activation format weights (sign-add)"
            : first.alphabet() == WeightAlphabet.BINARY ? ", binary weights" : "",
        mutation instanceof DecoderMutation.None ? "" : " | mutation: " + mutation.describe());
    List<Instruction> program = compiled.program();
    if (mutation instanceof DecoderMutation.Program p) {
      program = p.edit().apply(program);
    }
    MachineState state = runner.newState();
    load(state, layers, compiled, mutation);
    Probe probe = new Probe(c, m, programs, state, mutation);
    List<CheckRow> rows = new ArrayList<>();
    SimulationResult sim;
    try {
      sim = runner.functional(program, state, probe::wrap);
    } catch (RuntimeException e) {
      rows.add(new CheckRow("simulation runs to FINISH", "completes", String.valueOf(e.getMessage()), Verdict.FAIL));
      return new CrossCheckReport(title, rows);
    }
    LayerProgram last = programs.get(n - 1);
    float[] simOut = last.residualInDram()
        ? state.dram().readFp32s(drams.get(n - 1).residualAddr(false, 0), m * c.hiddenSize())
        : state.buffer(Buffer.VEC).readFp32s(0, m * c.hiddenSize());
    rows.add(CheckRow.equal("probe sites observed (" + (first.signAdd() ? "the 7 projections' row tiles"
        : "7 BitLinears") + " + attention, per chunk" + (n > 1 ? " and layer" : "") + ")", probe.sites.size(),
        probe.next));
    float[] input = first.input();
    DecoderReference.Trace fed = null;
    for (int i = 0; i < n; i++) {
      String layer = n == 1 ? "" : "layer " + i + ": ";
      DecoderCase dc = layers.get(i).withInput(input);
      LayerValues sim_i = probe.layers.get(i);
      DecoderReference.Trace pure = DecoderReference.run(dc, null, precision(), order(unit), kvStore());
      fed = DecoderReference.run(dc, sim_i.attn, precision(), order(unit), kvStore());
      DecoderMutation applied = i == 0 ? mutation : new DecoderMutation.None();
      for (LayerKind k : LayerKind.projections()) {
        if (dc.signAdd()) {
          // No int8 input or accumulators: the fp16-activation projection is checked on its output bits.
          rows.add(bitExactRow(layer + k.label() + " output fp32 bit-exact (sign-add)", fed.outputs().get(k),
              sim_i.out.get(k)));
        } else {
          projectionRows(rows, layer, k, fed, sim_i, applied);
        }
      }
      if (precision() == AttentionPrecision.FP16) {
        // fp16 attention computes the reference's own function: the attention and the whole layer are bit-exact.
        rows.add(bitExactRow(layer + "attention output [" + m + "x" + c.qDim() + "] fp16 attention vs reference",
            pure.attn(), sim_i.attn));
        float[] golden = pure.hOut();
        if (applied instanceof DecoderMutation.GoldenOutput) {
          golden = golden.clone();
          golden[0] = Math.nextUp(golden[0]);
        }
        rows.add(bitExactRow(layer + "layer output [" + m + "x" + c.hiddenSize() + "] vs the reference in fp16"
            + " attention", golden, fed.hOut()));
        input = fed.hOut();
        continue;
      }
      double[] attnBound = DecoderErrorBound.attention(c, shape.start(), pure);
      rows.add(boundRow(layer + "attention output [" + m + "x" + c.qDim() + "] within the int8 bound (per element)",
          pure.attn(), sim_i.attn, attnBound));
      if (dc.signAdd()) {
        // The l2 propagation below is derived for ternary BitLinears; a format layer is proven by its bit-exact
        // projections and layer output on the simulator's attention.
        rows.add(CheckRow.info(layer + "propagated l2 bounds of the fp32 reference", "-", "not derived for"
            + " fp16-activation formats"));
        input = fed.hOut();
        continue;
      }
      DecoderErrorBound.LayerBounds bounds = DecoderErrorBound.layerL2(dc, pure, attnBound);
      float[] golden = pure.hMid();
      if (applied instanceof DecoderMutation.GoldenOutput) {
        golden = golden.clone();
        golden[0] = (float) (fed.hMid()[0] + 2 * bounds.hMid()[0] + 1e-3);
      }
      rows.add(l2BoundRow(layer + "residual after attention h_mid [" + m + "x" + c.hiddenSize() + "] within the"
          + " propagated l2 bound of the fp32 reference (per token)", golden, fed.hMid(), bounds.hMid(),
          c.hiddenSize()));
      CheckRow whole = l2BoundRow(layer + "layer output: propagated l2 bound of the fp32 reference (per token)",
          pure.hOut(), fed.hOut(), bounds.hOut(), c.hiddenSize());
      rows.add(whole.verdict() == Verdict.INFO ? whole : CheckRow.info(whole.check(), whole.expected(),
          whole.actual() + (whole.verdict() == Verdict.PASS ? "" : " (bound not met: see mapper/README.md)")));
      input = fed.hOut();
    }
    float[] lastGolden = fed.hOut();
    if (first.signAdd() && mutation instanceof DecoderMutation.GoldenOutput) {
      lastGolden = lastGolden.clone();
      lastGolden[0] = Math.nextUp(lastGolden[0]);
    }
    rows.add(bitExactRow((n == 1 ? "layer output [" : "last layer output [") + m + "x" + c.hiddenSize()
        + "] vs reference fed the simulator's attention", lastGolden, simOut));
    countRows(rows, layers.subList(0, n), sim.counts(), unit, drams);
    // Functional counts: the ternary add/sub/skip split is the executed one, every action priced.
    EnergyReport energy = accounting.price(sim.counts(), sim.stats());
    rows.add(CheckRow.info("energy of the run (EnergyAccounting, dynamic)", "-", String.format(Locale.ROOT,
        "%.6g pJ: compute %.6g, SRAM %.6g, DRAM %.6g", energy.dynamicPj(), energy.computePj(), energy.sramPj(),
        energy.levelPj(EnergyLevel.DRAM))));
    rows.add(CheckRow.info("simulated cycles", "-", sim.cycles() + String.format(Locale.ROOT, " (%.2f us, %d token(s)"
        + " per chunk%s)", sim.latencyUs(), last.chunkTokens(), last.streamed() ? ", in phases" : "")));
    if (layers.size() > n) {
      rows.add(CheckRow.info("layers chained", layers.size() + " requested", n + ": this shape keeps the residual"
          + " stream in DRAM between layers; chaining is checked where it stays on chip (decode)"));
    }
    return new CrossCheckReport(title, rows);
  }

  /** The chained layers compiled: one program (one FINISH, at the end), each layer's DRAM layout and program. */
  private record Compiled(ProjectionLowering lowering, List<LayerCompiler.LayerDram> drams, List<LayerProgram> programs,
      List<Instruction> program) {}

  private Compiled compile(List<DecoderCase> layers, ComputeUnit unit) {
    DecoderCase first = layers.get(0);
    ModelConfig c = first.config();
    LayerShape shape = first.shape();
    int m = shape.tokens();
    // Binary layers (bitnet-w1) may take the 1-bit packing; one lowering serves every chained layer.
    WeightAlphabet alphabet = layers.stream().allMatch(l -> l.alphabet() == WeightAlphabet.BINARY)
        ? WeightAlphabet.BINARY : WeightAlphabet.TERNARY;
    ProjectionLowering lowering = new ProjectionLowering(runner.target(), unit, alphabet);
    List<LayerCompiler.LayerDram> drams = new ArrayList<>();
    List<LayerProgram> programs = new ArrayList<>();
    long base = 1L << 20;
    for (DecoderCase dc : layers) {
      Map<LayerKind, Float> scales = new EnumMap<>(LayerKind.class);
      dc.weights().forEach((k, w) -> scales.put(k, w.scale()));
      // With an on-chip KV store, chained layers' caches sit one after another in its window.
      long kvOffset = (long) drams.size() * new KvCacheLayout(0, c.numKvHeads(), shape.maxKeys(), c.headDim(),
          arch.attentionOrDefault().kvDatatype(), arch.attentionOrDefault().kvQuant()).bytes();
      LayerCompiler.LayerDram dram;
      if (dc.signAdd()) {
        long layerBase = base;
        LayerCompiler.Compiled compiled = LayerCompiler.compileFormatLayer(c, runner.target(), unit, "layer",
            dc.formatPlans(), shape, f -> new LayerCompiler.LayerDram(c, lowering, m, shape.maxKeys(), layerBase,
                arch.attentionOrDefault(), kvOffset, java.util.Optional.of(f)));
        dram = compiled.dram();
        programs.add(compiled.program());
      } else {
        dram = new LayerCompiler.LayerDram(c, lowering, m, shape.maxKeys(), base, arch.attentionOrDefault(), kvOffset);
        programs.add(new LayerCompiler(c, runner.target(), unit, dram, scales).compile(shape));
      }
      base = (dram.extentBytes() + (1L << 20)) / (1L << 20) * (1L << 20);
      drams.add(dram);
      if (programs.get(0).residualInDram()) {
        break;
      }
    }
    int n = programs.size();
    List<Instruction> program = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Instruction> p = programs.get(i).program();
      program.addAll(i == n - 1 ? p : p.subList(0, p.size() - 1)); // one FINISH, at the end
    }
    return new Compiled(lowering, drams, programs, program);
  }

  /** Every compiled layer's data into the machine (mutations of the DRAM weights apply to the first layer). */
  private void load(MachineState state, List<DecoderCase> layers, Compiled compiled, DecoderMutation mutation) {
    for (int i = 0; i < compiled.programs().size(); i++) {
      DecoderCase dc = layers.get(i);
      DecoderMutation.DramWeight flip = i == 0 && mutation instanceof DecoderMutation.DramWeight w ? w : null;
      DecoderCase simCase = flip != null && !dc.signAdd() ? dc.withWeightFlipped(flip.kind(), flip.row(), flip.col())
          : dc;
      load(state, simCase, compiled.programs().get(i), compiled.drams().get(i), compiled.lowering(), i == 0,
          dc.signAdd() ? flip : null);
      if (i == 0 && mutation instanceof DecoderMutation.KvCache kv) {
        mutateCache(state, dc, compiled.drams().get(0).cache(), kv);
      }
    }
  }

  /**
   * The run {@link #runLayers} checks, before it runs: the program of the chained layers and a machine state
   * holding everything the cross-check loads (weights, gains, cached K/V, ones, the first layer's input),
   * with where the input was placed and where the last layer's output will be. For running the same
   * program on another implementation of the ISA (the HLS accelerator export).
   *
   * @param inputInVec true when the input was written to VEC at {@code inputAddr} (decode), false when to DRAM
   * @param outputInVec true when the last layer's output stays in VEC at {@code outputAddr}, false when in DRAM
   */
  public record Prepared(List<Instruction> program, MachineState state, boolean inputInVec, long inputAddr,
      boolean outputInVec, long outputAddr, int outputFloats, int layers) {}

  public Prepared prepare(List<DecoderCase> layers, ComputeUnit unit) {
    Compiled compiled = compile(layers, unit);
    MachineState state = runner.newState();
    load(state, layers, compiled, new DecoderMutation.None());
    DecoderCase first = layers.get(0);
    int n = compiled.programs().size();
    LayerProgram firstProgram = compiled.programs().get(0);
    LayerProgram last = compiled.programs().get(n - 1);
    boolean inputInDram = chunked(firstProgram, first.shape().tokens());
    long inputAddr = inputInDram ? compiled.drams().get(0).residualAddr(true, 0) : inputAddress(firstProgram);
    long outputAddr = last.residualInDram() ? compiled.drams().get(n - 1).residualAddr(false, 0) : 0L;
    return new Prepared(compiled.program(), state, !inputInDram, inputAddr, !last.residualInDram(), outputAddr,
        first.shape().tokens() * first.config().hiddenSize(), n);
  }

  private static boolean chunked(LayerProgram lp, int tokens) {
    return lp.residualInDram();
  }

  /**
   * What the reference's cache keeps: the arch's quantized format (the reference's {@code KvCacheFormat.Int}, or
   * IntactKV with pivots), fp16 values for fp16 attention, else exact fp32.
   */
  private KvStore kvStore() {
    java.util.Optional<AttentionConfig.KvQuant> q = arch.attentionOrDefault().kvQuant();
    if (q.isPresent()) {
      AttentionConfig.KvQuant k = q.get();
      return k.pivots() > 0 ? new KvCacheFormat.IntactKv(k.bits(), k.group(), k.pivots())
          : new KvCacheFormat.Int(k.bits(), k.group());
    }
    return precision() == AttentionPrecision.FP16 ? new KvCacheFormat.Fp16() : KvStore.FP32;
  }

  /** The reference precision the arch's attention datapath computes in. */
  private AttentionPrecision precision() {
    return arch.attentionOrDefault().kvDatatype() == KvDatatype.FP16 ? AttentionPrecision.FP16
        : AttentionPrecision.FP32;
  }

  /** Weights, gains, the cached K/V (int8 + inverse scales, or fp16), the int32 ones and the layer input. */
  private void load(MachineState state, DecoderCase dc, LayerProgram lp, LayerCompiler.LayerDram dram,
      ProjectionLowering lowering, boolean writeInput, DecoderMutation.DramWeight formatFlip) {
    ModelConfig c = dc.config();
    for (LayerKind k : LayerKind.projections()) {
      if (dc.signAdd()) {
        // Format weights: each projection's tiles; a DRAM-weight mutation negates the first nonzero sign of its plan.
        LayerFormats f = dram.formats().orElseThrow();
        FloatLinearLowering.Tiles tiles = f.tiles(k);
        if (formatFlip != null && formatFlip.kind() == k) {
          tiles = new FloatLinearLowering(runner.target(), lowering.unit()).retile(tiles, new FloatMutation.SignFlip(0).apply(
              tiles.plan()));
        }
        for (DramSegment seg : tiles.segments()) {
          state.dram().write(dram.weightAddr(k) + seg.addr(), seg.bytes());
        }
        continue;
      }
      state.dram().write(dram.weightAddr(k), lowering.dramImage(WeightImage.pack(dc.weights().get(k),
          lowering.packing()), k.outFeatures(c), k.inFeatures(c)));
    }
    dc.gains().forEach((name, g) -> state.dram().writeFp32s(dram.gainAddr(name), g));
    KvCacheLayout cache = dram.cache();
    int hd = c.headDim();
    for (int pos = 0; cache.quantized() && pos < dc.shape().start(); pos++) {
      // As the simulator's append would have stored them: fp16 pivot rows, then one record per position.
      for (int u = 0; u < cache.units(); u++) {
        int off = pos * c.kvDim() + u * cache.unitLen();
        if (pos < cache.pivots()) {
          storeHalves(state, dc.cachedKeys(), off, cache.unitLen(), cache.kPivotAddr(u, pos));
          storeHalves(state, dc.cachedValues(), off, cache.unitLen(), cache.vPivotAddr(u, pos));
        } else {
          state.dram().write(cache.kRecordAddr(u, pos), KvRecords.of(dc.cachedKeys(), off, cache.unitLen(),
              cache.codes()));
          state.dram().write(cache.vRecordAddr(u, pos), KvRecords.of(dc.cachedValues(), off, cache.unitLen(),
              cache.codes()));
        }
      }
    }
    for (int pos = 0; !cache.quantized() && pos < dc.shape().start(); pos++) {
      for (int g = 0; g < c.numKvHeads(); g++) {
        int off = pos * c.kvDim() + g * hd;
        if (cache.dtype() == KvDatatype.FP16) {
          storeHalves(state, dc.cachedKeys(), off, hd, cache.kAddr(g, pos));
          storeHalves(state, dc.cachedValues(), off, hd, cache.vAddr(g, pos));
        } else {
          storeCached(state, dc.cachedKeys(), off, hd, cache.kAddr(g, pos), cache.kInvScaleAddr(g, pos));
          storeCached(state, dc.cachedValues(), off, hd, cache.vAddr(g, pos), cache.vInvScaleAddr(g, pos));
        }
      }
    }
    int ones = 2 * lp.chunkTokens() * c.numKvHeads();
    int[] one = new int[ones];
    java.util.Arrays.fill(one, 1);
    state.dram().writeInt32s(dram.onesAddr(), one);
    if (!writeInput) {
      return;
    }
    if (chunked(lp, dc.shape().tokens())) {
      state.dram().writeFp32s(dram.residualAddr(true, 0), dc.input());
    } else {
      state.buffer(Buffer.VEC).writeFp32s((int) inputAddress(lp), dc.input());
    }
  }

  /** A quantized cache's mutation: one field of the keys at a cached position changed in the DRAM image. */
  private static void mutateCache(MachineState state, DecoderCase dc, KvCacheLayout cache, DecoderMutation.KvCache kv) {
    if (!cache.quantized() || kv.position() >= dc.shape().start()) {
      throw new IllegalArgumentException("KV cache mutation: position " + kv.position() + " must be a cached position"
          + " (< " + dc.shape().start() + ") of a quantized cache (attention.kv_bits set)");
    }
    boolean pivot = kv.position() < cache.pivots();
    if (pivot != (kv.field() == DecoderMutation.KvField.PIVOT)) {
      throw new IllegalArgumentException("KV cache mutation: " + kv.field() + " at position " + kv.position()
          + " needs a " + (pivot ? "record" : "pivot") + " position; pivots are 0.." + (cache.pivots() - 1));
    }
    int limit = kv.field() == DecoderMutation.KvField.STEP ? cache.codes().groups(cache.unitLen()) : cache.unitLen();
    if (kv.index() < 0 || kv.index() >= limit) {
      throw new IllegalArgumentException("KV cache mutation: " + kv.field() + " index " + kv.index()
          + " must be in 0.." + (limit - 1) + " (one record or pivot row of " + cache.unitLen() + " values)");
    }
    if (kv.field() == DecoderMutation.KvField.CODE) {
      long bit = (long) kv.index() * cache.codes().bits();
      long at = cache.kRecordAddr(0, kv.position()) + (bit >>> 3);
      byte[] b = state.dram().read(at, 1);
      state.dram().write(at, new byte[] {(byte) (b[0] ^ (1 << (bit & 7)))});
      return;
    }
    long addr = kv.field() == DecoderMutation.KvField.STEP
        ? cache.kRecordAddr(0, kv.position()) + cache.codes().codeBytes(cache.unitLen()) + 3L * kv.index()
        : cache.kPivotAddr(0, kv.position()) + 2L * kv.index();
    byte[] b = state.dram().read(addr, 2);
    // A step one binary16 ulp up; a pivot value doubled (exponent + 1): one ulp of a key can vanish in the fp16
    // probabilities, a doubled key cannot.
    int h = ((b[0] & 0xff) | (b[1] & 0xff) << 8) + (kv.field() == DecoderMutation.KvField.STEP ? 1 : 0x400);
    state.dram().write(addr, new byte[] {(byte) h, (byte) (h >>> 8)});
  }

  /** As the simulator's KV append would have stored it: int8 absmax row and 1 / s as VEC.DEQUANT of int32 1 gives. */
  private static void storeCached(MachineState state, float[] src, int off, int hd, long rowAddr, long invAddr) {
    float[] row = java.util.Arrays.copyOfRange(src, off, off + hd);
    QuantizedActivations q = Quantizers.quantizeActivations(row, 1, hd);
    state.dram().write(rowAddr, q.values());
    state.dram().setFp32(invAddr, (float) 1 / (1.0f * q.scales()[0]));
  }

  /** As the simulator's fp16 KV append would have stored it: binary16, little-endian, round to nearest even. */
  private static void storeHalves(MachineState state, float[] src, int off, int hd, long rowAddr) {
    byte[] b = new byte[2 * hd];
    for (int i = 0; i < hd; i++) {
      int h = HalfFloats.floatToF16(src[off + i]);
      b[2 * i] = (byte) h;
      b[2 * i + 1] = (byte) (h >>> 8);
    }
    state.dram().write(rowAddr, b);
  }

  private static long inputAddress(LayerProgram lp) {
    for (Map.Entry<Tensor, Long> e : lp.plans().get(0).addresses().get(0).entrySet()) {
      if (e.getKey().name().equals("h")) {
        return e.getValue();
      }
    }
    throw new IllegalStateException("the layer input h has no VEC address in the first step");
  }

  /** What the probes read from one layer: per projection its int8 input, s_x, accumulators, output; the attention output. */
  private static final class LayerValues {
    final Map<LayerKind, byte[]> inputs = new EnumMap<>(LayerKind.class);
    final Map<LayerKind, float[]> scales = new EnumMap<>(LayerKind.class);
    final Map<LayerKind, int[]> acc = new EnumMap<>(LayerKind.class);
    final Map<LayerKind, float[]> out = new EnumMap<>(LayerKind.class);
    final float[] attn;

    LayerValues(ModelConfig c, int tokens) {
      for (LayerKind k : LayerKind.projections()) {
        inputs.put(k, new byte[tokens * k.inFeatures(c)]);
        scales.put(k, new float[tokens]);
        acc.put(k, new int[tokens * k.outFeatures(c)]);
        out.put(k, new float[tokens * k.outFeatures(c)]);
      }
      attn = new float[tokens * c.qDim()];
    }
  }

  /** Reads the machine at each probe site (in program order, layer after layer) and injects the simulator-side faults. */
  private static final class Probe {
    final ModelConfig c;
    final List<ProbeSite> sites = new ArrayList<>();
    final List<Integer> siteLayer = new ArrayList<>();
    final List<LayerValues> layers = new ArrayList<>();
    final MachineState state;
    final DecoderMutation mutation;
    int next;

    Probe(ModelConfig c, int tokens, List<LayerProgram> programs, MachineState state, DecoderMutation mutation) {
      this.c = c;
      this.state = state;
      this.mutation = mutation;
      for (int i = 0; i < programs.size(); i++) {
        layers.add(new LayerValues(c, tokens));
        for (ProbeSite s : programs.get(i).probeSites()) {
          sites.add(s);
          siteLayer.add(i);
        }
      }
    }

    ValueSemantics wrap(ValueSemantics base) {
      return ins -> {
        int at = next;
        ProbeSite site = at < sites.size() && sites.get(at).trigger().equals(ins) ? sites.get(next++) : null;
        LayerValues values = site == null ? null : layers.get(siteLayer.get(at));
        if (site != null) {
          before(site, values);
          if (site instanceof ProbeSite.Projection p && mutation instanceof DecoderMutation.ActivationScale a
              && a.kind() == p.kind() && p.token0() == 0 && p.n0() == 0 && siteLayer.get(at) == 0) {
            SramImage vec = state.buffer(Buffer.VEC);
            vec.setFp32((int) p.scalesAddr(), vec.getFp32((int) p.scalesAddr()) * (1 + 0x1p-20f));
          }
        }
        base.execute(ins);
        if (site instanceof ProbeSite.Projection p) {
          float[] y = state.buffer(Buffer.VEC).readFp32s((int) p.outAddr(), p.tokens() * p.n());
          scatter(y, p, values.out.get(p.kind()));
        } else if (site instanceof ProbeSite.FormatProjection f) {
          // The row tile's columns of every token row of the output tensor.
          float[] whole = values.out.get(f.kind());
          for (int t = 0; t < f.tokens(); t++) {
            float[] row = state.buffer(Buffer.VEC).readFp32s((int) (f.outAddr() + 4L * ((long) t * f.width() + f.r0())),
                f.n());
            System.arraycopy(row, 0, whole, (f.token0() + t) * f.width() + f.r0(), f.n());
          }
        }
      };
    }

    /** A block [tokens][n] of output columns n0.. into the whole [tokens][N] array. */
    private void scatter(float[] block, ProbeSite.Projection p, float[] whole) {
      int width = p.kind().outFeatures(c);
      for (int t = 0; t < p.tokens(); t++) {
        System.arraycopy(block, t * p.n(), whole, (p.token0() + t) * width + p.n0(), p.n());
      }
    }

    private void before(ProbeSite site, LayerValues values) {
      SramImage vec = state.buffer(Buffer.VEC);
      if (site instanceof ProbeSite.Projection p) {
        byte[] x = new byte[p.tokens() * p.k()];
        state.buffer(Buffer.ACT).read((int) p.actAddr(), x, 0, x.length);
        System.arraycopy(x, 0, values.inputs.get(p.kind()), p.token0() * p.k(), x.length);
        System.arraycopy(vec.readFp32s((int) p.scalesAddr(), p.tokens()), 0, values.scales.get(p.kind()),
            p.token0(), p.tokens());
        int[] a = state.buffer(Buffer.ACC).readInt32s((int) p.accAddr(), p.tokens() * p.n());
        int width = p.kind().outFeatures(c);
        int[] dst = values.acc.get(p.kind());
        for (int t = 0; t < p.tokens(); t++) {
          System.arraycopy(a, t * p.n(), dst, (p.token0() + t) * width + p.n0(), p.n());
        }
      } else if (site instanceof ProbeSite.AttentionOutput a) {
        System.arraycopy(vec.readFp32s((int) a.addr(), a.tokens() * a.width()), 0, values.attn,
            a.token0() * a.width(), a.tokens() * a.width());
      }
    }
  }

  private static void projectionRows(List<CheckRow> rows, String layer, LayerKind k, DecoderReference.Trace ref,
      LayerValues probe, DecoderMutation mutation) {
    QuantizedActivations x = ref.inputs().get(k);
    String name = layer + k.label();
    int mismatch = 0;
    for (int i = 0; i < x.values().length; i++) {
      mismatch += x.values()[i] != probe.inputs.get(k)[i] ? 1 : 0;
    }
    for (int t = 0; t < x.tokens(); t++) {
      mismatch += Float.floatToRawIntBits(x.scales()[t]) != Float.floatToRawIntBits(probe.scales.get(k)[t]) ? 1 : 0;
    }
    int total = x.values().length + x.tokens();
    rows.add(new CheckRow(name + " int8 input + s_x [" + x.tokens() + "x" + x.features() + "] bit-exact",
        total + " equal", mismatch == 0 ? total + " equal" : mismatch + " differ",
        mismatch == 0 ? Verdict.PASS : Verdict.FAIL));
    int[] golden = ref.accumulators().get(k);
    if (mutation instanceof DecoderMutation.GoldenAccumulator g && g.kind() == k) {
      golden = golden.clone();
      golden[0]++;
    }
    int[] sim = probe.acc.get(k);
    int accDiff = 0;
    int first = -1;
    for (int i = 0; i < golden.length; i++) {
      if (golden[i] != sim[i]) {
        accDiff++;
        first = first < 0 ? i : first;
      }
    }
    rows.add(new CheckRow(name + " accumulators int32 [" + x.tokens() + "x" + (golden.length / x.tokens())
        + "] bit-exact", golden.length + " equal to BitLinear.accumulate", accDiff == 0 ? golden.length + " equal"
        : accDiff + " differ, first #" + first + " ref " + golden[first] + " sim " + sim[first],
        accDiff == 0 ? Verdict.PASS : Verdict.FAIL));
    rows.add(bitExactRow(name + " output fp32 bit-exact", ref.outputs().get(k), probe.out.get(k)));
  }

  private static CheckRow bitExactRow(String check, float[] ref, float[] sim) {
    return CheckRow.bitExact(check, "equal (0 ulp)", ref, sim, ref.length);
  }

  /** |sim - ref| <= bound element by element; reports the largest error and the largest error / bound. */
  static CheckRow boundRow(String check, float[] ref, float[] sim, double[] bound) {
    int over = 0;
    int first = -1;
    double maxErr = 0;
    double maxRatio = 0;
    double maxBound = 0;
    for (int i = 0; i < ref.length; i++) {
      double err = Math.abs((double) sim[i] - ref[i]);
      maxErr = Math.max(maxErr, err);
      maxBound = Math.max(maxBound, bound[i]);
      maxRatio = Math.max(maxRatio, bound[i] > 0 ? err / bound[i] : err > 0 ? Double.POSITIVE_INFINITY : 0);
      if (!(err <= bound[i])) {
        over++;
        first = first < 0 ? i : first;
      }
    }
    String actual = String.format(Locale.ROOT, "max |err| %.3g, max bound %.3g, max err/bound %.3f", maxErr, maxBound,
        maxRatio) + (over == 0 ? "" : "; " + over + " over, first #" + first);
    return new CheckRow(check, "|sim - ref| <= bound, all " + ref.length, actual, over == 0 ? Verdict.PASS
        : Verdict.FAIL);
  }

  /** ||sim_t - ref_t||_2 <= bound_t for every token row; reports the largest error / bound and the relative error. */
  static CheckRow l2BoundRow(String check, float[] ref, float[] sim, double[] bound, int width) {
    int over = 0;
    double maxRatio = 0;
    double maxRel = 0;
    double maxBoundRel = 0;
    for (int t = 0; t < bound.length; t++) {
      double err = 0;
      double norm = 0;
      for (int i = t * width; i < (t + 1) * width; i++) {
        double dlt = (double) sim[i] - ref[i];
        err += dlt * dlt;
        norm += (double) ref[i] * ref[i];
      }
      err = Math.sqrt(err);
      norm = Math.sqrt(norm);
      maxRatio = Math.max(maxRatio, err / bound[t]);
      maxRel = Math.max(maxRel, err / norm);
      maxBoundRel = Math.max(maxBoundRel, bound[t] / norm);
      over += err <= bound[t] ? 0 : 1;
    }
    String actual = String.format(Locale.ROOT, "max ||err||/||ref|| %.3g, max bound/||ref|| %.3g, max err/bound %.3f",
        maxRel, maxBoundRel, maxRatio) + (over == 0 ? "" : "; " + over + " token(s) over");
    if (Double.isInfinite(maxBoundRel)) {
      // a vacuous bound proves nothing either way: shown, never a PASS
      return CheckRow.info(check, "||sim - ref|| <= bound", actual + " (bound vacuous here)");
    }
    return new CheckRow(check, "||sim - ref|| <= bound, all " + bound.length + " token(s)", actual,
        over == 0 ? Verdict.PASS : Verdict.FAIL);
  }

  /** Ternary pair counts and int8 MACs against the models' formulas for the same layer and weights. */
  private void countRows(List<CheckRow> rows, List<DecoderCase> layers, ActionCounts counts,
      ComputeUnit unit, List<LayerCompiler.LayerDram> drams) {
    DecoderCase first = layers.get(0);
    ModelConfig c = first.config();
    int m = first.shape().tokens();
    if (first.signAdd()) {
      signAddCountRows(rows, layers, counts, drams.stream().map(d -> d.formats().orElseThrow()).toList(), unit);
    } else {
      ternaryCountRows(rows, layers, counts, unit);
    }
    long macs = 0;
    for (int t = 0; t < m; t++) {
      macs += OpFormulas.attentionQuery(c.numHeads(), c.headDim(), first.shape().start() + t + 1).int8Macs();
    }
    macs *= layers.size();
    if (precision() == AttentionPrecision.FP16) {
      // fp16 attention runs on the vector lanes: no int8 MAC, and its MACs join the norms' sums of squares.
      long norms = 0;
      for (String norm : DecoderCase.normNames(c)) {
        norms += (long) m * switch (norm) {
          case "attn_sub_norm" -> c.qDim();
          case "ffn_sub_norm" -> c.intermediateSize();
          default -> c.hiddenSize();
        };
      }
      rows.add(CheckRow.equal("int8 MACs (none: attention is fp16)", 0L, counts.int8Macs()));
      rows.add(CheckRow.equal("fp32 MACs (fp16 attention QK^T and PV on the vector lanes, and RMSNorm sums of squares)",
          macs + norms * layers.size(), counts.fp32Ops(Fp32Op.MAC)));
      return;
    }
    rows.add(CheckRow.equal("int8 MACs (attention QK^T and PV)", macs, counts.int8Macs()));
  }

  /**
   * Format layers: one fp32 add or subtract per nonzero plane weight and token on the array's fp32 adders, plus the
   * group sums of a format with a shift (one add per input and token per row tile), from the plans' own weights.
   */
  private void signAddCountRows(List<CheckRow> rows, List<DecoderCase> layers, ActionCounts counts,
      List<LayerFormats> compiledFormats, ComputeUnit unit) {
    if (unit == ComputeUnit.LUT) {
      lutCountRows(rows, layers, counts, compiledFormats);
      return;
    }
    int m = layers.get(0).shape().tokens();
    long expected = 0;
    for (DecoderCase dc : layers) {
      Map<LayerKind, FloatLinearPlan> plans = dc.formatPlans();
      LayerFormats formats = compiledFormats.get(layers.indexOf(dc));
      for (Map.Entry<LayerKind, FloatLinearPlan> e : plans.entrySet()) {
        FloatLinearPlan plan = e.getValue();
        for (FloatLinearPlan.SignPlane p : plan.planes()) {
          for (byte b : p.values()) {
            expected += b != 0 ? m : 0;
          }
        }
        if (plan.shift().isPresent()) {
          FloatLinearLowering.Tiles t = formats.tiles(e.getKey());
          expected += (long) m * plan.cols() * ((plan.rows() + t.tileRows() - 1) / t.tileRows());
        }
      }
    }
    TernaryPairCounts f = counts.floatArray();
    String what = layers.size() == 1 ? "7 projections" : "7 projections x " + layers.size() + " layers";
    rows.add(CheckRow.equal("mac_array fp32 adds + subtracts (GEMM.SF), " + what, expected, f.adds() + f.subs()));
  }

  /**
   * Format layers on the LUT core's fp16 tables: one fp32 lookup add per token, plane, output row and run of g
   * columns (per group), plus the ones row's per row tile for a format with a shift; no GEMM.SF.
   */
  private void lutCountRows(List<CheckRow> rows, List<DecoderCase> layers, ActionCounts counts,
      List<LayerFormats> compiledFormats) {
    int m = layers.get(0).shape().tokens();
    int g = runner.target().lut().orElseThrow().groupSize();
    long expected = 0;
    for (DecoderCase dc : layers) {
      LayerFormats formats = compiledFormats.get(layers.indexOf(dc));
      for (Map.Entry<LayerKind, FloatLinearPlan> e : dc.formatPlans().entrySet()) {
        FloatLinearPlan plan = e.getValue();
        long runs = 0;
        for (int j = 0; j < plan.groups(); j++) {
          runs += (plan.groupWidth(j) + g - 1) / g;
        }
        FloatLinearLowering.Tiles t = formats.tiles(e.getKey());
        long rowTiles = (plan.rows() + t.tileRows() - 1) / t.tileRows();
        expected += m * runs * ((long) plan.planes().size() * plan.rows() + (plan.shift().isPresent() ? rowTiles : 0));
      }
    }
    String what = layers.size() == 1 ? "7 projections" : "7 projections x " + layers.size() + " layers";
    rows.add(CheckRow.equal("lut_core fp32 lookup adds (LUT.GEMM.F16), " + what, expected,
        counts.lut().floatAccumulateAdds()));
    rows.add(CheckRow.equal("GEMM.SF pairs (none on the LUT core)", 0, counts.floatArray().pairs()));
  }

  /** The sign-sum order of a format layer's projections on {@code unit} (the golden's, never the simulator's). */
  private SignSumOrder order(ComputeUnit unit) {
    return SignSumOrder.of(runner.target(), unit);
  }

  /** Ternary pair counts against the models' formulas for the same layer and weights. */
  private void ternaryCountRows(List<CheckRow> rows, List<DecoderCase> layers, ActionCounts counts, ComputeUnit unit) {
    DecoderCase first = layers.get(0);
    int m = first.shape().tokens();
    long plus = 0;
    long minus = 0;
    long zero = 0;
    for (DecoderCase dc : layers) {
      for (LayerKind k : LayerKind.projections()) {
      TernaryWeights w = dc.weights().get(k);
      long p = 0;
      long n = 0;
      for (byte b : w.values()) {
        p += b == 1 ? 1 : 0;
        n += b == -1 ? 1 : 0;
      }
      var ops = OpFormulas.projectionToken(w.rows(), p, n, (long) w.rows() * w.cols()).times(m);
      plus += ops.ternaryAdds();
      minus += ops.ternarySubs();
      zero += ops.ternarySkips();
      }
    }
    TernaryPairCounts pairs = unit == ComputeUnit.MAC ? counts.macArray() : counts.lutPairs();
    String u = unit == ComputeUnit.MAC ? "mac_array" : "lut_core";
    String what = layers.size() == 1 ? "7 projections" : "7 projections x " + layers.size() + " layers";
    rows.add(CheckRow.equal(u + " ternary adds (w=+1), " + what, plus, pairs.adds()));
    rows.add(CheckRow.equal(u + " ternary subs (w=-1), " + what, minus, pairs.subs()));
    rows.add(CheckRow.equal(u + " ternary skips (w=0), " + what, zero, pairs.skips()));
  }
}
