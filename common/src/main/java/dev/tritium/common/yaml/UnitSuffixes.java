package dev.tritium.common.yaml;

import java.util.List;
import java.util.Locale;

/**
 * Keys carry their unit as a suffix ({@code clock_mhz}, {@code size_bytes}, {@code max_area_um2}). When a
 * key the reader does not know differs from a known key only in that suffix, the message says which key to
 * use. One list of suffixes for every reader.
 */
public final class UnitSuffixes {

  /** Unit suffixes recognised, lower case. */
  public static final List<String> UNITS = List.of(
      "hz", "khz", "mhz", "ghz",
      "ps", "ns", "us", "ms", "s", "cycles", "cycle",
      "bits", "bytes", "kb", "kib", "mb", "mib", "gb", "gib",
      "gbps", "mbps", "tbps",
      "nm", "um", "um2", "mm2",
      "w", "mw", "kw",
      "j", "mj", "uj", "nj", "pj");

  private UnitSuffixes() {}

  /**
   * "wrong unit? '<key>' is in <unit> but this field is in <unit>: use '<known>' (convert the value)", or
   * null when {@code key} does not end in a unit or no known key shares its stem.
   */
  public static String hint(String key, List<String> known) {
    String[] stemUnit = split(key);
    if (stemUnit == null) {
      return null;
    }
    List<String> same = new java.util.ArrayList<>();
    String unit = null;
    for (String k : known) {
      String[] knownStemUnit = split(k);
      if (knownStemUnit != null && knownStemUnit[0].equals(stemUnit[0]) && !k.equals(key)) {
        same.add("'" + k + "'");
        unit = knownStemUnit[1];
      }
    }
    if (same.isEmpty()) {
      return null;
    }
    if (same.size() == 1) {
      return "wrong unit? '" + key + "' is in " + stemUnit[1] + " but this field is in " + unit + ": use "
          + same.get(0) + " (convert the value)";
    }
    return "wrong unit? '" + key + "' is in " + stemUnit[1] + "; the fields of that name are "
        + String.join(" or ", same) + " (convert the value)";
  }

  private static String[] split(String key) {
    int us = key.lastIndexOf('_');
    if (us <= 0) {
      return null;
    }
    String unit = key.substring(us + 1);
    if (!UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return new String[] {key.substring(0, us).toLowerCase(Locale.ROOT), unit};
  }
}
