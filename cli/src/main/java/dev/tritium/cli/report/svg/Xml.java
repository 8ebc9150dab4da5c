package dev.tritium.cli.report.svg;

/** Escaping for text and attribute values in the generated SVG/HTML (the only XML we write). */
public final class Xml {

  private Xml() {}

  /** Escapes {@code & < > " '} so any string is safe as element text or a double-quoted attribute value. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
