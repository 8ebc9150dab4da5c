package dev.tritium.cli;

import dev.tritium.models.format.KvCacheFormat;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.AttentionConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --kv-format} for the commands that map onto the accelerator: the KV cache's format, as the reference
 * engine names it. The accelerator keeps either its own int8 cache (absmax per token and kv head, an fp32 inverse
 * scale; the arch default) or an fp16 cache with fp16 attention ({@code attention.kv_datatype}); {@code fp16} selects
 * the latter on any arch. The grouped integer and IntactKV formats need quantise and dequantise steps in the
 * attention path that the units do not have, and are refused with that reason.
 */
final class KvFormatOption {

  @Option(names = "--kv-format", paramLabel = "arch|fp16|help", defaultValue = "arch",
      description = "KV cache: arch (default: the arch's attention.kv_datatype) or fp16 (fp16 K/V and attention as"
          + " GEMM.F16 on the vector lanes); --kv-format help lists the reference formats and what the units run")
  String kvFormat = "arch";

  /** {@code --kv-format help}: prints the formats and which the accelerator runs; true when it did. */
  boolean help(java.io.PrintWriter out) {
    if (!kvFormat.equals("help")) {
      return false;
    }
    out.print(KvCacheFormats.help());
    out.println("on the accelerator: arch (the arch's attention.kv_datatype: int8 absmax per token and kv head, or"
        + " fp16) or fp16; the grouped integer formats and intactkv need KV quantise/dequantise steps the units lack");
    out.flush();
    return true;
  }

  /**
   * The arch with the chosen KV cache.
   *
   * @throws IllegalArgumentException for a reference format the units cannot keep, naming why
   */
  ArchConfig apply(ArchConfig arch) {
    String k = kvFormat.strip().toLowerCase(Locale.ROOT);
    if (k.equals("arch")) {
      return arch;
    }
    KvCacheFormat f = KvCacheFormats.parse(k);
    if (f instanceof KvCacheFormat.Fp16) {
      return arch.withAttention(new AttentionConfig(AttentionConfig.KvDatatype.FP16));
    }
    throw new IllegalArgumentException("--kv-format " + f.name() + ": the accelerator keeps its KV cache as int8"
        + " (absmax per token and kv head, the arch default) or fp16; " + f.name() + " needs quantise and dequantise"
        + " steps in the attention path that the units do not have (use --kv-format fp16, or reference generate"
        + " --kv-format " + f.name() + " for its numerics)");
  }
}
