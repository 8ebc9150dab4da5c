package dev.tritium.fpga.accel;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.mapper.bitlinear.BitLinearMapper;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.bitlinear.CompiledBitLinear;
import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.WeightImage;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.fp16act.CompiledFloatLinear;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.intfmt.CompiledIntLinear;
import dev.tritium.mapper.dense.CompiledDense;
import dev.tritium.mapper.dense.DenseLowering;
import dev.tritium.mapper.intfmt.IntLinearCrossCheck;
import dev.tritium.mapper.intfmt.IntLinearLowering;
import dev.tritium.mapper.intfmt.IntPlan;
import dev.tritium.mapper.abq.AbqLutLowering;
import dev.tritium.mapper.abq.AbqPlan;
import dev.tritium.mapper.abq.CompiledAbq;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.mapper.quip.CompiledQuip;
import dev.tritium.mapper.quip.QuipCrossCheck;
import dev.tritium.mapper.quip.QuipLowering;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.QuantizedMatrix;
import dev.tritium.models.quant.TernaryWeights;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The programs the accelerator export can carry, each with its DRAM image and the Java simulator's golden
 * image: a BitLinear compiled by the mapper, one or more chained decoder layers compiled by the mapper
 * exactly as its decoder cross-check compiles them, or a program binary given by the user.
 */
public final class AcceleratorPrograms {

  /** DRAM alignment of the data this class places itself (64 KiB, one simulator DRAM page). */
  private static final long PLACE_ALIGN_BYTES = 1L << 16;

  private AcceleratorPrograms() {}

  /**
   * A seeded BitLinear y = dequant(W . quant(x)) of M tokens, K inputs, N outputs on one unit, with the
   * mapper's tiling (cycles objective): weights and x in DRAM, y written to DRAM by the program.
   */
  public static ProgramImages bitLinear(ArchConfig arch, int tokens, int k, int n, ComputeUnit unit, long seed) {
    return bitLinear(arch, tokens, k, n, bitLinearMapping(arch, new BitLinearShape(tokens, k, n), unit), seed);
  }

  /** The same BitLinear with a given mapping (unit, packing and tiles), e.g. to exercise one packing. */
  public static ProgramImages bitLinear(ArchConfig arch, int tokens, int k, int n, Mapping mapping, long seed) {
    return bitLinear(arch, bitLinearCase(tokens, k, n, seed), mapping, seed);
  }

  /** A BitLinear of a given case (e.g. a low-bit weight format's binary weights) with a given mapping. */
  public static ProgramImages bitLinear(ArchConfig arch, BitLinearCase c, Mapping mapping, long seed) {
    int tokens = c.tokens();
    int k = c.weights().cols();
    int n = c.weights().rows();
    BitLinearShape shape = new BitLinearShape(tokens, k, n, c.alphabet());
    ComputeUnit unit = mapping.unit();
    TernaryWeights w = c.weights();
    CompiledBitLinear compiled = new BitLinearMapper(Machine.isaTarget(arch)).compile(shape, mapping, w.scale());
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.write(compiled.dram().weightsAddr(), WeightImage.chunkMajor(WeightImage.pack(w, mapping.packing()),
        mapping.packing(), w.rows(), w.cols(), mapping.blockK()));
    dram.writeFp32s(compiled.dram().inputAddr(), c.input());
    String what = String.format(Locale.ROOT, "BitLinear M=%d K=%d N=%d on the %s unit (%s), seed %d", tokens, k, n,
        unit.name().toLowerCase(Locale.ROOT), mapping.summary(), seed);
    byte[] packed = WeightImage.chunkMajor(WeightImage.pack(w, mapping.packing()), mapping.packing(), w.rows(),
        w.cols(), mapping.blockK());
    return ProgramImages.simulate(what, arch, compiled.program(), dram,
        List.of(new DramRange("packed W [" + n + "][" + k + "]", compiled.dram().weightsAddr(), packed.length),
            new DramRange("x fp32 [" + tokens + "][" + k + "]", compiled.dram().inputAddr(), 4L * tokens * k)),
        List.of(new DramRange("y fp32 [" + tokens + "][" + n + "]", compiled.dram().outputAddr(), 4L * tokens * n)));
  }

  /**
   * One projection of M tokens, K inputs, N outputs in a weight format with fp16 activations (onebit, pb-llm, billm,
   * ternaryllm) on the MAC array's sign-add path: the format's quantizer on seeded latent weights, the mapper's
   * tile stream (fp16act), the planes, scale vectors and CSR blocks and x in DRAM, y written to DRAM by the program.
   * The weights and input are {@link FloatLinearCrossCheck}'s for tensor id 1, so the reference can recompute y.
   */
  public static ProgramImages signAdd(ArchConfig arch, FormatPreset format, int tokens, int k, int n, long seed) {
    return signAdd(arch, format, tokens, k, n, seed, ComputeUnit.MAC);
  }

  /**
   * As {@link #signAdd(ArchConfig, FormatPreset, int, int, int, long)} on {@code unit}: the MAC array's GEMM.SF, or
   * the LUT core's fp16 tables (LUT.BUILD.F16 / LUT.GEMM.F16; its y is the plan evaluated in the LUT order).
   */
  public static ProgramImages signAdd(ArchConfig arch, FormatPreset format, int tokens, int k, int n, long seed,
      ComputeUnit unit) {
    QuantizedMatrix m = FloatLinearCrossCheck.weights(format, n, k, seed, 1);
    FloatLinearPlan plan = FloatLinearPlan.of(format.name(), m);
    CompiledFloatLinear compiled = new FloatLinearLowering(Machine.isaTarget(arch), unit).compile(plan, tokens);
    String what = String.format(Locale.ROOT, "%s projection M=%d K=%d N=%d on the %s (tiles of %d rows), seed %d",
        format.name(), tokens, k, n, unit == ComputeUnit.LUT ? "lut unit's fp16 tables" : "mac unit's sign-add path",
        compiled.tiling().tileRows(), seed);
    return projection(arch, what, compiled.program(), compiled.segments(), compiled.inputAddr(), compiled.outputAddr(),
        tokens, k, n, seed);
  }

  /**
   * One quip-w2 projection M=tokens, K=k, N=n ({@code mapper.quip}: VEC.FWHT and GEMM.Q2 on the MAC array's fp32
   * adders), its weights and input seeded as {@link #signAdd}'s (tensor id 1).
   */
  public static ProgramImages quip(ArchConfig arch, int tokens, int k, int n, long seed) {
    CompiledQuip compiled = new QuipLowering(Machine.isaTarget(arch)).compile(QuipCrossCheck.weights(n, k, seed, 1),
        tokens);
    String what = String.format(Locale.ROOT, "quip-w2 projection M=%d K=%d N=%d on the mac unit's GEMM.Q2 with VEC.FWHT"
        + " (tiles of %d code rows), seed %d", tokens, k, n, compiled.tileRows(), seed);
    return projection(arch, what, compiled.program(), compiled.segments(), compiled.inputAddr(), compiled.outputAddr(),
        tokens, k, n, seed);
  }

  /**
   * A seeded projection of an integer format (w8a8) on the MAC array's integer multipliers (GEMM.IW, mapper.intfmt):
   * codes, scales and x in DRAM, y written to DRAM by the program. Its weights are the cross-check's (tensor id 1).
   */
  public static ProgramImages integer(ArchConfig arch, FormatPreset format, int tokens, int k, int n, long seed) {
    QuantizedMatrix m = IntLinearCrossCheck.weights(format, n, k, seed, 1);
    CompiledIntLinear compiled = new IntLinearLowering(Machine.isaTarget(arch)).compile(
        IntPlan.of(format.name(), m), tokens);
    String what = String.format(Locale.ROOT, "%s projection M=%d K=%d N=%d on the mac unit's integer multipliers"
        + " (tiles of %d rows x %d columns), seed %d", format.name(), tokens, k, n, compiled.tiling().tileRows(),
        compiled.tiling().kTile(), seed);
    return projection(arch, what, compiled.program(), compiled.segments(), compiled.inputAddr(), compiled.outputAddr(),
        tokens, k, n, seed);
  }

  /**
   * One abq-wpaq projection on the MAC array's bit-plane PEs (mapper.abq: QUANT.BP, GEMM.BP, VEC.ACC_SCALE), its
   * weights seeded as the cross-check's (tensor id 1).
   */
  public static ProgramImages bitPlane(ArchConfig arch, FormatPreset format, int tokens, int k, int n, long seed) {
    CompiledAbq compiled = CompiledAbq.compileSeeded(Machine.isaTarget(arch), format, n, k, tokens, seed, 1);
    String what = String.format(Locale.ROOT, "%s projection M=%d K=%d N=%d on the mac unit's bit-plane PEs (tiles of"
        + " %d rows), seed %d", format.name(), tokens, k, n, compiled.tiling().tileRows(), seed);
    return projection(arch, what, compiled.program(), compiled.segments(), compiled.inputAddr(), compiled.outputAddr(),
        tokens, k, n, seed);
  }

  /**
   * One abq-wpaq projection on the LUT core's bit-plane tables (mapper.abq.AbqLutLowering: QUANT.BP with bytes, per K
   * chunk LUT.BUILD.BP and LUT.GEMM.BP, VEC.ACC_SCALE), its weights seeded as the cross-check's (tensor id 1).
   */
  public static ProgramImages bitPlaneLut(ArchConfig arch, FormatPreset format, int tokens, int k, int n, long seed) {
    AbqPlan plan = AbqPlan.of(format.name(), BitLinearCase.formatWeights(format, n, k, seed, 1));
    AbqLutLowering.Compiled compiled = new AbqLutLowering(Machine.isaTarget(arch)).compile(plan, tokens);
    CompiledAbq c = compiled.abq();
    String what = String.format(Locale.ROOT, "%s projection M=%d K=%d N=%d on the lut unit's bit-plane tables (g = %d,"
        + " K chunks of %d columns), seed %d", format.name(), tokens, k, n, compiled.tiling().groupSize(),
        compiled.tiling().chunkCols(), seed);
    return projection(arch, what, c.program(), c.segments(), c.inputAddr(), c.outputAddr(), tokens, k, n, seed);
  }

  /**
   * One dense fp16 projection ({@code fp16}) [tokens][k] -> [tokens][n] on the vector unit (VEC.TO_F16, GEMM.F16),
   * with the cross-check's seeded weights (tensor id 1) and {@link #signAddInput}.
   */
  public static ProgramImages dense(ArchConfig arch, FormatPreset format, int tokens, int k, int n, long seed) {
    CompiledDense compiled = DenseLowering.compileSeeded(Machine.isaTarget(arch), format, n, k, tokens, seed, 1);
    String what = String.format(Locale.ROOT, "%s projection M=%d K=%d N=%d on the vector unit's GEMM.F16 (tiles of %d"
        + " rows x %d columns), seed %d", format.name(), tokens, k, n, compiled.tiling().tileRows(),
        compiled.tiling().kTile(), seed);
    return projection(arch, what, compiled.program(), compiled.segments(), compiled.inputAddr(), compiled.outputAddr(),
        tokens, k, n, seed);
  }

  /**
   * A standalone projection's image: its segments and the seeded x [tokens][k] in DRAM, the program simulated, y
   * [tokens][n] the output range.
   */
  private static ProgramImages projection(ArchConfig arch, String what, List<Instruction> program,
      List<DramSegment> segments, long inputAddr, long outputAddr, int tokens, int k, int n, long seed) {
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    List<DramRange> inputs = new ArrayList<>();
    for (DramSegment seg : segments) {
      dram.write(seg.addr(), seg.bytes());
      inputs.add(new DramRange(seg.what(), seg.addr(), seg.bytes().length));
    }
    dram.writeFp32s(inputAddr, signAddInput(tokens, k, seed));
    inputs.add(new DramRange("x fp32 [" + tokens + "][" + k + "]", inputAddr, 4L * tokens * k));
    return ProgramImages.simulate(what, arch, program, dram, inputs,
        List.of(new DramRange("y fp32 [" + tokens + "][" + n + "]", outputAddr, 4L * tokens * n)));
  }

  /** The input x [tokens][k] of {@link #signAdd} (the cross-check cases' seeded inputs, tensor id 1). */
  public static float[] signAddInput(int tokens, int k, long seed) {
    return BitLinearCase.seededInput(tokens, k, seed, 1);
  }

  /** The seeded case {@link #bitLinear} runs (inputs and weights), for comparing with the reference engine. */
  public static BitLinearCase bitLinearCase(int tokens, int k, int n, long seed) {
    return BitLinearCase.seeded("bitlinear", tokens, k, n, seed, 1);
  }

  /** The mapper's mapping of a BitLinear shape on one unit (the tiling search, cycles objective). */
  public static Mapping bitLinearMapping(ArchConfig arch, BitLinearShape shape, ComputeUnit unit) {
    return new TilingSearch(arch).search(shape, Objective.CYCLES, EnumSet.of(unit), TilingSearch.defaultWeights(shape))
        .mapping();
  }

  /**
   * {@code layers} chained decoder layers of {@code config} (seeds seed, seed + 1, ...), compiled and loaded
   * as the mapper's decoder cross-check does. The cross-check places a decode token's input straight into
   * VEC and leaves the output there; here a LOAD before and a STORE after the layers (each with its own
   * token pair) move them through DRAM, so that the whole run is visible in the DRAM image.
   */
  public static ProgramImages decoder(ArchConfig arch, ModelConfig config, LayerShape shape, int layers,
      ComputeUnit unit, long seed) {
    List<DecoderCase> cases = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      cases.add(DecoderCase.seeded(config, shape, seed + i));
    }
    DecoderCrossCheck.Prepared p = new DecoderCrossCheck(arch).prepare(cases, unit);
    DramImage dram = p.state().dram();
    int rowBytes = 4 * config.hiddenSize();
    int rows = shape.tokens();
    long next = align(dram.writtenExtentBytes());
    List<Instruction> body = new ArrayList<>(p.program().subList(0, p.program().size() - 1));
    List<Instruction> program = new ArrayList<>();
    if (p.inputInVec()) {
      float[] input = p.state().buffer(Buffer.VEC).readFp32s((int) p.inputAddr(), p.outputFloats());
      dram.writeFp32s(next, input);
      program.add(new Load(new Deps(false, false, false, true), Buffer.VEC, p.inputAddr(), next, rows, rowBytes,
          rowBytes));
      program.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
      next = align(next + (long) rows * rowBytes);
    }
    program.addAll(body);
    long outputAddr = p.outputAddr();
    if (p.outputInVec()) {
      // Reserve the output range so the image covers it before the run writes it.
      dram.write(next, new byte[rows * rowBytes]);
      program.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
      program.add(new Store(new Deps(true, false, true, false), Buffer.VEC, p.outputAddr(), next, rows, rowBytes,
          rowBytes));
      program.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
      outputAddr = next;
    }
    program.add(new Finish(Deps.NONE));
    String what = String.format(Locale.ROOT, "%d chained decoder layer(s) of %s, %s, start %d, %d token(s), %s unit,"
        + " seed %d", p.layers(), config.name(), shape.start() == 0 && shape.tokens() > 1 ? "prefill" : "decode",
        shape.start(), shape.tokens(), unit.name().toLowerCase(Locale.ROOT), seed);
    DramRange output = new DramRange("layer output fp32 [" + rows + "][" + config.hiddenSize() + "]", outputAddr,
        (long) rows * rowBytes);
    return ProgramImages.simulate(what, arch, program, dram, List.of(), List.of(output));
  }

  /** A user's program binary (config tag checked against the arch) on a DRAM image read from address 0. */
  public static ProgramImages binary(ArchConfig arch, String name, byte[] programBytes, byte[] dramBytes) {
    List<Instruction> program = ProgramBinary.decode(programBytes, Machine.isaTarget(arch));
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    if (dramBytes.length > 0) {
      dram.write(0, dramBytes);
    }
    return ProgramImages.simulate("program " + name + " (" + program.size() + " instructions)", arch, program, dram,
        List.of(), List.of());
  }

  private static long align(long addr) {
    return (addr + PLACE_ALIGN_BYTES - 1) / PLACE_ALIGN_BYTES * PLACE_ALIGN_BYTES;
  }
}
