package dev.tritium.models.format;

import dev.tritium.models.format.Outliers.IndexEncoding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The preset registry: {@link #parse} reads {@code NAME[:key=value,...]}, e.g. {@code pb-llm:salient=0.1},
 * {@code ternaryllm:group=128}. Unknown names, unknown or repeated keys and bad values are
 * {@link IllegalArgumentException}s naming what was found and what is expected.
 */
public final class FormatPresets {

  /** Preset names, in the order {@link #help} lists them. */
  public static final List<String> NAMES =
      List.of("bitnet-b1.58", "bitnet-w1", "onebit", "pb-llm", "billm", "ternaryllm", "fp16", "w8a8", "quip-w2",
          "atom-w4a4", "spinquant-w4a4kv4", "abq-wpaq");

  private FormatPresets() {}

  /** Every preset with its default parameters. */
  public static List<FormatPreset> defaults() {
    return NAMES.stream().map(FormatPresets::parse).toList();
  }

  /** Parse {@code NAME[:key=value,...]}. */
  public static FormatPreset parse(String spec) {
    String s = spec.strip();
    int colon = s.indexOf(':');
    String name = (colon < 0 ? s : s.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    Params p = Params.parse("weight format", name, colon < 0 ? "" : s.substring(colon + 1));
    FormatPreset preset = switch (name) {
      case "bitnet-b1.58" -> new BitNetB158();
      case "bitnet-w1" -> new BitNetW1();
      case "onebit" -> new OneBit();
      case "pb-llm" -> new PbLlm(p.fraction("salient", 0.1), p.encoding("index", IndexEncoding.BITMAP));
      case "billm" -> new BiLlm(p.fraction("salient", 0.1), p.positiveInt("block", 128));
      case "ternaryllm" -> new TernaryLlm(p.positiveInt("group", 128));
      case "fp16" -> new Fp16Dense();
      case "w8a8" -> new W8A8();
      case "quip-w2" -> new Quip();
      case "atom-w4a4" -> new Atom(p.positiveInt("group", 128), p.positiveInt("outliers", 128));
      case "spinquant-w4a4kv4" -> new SpinQuant(p.choice("proj", List.of("other", "down"), "other").equals("down"));
      case "abq-wpaq" -> new AbqLlm(p.intIn("w", 2, 8, 2), p.intIn("a", 2, 8, 8));
      case "intactkv", "int8", "int4", "int3" -> throw new IllegalArgumentException("'" + name
          + "' is a kv-cache format, not a weight format; give it with --kv-format (weight formats: "
          + String.join(", ", NAMES) + ")");
      default -> throw new IllegalArgumentException(
          "unknown weight format '" + name + "'; expected one of: " + String.join(", ", NAMES));
    };
    p.checkAllUsed();
    return preset;
  }

  /** One line per preset: canonical name, bits per weight for 2560 x 2560, activations, paper; plus the syntax. */
  public static String help() {
    StringBuilder b = new StringBuilder("weight formats: NAME[:key=value,...]; bits/weight for a 2560x2560 matrix\n");
    for (FormatPreset f : defaults()) {
      b.append(String.format(Locale.ROOT, "  %-36s %7.4f  act %-18s %s%n", f.name(),
          f.format().bitsPerWeight(2560, 2560), f.format().activations().label(), f.paper()));
    }
    b.append("keys: pb-llm salient=(0,1) index=bitmap|csr; billm salient=(0,1) block=int; ternaryllm group=int;\n"
        + "      atom-w4a4 group=int outliers=int; spinquant-w4a4kv4 proj=other|down; abq-wpaq w=2..8 a=2..8\n");
    b.append(KvCacheFormats.help());
    return b.toString();
  }

  /** key=value pairs of one spec; each getter marks its key used, and unused keys are rejected by name. */
  static final class Params {
    private final String what;
    private final String preset;
    private final Map<String, String> values;
    private final List<String> allowed = new java.util.ArrayList<>();

    private Params(String what, String preset, Map<String, String> values) {
      this.what = what;
      this.preset = preset;
      this.values = values;
    }

    /** {@code what} names the kind of spec in messages: "weight format" or "kv-cache format". */
    static Params parse(String what, String preset, String text) {
      Map<String, String> values = new LinkedHashMap<>();
      if (!text.isBlank()) {
        for (String part : text.split(",", -1)) {
          int eq = part.indexOf('=');
          if (eq <= 0 || eq == part.length() - 1) {
            throw new IllegalArgumentException(
                what + " '" + preset + "': expected key=value, got '" + part.strip() + "'");
          }
          String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
          if (values.put(key, part.substring(eq + 1).strip()) != null) {
            throw new IllegalArgumentException(what + " '" + preset + "': key '" + key + "' given twice");
          }
        }
      }
      return new Params(what, preset, values);
    }

    double fraction(String key, double fallback) {
      Double d = parsed(key, Double::valueOf, x -> x > 0 && x < 1, "a fraction in (0, 1)");
      return d == null ? fallback : d;
    }

    int positiveInt(String key, int fallback) {
      return intIn(key, 1, Integer.MAX_VALUE, fallback, "a positive integer");
    }

    /** An integer in [lo, hi]. */
    int intIn(String key, int lo, int hi, int fallback) {
      return intIn(key, lo, hi, fallback, "an integer from " + lo + " to " + hi);
    }

    int nonNegativeInt(String key, int fallback) {
      return intIn(key, 0, Integer.MAX_VALUE, fallback, "a non-negative integer");
    }

    private int intIn(String key, int lo, int hi, int fallback, String expected) {
      Integer i = parsed(key, Integer::valueOf, x -> x >= lo && x <= hi, expected);
      return i == null ? fallback : i;
    }

    /** The key's value parsed and checked, null when the key is absent; otherwise an error naming what was expected. */
    private <T> T parsed(String key, java.util.function.Function<String, T> parse, java.util.function.Predicate<T> ok,
        String expected) {
      allowed.add(key);
      String v = values.get(key);
      if (v == null) {
        return null;
      }
      try {
        T t = parse.apply(v);
        if (ok.test(t)) {
          return t;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected range
      }
      throw bad(key, expected, v);
    }

    /** One of the listed words (case-insensitive), returned in lower case. */
    String choice(String key, List<String> words, String fallback) {
      allowed.add(key);
      String v = values.get(key);
      if (v == null) {
        return fallback;
      }
      String lower = v.toLowerCase(Locale.ROOT);
      if (words.contains(lower)) {
        return lower;
      }
      throw bad(key, String.join(" or ", words), v);
    }

    IndexEncoding encoding(String key, IndexEncoding fallback) {
      allowed.add(key);
      String v = values.get(key);
      if (v == null) {
        return fallback;
      }
      for (IndexEncoding e : IndexEncoding.values()) {
        if (e.label().equals(v.toLowerCase(Locale.ROOT))) {
          return e;
        }
      }
      throw bad(key, "bitmap or csr", v);
    }

    void checkAllUsed() {
      for (String key : values.keySet()) {
        if (!allowed.contains(key)) {
          throw new IllegalArgumentException(what + " '" + preset + "': unknown key '" + key + "'; expected "
              + (allowed.isEmpty() ? "no keys" : "one of: " + String.join(", ", allowed)));
        }
      }
    }

    private IllegalArgumentException bad(String key, String expected, String got) {
      return new IllegalArgumentException(
          what + " '" + preset + "': key '" + key + "' expects " + expected + ", got '" + got + "'");
    }
  }
}
