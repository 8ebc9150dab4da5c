package dev.tritium.mapper.model;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.mapper.abq.AbqCrossCheck;
import dev.tritium.mapper.abq.AbqLowering;
import dev.tritium.mapper.abq.AbqLutCrossCheck;
import dev.tritium.mapper.abq.AbqLutLowering;
import dev.tritium.mapper.abq.AbqMutation;
import dev.tritium.mapper.abq.AbqPlan;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.dense.DenseCrossCheck;
import dev.tritium.mapper.dense.DenseLowering;
import dev.tritium.mapper.dense.DenseMutation;
import dev.tritium.mapper.dense.DensePlan;
import dev.tritium.mapper.intfmt.IntLinearCrossCheck;
import dev.tritium.mapper.intfmt.IntLinearLowering;
import dev.tritium.mapper.intfmt.IntMutation;
import dev.tritium.mapper.intfmt.IntPlan;
import dev.tritium.mapper.crosscheck.CrossCheckReport;
import dev.tritium.mapper.quip.QuipMutation;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.mapper.quip.QuipCrossCheck;
import dev.tritium.mapper.quip.QuipLowering;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.Atom;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.Quip;
import dev.tritium.models.format.SpinQuant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The projections of a model in a weight format whose lowering is a program of its own (quip-w2 on GEMM.Q2 and
 * VEC.FWHT; w8a8, atom-w4a4 and spinquant-w4a4kv4 on GEMM.IW; abq-wpaq on GEMM.BP, or with {@code unit} LUT on the
 * LUT core's LUT.BUILD.BP / LUT.GEMM.BP; the dense fp16 baseline on
 * GEMM.F16): each projection compiles to the same standalone program its cross-check
 * runs bit for bit (its input loaded from DRAM, its output stored to DRAM), on the format's quantizer applied to
 * seeded latent weights (seed 1, tensor id = the projection's ordinal, as the cross-check cases and the sign-add
 * estimates seed them). The tiles, the DMA gathers of Atom's outlier channels and the code bytes are the real
 * format's; every layer is estimated as this one. The quantized matrices are kept, so a second call shape (prefill
 * after decode) only recompiles.
 */
public final class StandaloneProjections {

  /** Seed of the latent weights (the cross-check cases' default). */
  private static final long SEED = 1;

  private final ModelConfig c;
  private final IsaTarget target;
  private final FormatPreset format;
  private final ComputeUnit unit;
  private final Map<LayerKind, Quip.Weights> quipWeights = new EnumMap<>(LayerKind.class);
  private final Map<LayerKind, IntPlan> intPlans = new EnumMap<>(LayerKind.class);
  private final Map<LayerKind, AbqPlan> abqPlans = new EnumMap<>(LayerKind.class);
  private final Map<LayerKind, DensePlan> densePlans = new EnumMap<>(LayerKind.class);

  /**
   * @throws IllegalArgumentException when the format is not one of these, or the target lacks its datapath (the
   *     lowering's message names the arch key)
   */
  public StandaloneProjections(ModelConfig c, IsaTarget target, FormatPreset format) {
    this(c, target, format, ComputeUnit.MAC);
  }

  /**
   * The projections on {@code unit}: the LUT core only for abq-wpaq (its bit-plane tables); every other format runs
   * where its datapath is (the MAC array, or the vector unit for fp16) and refuses LUT.
   *
   * @throws IllegalArgumentException when the format is not one of these, the unit cannot run it, or the target lacks
   *     its datapath (the lowering's message names the arch key)
   */
  public StandaloneProjections(ModelConfig c, IsaTarget target, FormatPreset format, ComputeUnit unit) {
    if (!covers(format)) {
      throw new IllegalArgumentException("weight format '" + format.name() + "' does not run as standalone"
          + " projections; expected quip-w2, w8a8, atom-w4a4, spinquant-w4a4kv4, abq-wpaq or fp16");
    }
    this.c = c;
    this.target = target;
    this.format = format;
    this.unit = unit;
    if (unit == ComputeUnit.LUT && !AcceleratorFormats.bitPlane(format)) {
      throw new IllegalArgumentException("weight format '" + format.name() + "' runs its projections on the "
          + (AcceleratorFormats.dense(format) ? "vector unit" : "MAC array") + " only; of the standalone formats only"
          + " abq-wpaq also runs on the LUT core (lut_core.bit_plane); use --unit mac");
    }
    // The lowering's constructor names the arch key its datapath needs.
    if (unit == ComputeUnit.LUT) {
      new AbqLutLowering(target);
    } else if (AcceleratorFormats.quip(format)) {
      new QuipLowering(target);
    } else if (AcceleratorFormats.bitPlane(format)) {
      new AbqLowering(target);
    } else if (AcceleratorFormats.dense(format)) {
      new DenseLowering(target);
    } else {
      new IntLinearLowering(target);
    }
  }

  /** Whether {@code format}'s projections lower to programs of their own (and decoder layers compose them). */
  public static boolean covers(FormatPreset format) {
    return AcceleratorFormats.quip(format) || AcceleratorFormats.integer(format) || AcceleratorFormats.bitPlane(format)
        || AcceleratorFormats.dense(format);
  }

  public FormatPreset format() {
    return format;
  }

  /** The unit the projections' products run on (MAC unless abq-wpaq was asked for on the LUT core). */
  public ComputeUnit unit() {
    return unit;
  }

  /**
   * A projection's program for {@code chunkTokens} tokens, run {@code repeats} times one after the other for the
   * call's tokens.
   */
  public record Chunked(List<Instruction> program, int chunkTokens, int repeats) {}

  /**
   * The program of projection {@code kind} for a call of {@code tokens} tokens: all of them when their activations
   * fit the buffers, else the largest divisor of {@code tokens} that fits, repeated (the chunks run in sequence, so
   * nothing of one overlaps the next: a conservative composition).
   *
   * @throws IllegalArgumentException with the one-token reason when not even one token fits
   */
  public Chunked chunked(LayerKind kind, int tokens) {
    IllegalArgumentException last = null;
    for (int chunk = tokens; chunk >= 1; chunk--) {
      if (tokens % chunk != 0) {
        continue;
      }
      try {
        return new Chunked(program(kind, chunk), chunk, tokens / chunk);
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    throw last;
  }

  /** The program of projection {@code kind} for {@code tokens} tokens. */
  public List<Instruction> program(LayerKind kind, int tokens) {
    int n = kind.outFeatures(c);
    int k = kind.inFeatures(c);
    if (AcceleratorFormats.quip(format)) {
      Quip.Weights w = quipWeights.computeIfAbsent(kind, x -> QuipCrossCheck.weights(n, k, SEED, kind.ordinal()));
      return new QuipLowering(target).compile(w, tokens).program();
    }
    if (AcceleratorFormats.bitPlane(format)) {
      AbqPlan plan = abqPlans.computeIfAbsent(kind,
          x -> AbqPlan.of(format.name(), BitLinearCase.formatWeights(format, n, k, SEED, kind.ordinal())));
      return unit == ComputeUnit.LUT ? new AbqLutLowering(target).compile(plan, tokens).abq().program()
          : new AbqLowering(target).compile(plan, tokens).program();
    }
    if (AcceleratorFormats.dense(format)) {
      DensePlan plan = densePlans.computeIfAbsent(kind, x -> DenseLowering.plan(format, n, k, SEED, kind.ordinal()));
      return new DenseLowering(target).compile(plan, tokens).program();
    }
    FormatPreset f = projectionFormat(format, kind);
    IntPlan plan = intPlans.computeIfAbsent(kind,
        x -> IntPlan.of(f.name(), IntLinearCrossCheck.weights(f, n, k, SEED, kind.ordinal())));
    return new IntLinearLowering(target).compile(plan, tokens).program();
  }

  /**
   * The bit-exact cross-check of one n x k projection of {@code format} for {@code tokens} tokens on {@code arch}
   * (seed 1, tensor 0): the same standalone program, its output against the format's own apply (SpinQuant in its
   * q_proj form, {@link #projectionFormat}).
   */
  public static CrossCheckReport crossCheck(ArchConfig arch, FormatPreset format, String label, int n, int k,
      int tokens) {
    return crossCheck(arch, format, ComputeUnit.MAC, label, n, k, tokens);
  }

  /** As {@link #crossCheck(ArchConfig, FormatPreset, String, int, int, int)}; abq-wpaq on {@code unit}. */
  public static CrossCheckReport crossCheck(ArchConfig arch, FormatPreset format, ComputeUnit unit, String label,
      int n, int k, int tokens) {
    if (AcceleratorFormats.bitPlane(format) && unit == ComputeUnit.LUT) {
      return new AbqLutCrossCheck(arch).run(label, format, tokens, n, k, SEED, 0, new AbqMutation.None());
    }
    if (AcceleratorFormats.quip(format)) {
      return new QuipCrossCheck(arch).run(label, tokens, n, k, SEED, 0, new QuipMutation.None());
    }
    if (AcceleratorFormats.bitPlane(format)) {
      return new AbqCrossCheck(arch).run(label, format, tokens, n, k, SEED, 0, new AbqMutation.None());
    }
    if (AcceleratorFormats.dense(format)) {
      return new DenseCrossCheck(arch).run(label, format, tokens, n, k, SEED, 0, new DenseMutation.None());
    }
    return new IntLinearCrossCheck(arch).run(label, projectionFormat(format, LayerKind.Q_PROJ), tokens, n, k, SEED, 0,
        new IntMutation.None());
  }

  /**
   * The form of {@code format} projection {@code kind} takes in a whole model: SpinQuant rotates down_proj's input
   * online (R4, its {@code proj=down} form) and has every other projection's rotations merged into the weights
   * ({@code proj=other}), whichever form the preset names; every other format is the same for all seven.
   */
  static FormatPreset projectionFormat(FormatPreset format, LayerKind kind) {
    return format instanceof SpinQuant ? new SpinQuant(kind == LayerKind.DOWN_PROJ) : format;
  }

  /** Where the projections run, for the estimate's mapping text and the comparison's {@code stored_as}. */
  public String datapath() {
    if (AcceleratorFormats.dense(format)) {
      return "fp16 weights on the vector unit's GEMM.F16 lanes (fp16 products, fp32 sums)";
    }
    if (format instanceof SpinQuant) {
      return "int4 codes on the mac_array's integer multipliers (GEMM.IW, asymmetric int4 activations by QUANT.IG;"
          + " down_proj's input rotated online by VEC.FWHT, the other projections' rotations merged)";
    }
    if (AcceleratorFormats.bitPlane(format) && unit == ComputeUnit.LUT) {
      return "weight bit planes looked up in the lut_core's subset-sum tables of activation codes (LUT.BUILD.BP /"
          + " LUT.GEMM.BP, activations quantized by QUANT.BP on the vector unit)";
    }
    if (AcceleratorFormats.bitPlane(format)) {
      return "weight and activation bit planes on the mac_array's AND + popcount PEs (GEMM.BP, activations quantized"
          + " by QUANT.BP on the vector unit)";
    }
    return AcceleratorFormats.quip(format)
        ? "2-bit codes on the mac_array's GEMM.Q2 (fp32 adders) between VEC.FWHT transforms"
        : "int" + (format instanceof Atom ? "4 groups and int8 outlier" : "8") + " codes on the mac_array's"
            + " integer multipliers (GEMM.IW, activations quantized on the vector unit)";
  }

  /** The short form for a table column. */
  public String storedAs() {
    if (AcceleratorFormats.bitPlane(format)) {
      return unit == ComputeUnit.LUT ? "bit-planes on lut" : "bit-planes on mac";
    }
    if (AcceleratorFormats.dense(format)) {
      return "fp16 on vector";
    }
    if (format instanceof SpinQuant) {
      return "int4+fwht on mac";
    }
    return AcceleratorFormats.quip(format) ? "q2-codes on mac"
        : format instanceof Atom ? "int4+int8 on mac" : "int8 on mac";
  }
}
