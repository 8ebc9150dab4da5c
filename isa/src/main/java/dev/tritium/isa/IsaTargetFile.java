package dev.tritium.isa;

import dev.tritium.common.io.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plain-text IsaTarget for the {@code tritium isa --target FILE} option until arch presets exist:
 * {@code key = value} lines, {@code #} comments. Keys: name (optional), wgt_bytes, act_bytes,
 * acc_bytes, lut_bytes, vec_bytes, mac_rows, mac_cols, vector_lanes, packings (comma-separated
 * Packing names), and optionally lut_group_size with lut_variant (absent: no LUT core) and weight_slots
 * (1 or 2, default 2), kv_store_bytes (default 0), mac_float_adders ({@code fp32}, {@code fp16} or {@code none},
 * the default: whether the MAC array runs GEMM.SF, and the width its sums round to) and lut_float_adders ({@code fp32}
 * or {@code none}: whether the LUT core runs LUT.BUILD.F16 and LUT.GEMM.F16; only with a LUT core) and
 * mac_mask_decode ({@code true} or {@code false}, the default: whether the PEs decode a gated GEMM.SF's masks; only
 * with mac_float_adders) and mac_int_multipliers ({@code int8}, {@code int4} or {@code none}, the default: the widest
 * integer operands GEMM.IW takes) and mac_bit_plane ({@code true} or {@code false}, the default: whether the PEs AND and
 * popcount bit planes, so GEMM.BP runs) and lut_bit_plane ({@code true} or {@code false}, the default: whether the LUT
 * core runs LUT.BUILD.BP and LUT.GEMM.BP; only with a LUT core).
 */
public final class IsaTargetFile {

  private static final List<String> REQUIRED = List.of("wgt_bytes", "act_bytes", "acc_bytes", "lut_bytes", "vec_bytes",
      "mac_rows", "mac_cols", "vector_lanes", "packings");
  private static final List<String> OPTIONAL = List.of("name", "lut_group_size", "lut_variant", "weight_slots",
      "kv_store_bytes", "mac_float_adders", "lut_float_adders", "mac_mask_decode", "mac_int_multipliers",
      "mac_bit_plane", "lut_bit_plane");

  private IsaTargetFile() {}

  public static IsaTarget read(Path file) throws IOException {
    return parse(InputFiles.text(file, "an ISA target file"), file.toString());
  }

  public static IsaTarget parse(String text, String fileName) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String line = rows[i];
      int hash = line.indexOf('#');
      line = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = fileName + ":" + (i + 1) + ": ";
      if (eq <= 0) {
        throw new IllegalArgumentException(where + "expected key = value, got '" + line + "'");
      }
      String key = line.substring(0, eq).strip();
      if (!REQUIRED.contains(key) && !OPTIONAL.contains(key)) {
        throw new IllegalArgumentException(where + "unknown key '" + key + "', expected one of "
            + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL));
      }
      if (values.put(key, line.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException(where + "key '" + key + "' given twice");
      }
      lines.put(key, i + 1);
    }
    for (String k : REQUIRED) {
      if (!values.containsKey(k)) {
        throw new IllegalArgumentException(fileName + ": missing key '" + k + "'");
      }
    }
    Optional<LutUnit> lut = Optional.empty();
    if (values.containsKey("lut_group_size") != values.containsKey("lut_variant")) {
      throw new IllegalArgumentException(fileName + ": lut_group_size and lut_variant must be given together");
    }
    if (values.containsKey("lut_group_size")) {
      int g = (int) number(values, lines, "lut_group_size", fileName);
      LutVariant v = enumValue(LutVariant.class, values.get("lut_variant"), fileName, lines.get("lut_variant"),
          "lut_variant");
      try {
        lut = Optional.of(new LutUnit(g, v, lutFloatAdders(values, lines, fileName),
            flag(values, lines, fileName, "lut_bit_plane")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(fileName + ":" + lines.get("lut_group_size") + ": " + e.getMessage(), e);
      }
    }
    if (lut.isEmpty() && values.containsKey("lut_bit_plane")) {
      throw new IllegalArgumentException(fileName + ":" + lines.get("lut_bit_plane")
          + ": lut_bit_plane needs a LUT core (lut_group_size and lut_variant), found none");
    }
    if (lut.isEmpty() && values.containsKey("lut_float_adders")) {
      throw new IllegalArgumentException(fileName + ":" + lines.get("lut_float_adders")
          + ": lut_float_adders needs a LUT core (lut_group_size and lut_variant), found none");
    }
    Set<Packing> packings = EnumSet.noneOf(Packing.class);
    for (String p : values.get("packings").split(",")) {
      if (!p.isBlank()) {
        packings.add(enumValue(Packing.class, p.strip(), fileName, lines.get("packings"), "packings"));
      }
    }
    return new IsaTarget(values.getOrDefault("name", fileName),
        number(values, lines, "wgt_bytes", fileName), number(values, lines, "act_bytes", fileName),
        number(values, lines, "acc_bytes", fileName), number(values, lines, "lut_bytes", fileName),
        number(values, lines, "vec_bytes", fileName), (int) number(values, lines, "mac_rows", fileName),
        (int) number(values, lines, "mac_cols", fileName), lut, (int) number(values, lines, "vector_lanes", fileName),
        packings, weightSlots(values, lines, fileName), kvStoreBytes(values, lines, fileName),
        floatAdders(values, lines, fileName), maskDecode(values, lines, fileName),
        intMultipliers(values, lines, fileName), bitPlane(values, lines, fileName));
  }

  private static boolean flag(Map<String, String> values, Map<String, Integer> lines, String fileName, String key) {
    String v = values.getOrDefault(key, "false");
    return switch (v) {
      case "false" -> false;
      case "true" -> true;
      default -> throw new IllegalArgumentException(fileName + ":" + lines.get(key) + ": " + key
          + " must be true or false, got '" + v + "'");
    };
  }

  private static boolean bitPlane(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    String v = values.getOrDefault("mac_bit_plane", "false");
    return switch (v) {
      case "false" -> false;
      case "true" -> true;
      default -> throw new IllegalArgumentException(fileName + ":" + lines.get("mac_bit_plane")
          + ": mac_bit_plane must be true or false, got '" + v + "'");
    };
  }

  private static boolean maskDecode(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    String v = values.getOrDefault("mac_mask_decode", "false");
    boolean on = switch (v) {
      case "false" -> false;
      case "true" -> true;
      default -> throw new IllegalArgumentException(fileName + ":" + lines.get("mac_mask_decode")
          + ": mac_mask_decode must be true or false, got '" + v + "'");
    };
    if (on && !values.containsKey("mac_float_adders")) {
      throw new IllegalArgumentException(fileName + ":" + lines.get("mac_mask_decode")
          + ": mac_mask_decode needs mac_float_adders (fp32 or fp16): the masks gate GEMM.SF");
    }
    return on;
  }

  private static int intMultipliers(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    String v = values.getOrDefault("mac_int_multipliers", "none");
    return switch (v) {
      case "none" -> 0;
      case "int4" -> 4;
      case "int8" -> 8;
      default -> throw new IllegalArgumentException(fileName + ":" + lines.get("mac_int_multipliers")
          + ": mac_int_multipliers must be int8, int4 or none, got '" + v + "'");
    };
  }

  private static int floatAdders(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    String v = values.getOrDefault("mac_float_adders", "none");
    return switch (v) {
      case "none" -> 0;
      case "fp16" -> 16;
      case "fp32" -> 32;
      default -> throw new IllegalArgumentException(fileName + ":" + lines.get("mac_float_adders")
          + ": mac_float_adders must be fp32, fp16 or none, got '" + v + "'");
    };
  }

  private static boolean lutFloatAdders(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    String v = values.getOrDefault("lut_float_adders", "none");
    return switch (v) {
      case "none" -> false;
      case "fp32" -> true;
      default -> throw new IllegalArgumentException(fileName + ":" + lines.get("lut_float_adders")
          + ": lut_float_adders must be fp32 or none, got '" + v + "'");
    };
  }

  private static long kvStoreBytes(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    if (!values.containsKey("kv_store_bytes")) {
      return 0;
    }
    long bytes = number(values, lines, "kv_store_bytes", fileName);
    if (bytes > IsaTarget.KV_STORE_BASE) {
      throw new IllegalArgumentException(fileName + ":" + lines.get("kv_store_bytes") + ": kv_store_bytes must be at"
          + " most 2^35, got " + bytes);
    }
    return bytes;
  }

  private static int weightSlots(Map<String, String> values, Map<String, Integer> lines, String fileName) {
    if (!values.containsKey("weight_slots")) {
      return 2;
    }
    long slots = number(values, lines, "weight_slots", fileName);
    if (slots != 1 && slots != 2) {
      throw new IllegalArgumentException(fileName + ":" + lines.get("weight_slots") + ": weight_slots must be 1 or 2,"
          + " got " + slots);
    }
    return (int) slots;
  }

  /** The file text of a target; {@link #parse} reads it back to an equal target. */
  public static String toText(IsaTarget t) {
    StringBuilder sb = new StringBuilder("# Tritium ISA target (config tag ")
        .append(String.format("0x%08x", t.configTag())).append(")\n");
    sb.append("name = ").append(t.name()).append('\n')
        .append("wgt_bytes = ").append(t.wgtBytes()).append('\n')
        .append("act_bytes = ").append(t.actBytes()).append('\n')
        .append("acc_bytes = ").append(t.accBytes()).append('\n')
        .append("lut_bytes = ").append(t.lutBytes()).append('\n')
        .append("vec_bytes = ").append(t.vecBytes()).append('\n')
        .append("mac_rows = ").append(t.macRows()).append('\n')
        .append("mac_cols = ").append(t.macCols()).append('\n')
        .append("vector_lanes = ").append(t.vectorLanes()).append('\n');
    t.lut().ifPresent(l -> sb.append("lut_group_size = ").append(l.groupSize()).append('\n')
        .append("lut_variant = ").append(l.variant()).append('\n')
        .append(l.floatAdders() ? "lut_float_adders = fp32\n" : "")
        .append(l.bitPlane() ? "lut_bit_plane = true\n" : ""));
    sb.append("packings = ").append(String.join(",", t.packings().stream().sorted().map(Packing::name).toList()))
        .append('\n');
    if (t.weightSlots() != 2) {
      sb.append("weight_slots = ").append(t.weightSlots()).append('\n');
    }
    if (t.kvStoreBytes() != 0) {
      sb.append("kv_store_bytes = ").append(t.kvStoreBytes()).append('\n');
    }
    if (t.macIntMultiplierBits() != 0) {
      sb.append("mac_int_multipliers = int").append(t.macIntMultiplierBits()).append('\n');
    }
    if (t.macBitPlane()) {
      sb.append("mac_bit_plane = true\n");
    }
    if (t.macFloatAdders()) {
      sb.append("mac_float_adders = fp").append(t.macFloatAdderBits()).append('\n');
    }
    return sb.toString();
  }

  private static long number(Map<String, String> values, Map<String, Integer> lines, String key, String file) {
    try {
      long v = Long.parseLong(values.get(key).replace("_", ""));
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ":" + lines.get(key) + ": " + key + " must be a non-negative integer, got '"
          + values.get(key) + "'");
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String file, int line, String key) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ":" + line + ": " + key + ": '" + text + "' is not one of "
          + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
    }
  }
}
