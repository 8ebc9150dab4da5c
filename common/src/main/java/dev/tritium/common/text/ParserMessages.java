package dev.tritium.common.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JSON/YAML parser's message into one that speaks of the input, not of the parser: no advice to
 * enable parser features, no source excerpts, one line.
 */
public final class ParserMessages {

  private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'");
  private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard (?:number|token) '?([+-]?(?:NaN|Infinity|INF))'?",
      Pattern.CASE_INSENSITIVE);

  private ParserMessages() {}

  /** The parser's message reduced to what is wrong with the input. */
  public static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable";
    }
    String m = message;
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    Matcher nan = NON_NUMERIC.matcher(m);
    if (nan.find()) {
      return "found " + nan.group(1) + ", which is not a number in JSON (expected a finite number)";
    }
    Matcher token = NON_STANDARD.matcher(m);
    if (token.find()) {
      return "found '" + token.group(1) + "', which JSON does not allow here";
    }
    // Jackson appends advice such as ": enable `JsonReadFeature.X` to allow" or "; to allow ...": drop it.
    int advice = m.indexOf(": enable ");
    if (advice < 0) {
      advice = m.indexOf("; enable ");
    }
    if (advice >= 0) {
      m = m.substring(0, advice);
    }
    int source = m.indexOf(" at [Source:");
    if (source >= 0) {
      m = m.substring(0, source);
    }
    return m.trim();
  }
}
