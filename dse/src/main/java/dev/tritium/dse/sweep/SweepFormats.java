package dev.tritium.dse.sweep;

import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.model.StandaloneProjections;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;

/**
 * Weight formats as sweep values: the {@code format} axis and {@code workload.format}. A value is kept as the
 * preset's full canonical name ({@code pb-llm:salient=0.1,index=bitmap}), so two spellings of one format are
 * one value. Only formats the accelerator's units run are accepted, and when the file is read: a format that
 * no point could run would only fill the sweep with failed rows, so it is refused up front with the features
 * it lacks ({@code tritium compare --formats} lists every format with its reason). The fp16-activation formats
 * (onebit, pb-llm, billm, ternaryllm) run on points whose arch has floating-point adders in the unit the point uses
 * ({@code mac_array.float_adders: fp32 | fp16}, {@code lut_core.float_adders: fp32}); quip-w2, w8a8 and
 * atom-w4a4 on points whose MAC array has fp32 adders or int8 multipliers.
 */
public final class SweepFormats {

  /** The weight format of a workload that names none. */
  public static final String DEFAULT = "bitnet-b1.58";

  private SweepFormats() {}

  /**
   * The canonical text of a format spec.
   *
   * @throws IllegalArgumentException for an unknown or malformed spec, or a format the units cannot run
   */
  public static String canonical(String spec) {
    FormatPreset p = FormatPresets.parse(spec);
    // A format with fp16 activations runs wherever the point's unit has fp adders, which the point's arch decides
    // (it may be a sweep axis): a point without them fails with that reason.
    // The same for the formats whose projections are programs of their own (the MAC array's fp32 adders or integer
    // multipliers).
    if (!AcceleratorFormats.signAdd(p) && !StandaloneProjections.covers(p)) {
      AcceleratorFormats.alphabet(p);
    }
    return p.name();
  }

  /** The preset of a canonical value. */
  public static FormatPreset preset(String canonical) {
    return FormatPresets.parse(canonical);
  }
}
