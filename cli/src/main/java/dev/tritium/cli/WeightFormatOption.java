package dev.tritium.cli;

import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.FormatPresets;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --format NAME[:k=v,...]} for the commands that build accelerator layers: the projections' weight format,
 * one the units run; {@code --format help} lists every preset with its bits per weight.
 */
final class WeightFormatOption {

  @Option(names = "--format", defaultValue = "bitnet-b1.58", paramLabel = "NAME[:k=v,...]",
      description = "weight format of the projections: bitnet-b1.58 (default) or bitnet-w1 (binary, 1 bit per weight"
          + " on the MAC array); onebit, pb-llm, billm and ternaryllm (fp16 activations) as single projections on an"
          + " arch with mac_array.float_adders: fp32; other formats are refused with what the units lack (--format"
          + " help lists them with bits per weight)")
  String format = "bitnet-b1.58";

  /** {@code --format help}: prints the presets; true when it did (the command then exits 0). */
  boolean help(PrintWriter out) {
    if (!format.equals("help")) {
      return false;
    }
    out.print(FormatPresets.help());
    out.flush();
    return true;
  }

  /** The preset, refused before any work when the units cannot run it (naming what it lacks). */
  FormatPreset preset() {
    FormatPreset f = FormatPresets.parse(format);
    // sign-add, quip-w2, integer, bit-plane and dense fp16 formats are refused later, by the commands and layers that
    // cannot take them
    if (!AcceleratorFormats.signAdd(f) && !AcceleratorFormats.quip(f) && !AcceleratorFormats.integer(f)
        && !AcceleratorFormats.bitPlane(f) && !AcceleratorFormats.dense(f)) {
      AcceleratorFormats.alphabet(f);
    }
    return f;
  }
}
