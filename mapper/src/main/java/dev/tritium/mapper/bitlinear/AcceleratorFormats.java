package dev.tritium.mapper.bitlinear;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.models.format.AbqLlm;
import dev.tritium.models.format.ActivationFormat;
import dev.tritium.models.format.BiLlm;
import dev.tritium.models.format.OneBit;
import dev.tritium.models.format.PbLlm;
import dev.tritium.models.format.TernaryLlm;
import dev.tritium.models.format.W8A8;
import dev.tritium.models.format.SpinQuant;
import dev.tritium.models.format.Fp16Dense;
import dev.tritium.models.format.Atom;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.Plane;
import dev.tritium.models.format.PlaneKind;
import dev.tritium.models.format.Quip;
import dev.tritium.models.format.Scale;
import dev.tritium.models.format.ScaleGranularity;
import dev.tritium.models.format.WeightFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Which weight formats the accelerator's BitLinear path runs bit for bit, read off the format's data: one
 * ternary or binary {-1, +1} plane, one per-tensor scale, no shift, outliers, masks or rotations, and int8 absmax
 * activations per token. That is bitnet-b1.58 (ternary) and bitnet-w1 (binary, which may use the 1-bit
 * SIGN_BITS packing on the MAC array). The formats with fp16 activations (onebit, pb-llm, billm, ternaryllm) run
 * on the MAC array's sign-add path (GEMM.SF, {@link #signAdd}; mapper.fp16act); QuIP's quip-w2 runs as a standalone
 * layer on GEMM.Q2 and VEC.FWHT ({@link #quip}; mapper.quip); w8a8 (int8 weights and activations), atom-w4a4 and
 * spinquant-w4a4kv4 run on the MAC array's integer multipliers (GEMM.IW, {@link #integer}; mapper.intfmt); ABQ-LLM's
 * abq-wpaq runs on the MAC array's bit-plane PEs (GEMM.BP, {@link #bitPlane}; mapper.abq); the dense fp16 baseline
 * runs on the vector unit's fp16 GEMM (GEMM.F16, {@link #dense}; mapper.dense). Every preset has its datapath now;
 * the feature check below stays as the BitLinear path's guard on the data it is given.
 */
public final class AcceleratorFormats {

  private AcceleratorFormats() {}

  /**
   * The weight alphabet of a format the units run.
   *
   * @throws IllegalArgumentException naming the format and every feature the units lack for it
   */
  public static WeightAlphabet alphabet(FormatPreset preset) {
    if (signAdd(preset)) {
      throw new IllegalArgumentException("weight format '" + preset.name() + "' takes fp16 activations: it runs on the"
          + " MAC array's sign-add path (GEMM.SF, an arch with mac_array.float_adders: fp32 or fp16), not as a BitLinear");
    }
    if (quip(preset)) {
      throw new IllegalArgumentException("weight format '" + preset.name() + "' runs as one"
          + " program per projection (GEMM.Q2 and VEC.FWHT, an arch with mac_array.float_adders: fp32): map and crosscheck of"
          + " one projection (--layer q_proj ... down_proj), and estimate, compare --formats and sweeps compose a"
          + " decoder layer from those programs; a decoder layer is not lowered as one program (--layer decoder)");
    }
    if (integer(preset)) {
      throw new IllegalArgumentException("weight format '" + preset.name() + "' runs as one"
          + " program per projection (GEMM.IW on the MAC array's integer multipliers, an arch with"
          + " mac_array.int_multipliers: int8): map and crosscheck of one projection (--layer q_proj ... down_proj),"
          + " and estimate, compare --formats and sweeps compose a decoder layer from those programs; a decoder layer"
          + " is not lowered as one program (--layer decoder)");
    }
    if (bitPlane(preset)) {
      throw new IllegalArgumentException("weight format '" + preset.name() + "' runs as one program per projection"
          + " (GEMM.BP on the MAC array's bit-plane PEs, an arch with mac_array.bit_plane: true): map and crosscheck of"
          + " one projection (--layer q_proj ... down_proj), and estimate, compare --formats and sweeps compose a"
          + " decoder layer from those programs; a decoder layer is not lowered as one program (--layer decoder)");
    }
    if (dense(preset)) {
      throw new IllegalArgumentException("weight format '" + preset.name() + "' runs as one program per projection"
          + " (GEMM.F16 on the vector unit's fp32 lanes): map and crosscheck of one projection (--layer q_proj ..."
          + " down_proj), and estimate, compare --formats and sweeps compose a decoder layer from those programs; a"
          + " decoder layer is not lowered as one program (--layer decoder)");
    }
    WeightFormat f = preset.format();
    List<String> missing = new ArrayList<>();
    if (!f.activations().equals(ActivationFormat.INT8_ABSMAX_PER_TOKEN)) {
      missing.add(f.activations().label() + " activations (the units take int8 absmax per token)");
    }
    if (f.planes().size() != 1) {
      missing.add(f.planes().size() + " weight planes (the units read one)");
    }
    WeightAlphabet alphabet = WeightAlphabet.TERNARY;
    for (Plane p : f.planes()) {
      if (p.kind() == PlaneKind.BINARY_PM1) {
        alphabet = WeightAlphabet.BINARY;
      } else if (p.kind() != PlaneKind.TERNARY) {
        missing.add(p.kind().name().toLowerCase(java.util.Locale.ROOT) + " weights");
      }
      scales(p.scales(), missing);
    }
    scales(f.scales(), missing);
    f.shift().ifPresent(s -> missing.add("a shift term (" + s.label() + ")"));
    f.outliers().ifPresent(o -> missing.add("sparse outliers"));
    if (!f.masks().isEmpty()) {
      missing.add("group masks");
    }
    if (!f.rotations().isEmpty()) {
      missing.add("rotations");
    }
    if (!missing.isEmpty()) {
      // Several planes can lack the same thing (BiLLM's four scale sets): each is named once.
      throw new IllegalArgumentException("weight format '" + preset.name() + "' does not run on the accelerator yet: "
          + "it needs " + String.join(", ", new java.util.LinkedHashSet<>(missing))
          + "; the units run bitnet-b1.58 and bitnet-w1, onebit, pb-llm, billm and ternaryllm on an arch with"
          + " mac_array.float_adders: fp32 or fp16, and as single projections quip-w2 (fp32 adders), w8a8,"
          + " atom-w4a4 and spinquant-w4a4kv4 (mac_array.int_multipliers: int8), abq-wpaq (mac_array.bit_plane: true)"
          + " and fp16 (the vector unit)");
    }
    return alphabet;
  }

  /**
   * Whether the format runs on the MAC array's sign-add path: fp16 activations with binary or ternary sign planes
   * and per-row or per-group scales (OneBit, PB-LLM, BiLLM, TernaryLLM; mapper.fp16act lowers them).
   */
  public static boolean signAdd(FormatPreset preset) {
    return preset instanceof OneBit || preset instanceof PbLlm || preset instanceof BiLlm
        || preset instanceof TernaryLlm;
  }

  /**
   * Whether the format is QuIP's {@code quip-w2}: 2-bit codes on the MAC array's fp32 adders (GEMM.Q2) between two
   * online Hadamard transforms on the vector unit (VEC.FWHT); mapper.quip lowers one layer of it.
   */
  public static boolean quip(FormatPreset preset) {
    return preset instanceof Quip;
  }

  /**
   * Whether the format runs on the MAC array's integer multipliers as single projections: w8a8 (int8 codes with
   * per-row steps, int8 absmax activations per token), atom-w4a4 (int4 groups and int8 outlier channels, its
   * activations gathered by the DMA and quantized by QUANT.IG) and spinquant-w4a4kv4 (int4 rows on asymmetric 4-bit
   * activations, QUANT.IG asymmetric; {@code proj=down} with its online Hadamard transform on VEC.FWHT);
   * mapper.intfmt lowers them.
   */
  public static boolean integer(FormatPreset preset) {
    return preset instanceof W8A8 || preset instanceof Atom || preset instanceof SpinQuant;
  }

  /**
   * Whether the format is the dense fp16 baseline ({@code fp16}: binary16 weights times binary16 activations, fp32
   * sums k ascending), which the vector unit's GEMM.F16 runs exactly; mapper.dense lowers one projection of it.
   */
  public static boolean dense(FormatPreset preset) {
    return preset instanceof Fp16Dense;
  }

  /**
   * Whether the format is ABQ-LLM's {@code abq-wpaq:w=P,a=Q}: P-bit weight and Q-bit activation codes as binary planes
   * on the MAC array's bit-plane PEs (GEMM.BP, AND + popcount), its activations quantized by QUANT.BP; mapper.abq
   * lowers one projection of it.
   */
  public static boolean bitPlane(FormatPreset preset) {
    return preset instanceof AbqLlm;
  }

  /**
   * The weight alphabet of a format on one compute unit: as {@link #alphabet(FormatPreset)}, and a ternary format is
   * refused on a LUT core whose tables are binary ({@code binary}, {@code binary_mirror}: they tabulate {-1, +1}
   * patterns only, with no 0). A binary format runs on every table variant (ternary tables hold binary weights).
   *
   * @throws IllegalArgumentException naming the format and the variant
   */
  public static WeightAlphabet alphabetOn(FormatPreset preset, ComputeUnit unit, LutVariant lutVariant) {
    WeightAlphabet alphabet = alphabet(preset);
    if (unit == ComputeUnit.LUT && lutVariant.isBinary() && alphabet == WeightAlphabet.TERNARY) {
      throw new IllegalArgumentException("weight format '" + preset.name() + "' has ternary weights, but the LUT core's "
          + lutVariant.key() + " tables hold binary {-1, +1} weights only; use a binary format (bitnet-w1), the MAC"
          + " array (--unit mac) or a ternary lut_core.variant (ternary_base3, ternary_mirror, bit_serial)");
    }
    return alphabet;
  }

  private static void scales(List<Scale> scales, List<String> missing) {
    for (Scale s : scales) {
      if (!(s.granularity() instanceof ScaleGranularity.PerTensor)) {
        missing.add(s.label() + " scales (the units apply one per-tensor scale)");
      }
    }
  }
}
