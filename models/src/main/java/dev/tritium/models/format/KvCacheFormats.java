package dev.tritium.models.format;

import java.util.List;
import java.util.Locale;

/**
 * The {@code --kv-format} parser: {@code fp16}, {@code int8[:group=G]}, {@code intB:group=G} (B = 2 to 8, e.g.
 * {@code int4:group=128}, {@code int3:group=64}) and {@code intactkv:bits=B,pivots=N[,group=G]}. The default
 * group is 128 (one LLaMA head), the default pivots 1 (the [BOS] token). Errors name the key, what was found
 * and what is expected, as for weight formats.
 */
public final class KvCacheFormats {

  /** The spellings, in the order {@link #help} lists them. */
  public static final List<String> NAMES = List.of("fp16", "int8", "int4", "int3", "intactkv");

  /** Default values per group: one LLaMA attention head. */
  public static final int DEFAULT_GROUP = 128;

  private KvCacheFormats() {}

  public static KvCacheFormat parse(String spec) {
    String s = spec.strip();
    int colon = s.indexOf(':');
    String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    FormatPresets.Params p = FormatPresets.Params.parse("kv-cache format", name, colon < 0 ? "" : s.substring(colon + 1));
    KvCacheFormat f;
    if (name.equals("fp16")) {
      f = new KvCacheFormat.Fp16();
    } else if (name.equals("intactkv")) {
      f = new KvCacheFormat.IntactKv(p.intIn("bits", 2, 8, 4), p.positiveInt("group", DEFAULT_GROUP),
          p.nonNegativeInt("pivots", 1));
    } else if (name.matches("int[2-8]")) {
      f = new KvCacheFormat.Int(name.charAt(3) - '0', p.positiveInt("group", DEFAULT_GROUP));
    } else {
      throw new IllegalArgumentException("unknown kv-cache format '" + name
          + "'; expected one of: fp16, int8, int4:group=G, int3:group=G (intB for B = 2 to 8), intactkv:bits=B,pivots=N");
    }
    p.checkAllUsed();
    return f;
  }

  /** One line per KV format with its bits per value for a 128-value group. */
  public static String help() {
    StringBuilder b = new StringBuilder("kv-cache formats (--kv-format): bits/value for one 128-value head\n");
    for (String n : List.of("fp16", "int8", "int4", "int3", "intactkv")) {
      KvCacheFormat f = parse(n);
      b.append(String.format(Locale.ROOT, "  %-36s %7.4f%s%n", f.name(), f.bitsPerValue(128),
          f.pivots() > 0 ? "  (+ " + f.pivots() + " pivot token(s) in fp16)" : ""));
    }
    b.append("keys: intB group=int; intactkv bits=2..8 pivots=int group=int\n");
    return b.toString();
  }
}
