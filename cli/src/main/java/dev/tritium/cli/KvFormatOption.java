package dev.tritium.cli;

import dev.tritium.mapper.model.KvChoice;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.simulator.config.ArchConfig;
import picocli.CommandLine.Option;

/**
 * {@code --kv-format} for the commands that map onto the accelerator: the KV cache's format, as the reference
 * engine names it ({@link KvChoice}). {@code format} (the default) gives a weight format that names its own cache
 * (spinquant-w4a4kv4, atom-w4a4: int4 per group of 128) that cache and every other format the arch's; {@code arch}
 * keeps the arch's own cache (int8 absmax per token and kv head with an fp32 inverse scale, or fp16:
 * {@code attention.kv_datatype}) for every format; {@code fp16} selects the fp16 cache and fp16 attention on any arch;
 * the reference's grouped integer formats ({@code intB:group=G}, B = 2 to 8, including its asymmetric per-group
 * {@code int8}) and IntactKV ({@code intactkv:bits=B,pivots=N}) set {@code attention.kv_bits}, {@code kv_group} and
 * {@code kv_pivots}: VEC.KV_QUANT on append, VEC.KV_DEQUANT to fp16 on attend, then the fp16 datapath. The cache's
 * placement (DRAM or the on-chip KV store) is kept.
 */
final class KvFormatOption {

  @Option(names = "--kv-format", paramLabel = "format|arch|fp16|intB:group=G|intactkv:bits=B,pivots=N|help",
      defaultValue = KvChoice.DEFAULT,
      description = "KV cache: format (default: the weight format's own cache when it names one, as"
          + " spinquant-w4a4kv4 and atom-w4a4 do, else the arch's), arch (the arch's attention.kv_datatype for every"
          + " format), fp16 (fp16 K/V and attention as"
          + " GEMM.F16 on the vector lanes), intB:group=G (B = 2..8: B-bit asymmetric codes per group of G values,"
          + " VEC.KV_QUANT / VEC.KV_DEQUANT around the fp16 attention) or intactkv:bits=B,pivots=N[,group=G] (the"
          + " first N positions fp16); --kv-format help lists the reference formats and what the units run")
  String kvFormat = KvChoice.DEFAULT;

  /** {@code --kv-format help}: prints the formats and which the accelerator runs; true when it did. */
  boolean help(java.io.PrintWriter out) {
    if (!kvFormat.equals("help")) {
      return false;
    }
    out.print(KvCacheFormats.help());
    out.println("format (the default): the weight format's own cache when it names one (spinquant-w4a4kv4 and"
        + " atom-w4a4: int4:group=128), else the arch's; arch: the arch's cache for every format");
    out.println("on the accelerator: every format above. arch: the arch's attention.kv_datatype (int8 absmax per token"
        + " and kv head on GEMM.I8, or fp16); fp16: fp16 K/V, GEMM.F16 on the vector lanes; intB:group=G and intactkv:"
        + " the codes stored per token row (VEC.KV_QUANT: fp16 step and a zero-point byte per group), read back as fp16"
        + " (VEC.KV_DEQUANT), then the fp16 datapath, bit-exact against the reference's fp16 attention over the same"
        + " cache; IntactKV's pivot tokens stay fp16 rows");
    out.flush();
    return true;
  }

  /**
   * The parsed choice.
   *
   * @throws IllegalArgumentException for a spec the reference does not know, naming what is expected
   */
  KvChoice choice() {
    try {
      return KvChoice.parse(kvFormat);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--kv-format: " + e.getMessage(), e);
    }
  }

  /** The arch an estimate of {@code weights} runs on (see {@link KvChoice#apply}). */
  ArchConfig apply(ArchConfig arch, FormatPreset weights) {
    return choice().apply(arch, weights);
  }
}
