package dev.tritium.cli;

import dev.tritium.models.format.KvCacheFormat;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.AttentionConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --kv-format} for the commands that map onto the accelerator: the KV cache's format, as the reference
 * engine names it. {@code arch} keeps the arch's own cache (int8 absmax per token and kv head with an fp32 inverse
 * scale, or fp16: {@code attention.kv_datatype}); {@code fp16} selects the fp16 cache and fp16 attention on any arch;
 * the reference's grouped integer formats ({@code intB:group=G}, B = 2 to 8, including its asymmetric per-group
 * {@code int8}) and IntactKV ({@code intactkv:bits=B,pivots=N}) set {@code attention.kv_bits}, {@code kv_group} and
 * {@code kv_pivots}: VEC.KV_QUANT on append, VEC.KV_DEQUANT to fp16 on attend, then the fp16 datapath. The cache's
 * placement (DRAM or the on-chip KV store) is kept.
 */
final class KvFormatOption {

  @Option(names = "--kv-format", paramLabel = "arch|fp16|intB:group=G|intactkv:bits=B,pivots=N|help",
      defaultValue = "arch",
      description = "KV cache: arch (default: the arch's attention.kv_datatype), fp16 (fp16 K/V and attention as"
          + " GEMM.F16 on the vector lanes), intB:group=G (B = 2..8: B-bit asymmetric codes per group of G values,"
          + " VEC.KV_QUANT / VEC.KV_DEQUANT around the fp16 attention) or intactkv:bits=B,pivots=N[,group=G] (the"
          + " first N positions fp16); --kv-format help lists the reference formats and what the units run")
  String kvFormat = "arch";

  /** {@code --kv-format help}: prints the formats and which the accelerator runs; true when it did. */
  boolean help(java.io.PrintWriter out) {
    if (!kvFormat.equals("help")) {
      return false;
    }
    out.print(KvCacheFormats.help());
    out.println("on the accelerator: every format above. arch: the arch's attention.kv_datatype (int8 absmax per token"
        + " and kv head on GEMM.I8, or fp16); fp16: fp16 K/V, GEMM.F16 on the vector lanes; intB:group=G and intactkv:"
        + " the codes stored per token row (VEC.KV_QUANT: fp16 step and a zero-point byte per group), read back as fp16"
        + " (VEC.KV_DEQUANT), then the fp16 datapath, bit-exact against the reference's fp16 attention over the same"
        + " cache; IntactKV's pivot tokens stay fp16 rows");
    out.flush();
    return true;
  }

  /**
   * The arch with the chosen KV cache.
   *
   * @throws IllegalArgumentException for a spec the reference does not know, naming what is expected
   */
  ArchConfig apply(ArchConfig arch) {
    String k = kvFormat.strip().toLowerCase(Locale.ROOT);
    if (k.equals("arch")) {
      return arch;
    }
    AttentionConfig.KvPlacement placement = arch.attentionOrDefault().kvPlacement();
    KvCacheFormat f = KvCacheFormats.parse(k);
    // fp16 has no grid; an integer format's grid with its pivots (0 but for IntactKV) is the arch's quantized cache.
    java.util.Optional<KvCacheFormat.Int> grid = f.grid();
    return arch.withAttention(grid.isEmpty() ? new AttentionConfig(AttentionConfig.KvDatatype.FP16, placement)
        : AttentionConfig.quantized(new AttentionConfig.KvQuant(grid.get().bits(), grid.get().group(), f.pivots()),
            placement));
  }
}
