package dev.tritium.fpga.hls;

import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.isa.WeightAlphabet;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import java.util.Objects;

/**
 * One export: which design (arch, unit, optional packing), which layer of which model, at what
 * scale, with which seed, for which FPGA part (the part only goes into run_hls.tcl).
 *
 * @param unit null: the mapper's tiling search chooses
 * @param packing null: the mapper chooses (the LUT core always reads its own layout)
 * @param scaleDown divides every model dimension (hidden, FFN, q/kv widths), floor, at least 1
 * @param tokens tokens per call (M)
 * @param format the weight format of the exported projections: one the units run ({@code AcceleratorFormats})
 */
public record ExportRequest(ArchConfig arch, ModelConfig model, ExportLayer layer, ComputeUnit unit, Packing packing,
    long seed, int scaleDown, int tokens, FpgaPart part, FormatPreset format) {

  /** In the default format, bitnet-b1.58. */
  public ExportRequest(ArchConfig arch, ModelConfig model, ExportLayer layer, ComputeUnit unit, Packing packing,
      long seed, int scaleDown, int tokens, FpgaPart part) {
    this(arch, model, layer, unit, packing, seed, scaleDown, tokens, part, new BitNetB158());
  }

  public ExportRequest {
    Objects.requireNonNull(format, "format");
    if (AcceleratorFormats.signAdd(format)) {
      throw new IllegalArgumentException("weight format '" + format.name() + "' takes fp16 activations: the layer"
          + " kernels export BitLinears; export its sign-add program on the whole accelerator with --accelerator"
          + " --layer bitlinear --format " + format.name() + " (an arch with mac_array.float_adders: fp32 or fp16)");
    }
    AcceleratorFormats.alphabet(format); // a format the units cannot run is refused with what it lacks
    Objects.requireNonNull(arch, "arch");
    if (unit != null) {
      // ternary weights on binary LUT tables are refused naming the format and the variant
      AcceleratorFormats.alphabetOn(format, unit, arch.lutCore().variant());
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(part, "part");
    if (scaleDown < 1) {
      throw new IllegalArgumentException("--scale-down must be >= 1, got " + scaleDown);
    }
    if (tokens < 1 || tokens > 64) {
      throw new IllegalArgumentException("--tokens must be in 1..64, got " + tokens);
    }
  }

  /** A model dimension after scaling down. */
  int scaled(int dim) {
    return Math.max(1, dim / scaleDown);
  }

  /** The values the exported weights take (binary for bitnet-w1), which decides the packings they fit. */
  WeightAlphabet alphabet() {
    return AcceleratorFormats.alphabet(format);
  }
}
