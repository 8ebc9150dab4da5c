package dev.tritium.simulator.scalesim;

import dev.tritium.common.io.InputFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads SCALE-Sim v2 topology CSVs with SCALE-Sim's quirks:
 *
 * <ul>
 *   <li>the first line is always skipped (the header), lines that are blank after stripping are skipped;
 *   <li>each row is split on commas and <b>the field after the last comma is dropped</b>, so rows must
 *       end with a trailing comma (a row without one loses its last value; we then report the missing
 *       column instead of crashing);
 *   <li>no quoting; every field is stripped and read as a Python {@code int};
 *   <li>conv rows: {@code Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels,
 *       Num Filter, Strides,} with an optional separate stride width as a ninth value; a layer whose name
 *       contains {@code DP} is depth-wise and expands into one single-channel layer per channel, named
 *       {@code <name>Channel_<i>};
 *   <li>GEMM rows: {@code Layer name, M, N, K,} (an optional fifth {@code N:M} sparsity field is ignored).
 * </ul>
 */
public final class ScaleSimTopology {

  /** Which column layout a topology file uses. */
  public enum Format {
    CONV,
    GEMM,
    /** Decided from the header line: {@code IFMAP ...} is conv, {@code M, N, K} is GEMM. */
    AUTO
  }

  private static final String CONV_COLUMNS =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides";
  private static final String[] CONV_NAMES = CONV_COLUMNS.split(", ");
  private static final String[] GEMM_NAMES = {"Layer name", "M", "N", "K"};

  private ScaleSimTopology() {}

  /** Reads a topology file. */
  public static List<ScaleSimLayer> load(Path path, Format format) throws IOException {
    return parse(new java.io.StringReader(InputFiles.text(path, "a SCALE-Sim topology CSV")), path.toString(), format);
  }

  /** Parses topology CSV text; {@code source} names the file in messages. */
  public static List<ScaleSimLayer> parse(Reader reader, String source, Format format) throws IOException {
    CSVFormat csv = CSVFormat.DEFAULT.builder()
        .setQuote(null)
        .setIgnoreEmptyLines(false)
        .setIgnoreSurroundingSpaces(false)
        .build();
    List<ScaleSimLayer> layers = new ArrayList<>();
    Format resolved = format;
    try (CSVParser parser = CSVParser.parse(reader, csv)) {
      boolean first = true;
      for (CSVRecord rec : parser) {
        long lineNo = rec.getParser().getCurrentLineNumber();
        List<String> fields = rec.toList();
        if (first) {
          first = false;
          if (resolved == Format.AUTO) {
            resolved = detect(fields, source);
          }
          continue;
        }
        if (String.join(",", fields).isBlank()) {
          continue;
        }
        // SCALE-Sim: row.strip().split(',')[:-1]
        List<String> kept = dropAfterLastComma(fields);
        String where = source + " line " + lineNo;
        if (resolved == Format.GEMM) {
          layers.add(gemmRow(kept, where));
        } else {
          convRows(kept, where, layers);
        }
      }
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException(source + ": no layers (the first line is the header; each layer "
          + "row must end with a trailing comma)");
    }
    return layers;
  }

  private static List<String> dropAfterLastComma(List<String> fields) {
    // Trailing whitespace after the last comma is stripped by SCALE-Sim before splitting; either way the
    // last field is dropped.
    return new ArrayList<>(fields.subList(0, fields.size() - 1));
  }

  private static Format detect(List<String> header, String source) {
    String joined = String.join(",", header).toLowerCase(Locale.ROOT);
    if (joined.contains("ifmap")) {
      return Format.CONV;
    }
    if (header.size() >= 4 && header.get(1).strip().equalsIgnoreCase("M")
        && header.get(2).strip().equalsIgnoreCase("N") && header.get(3).strip().equalsIgnoreCase("K")) {
      return Format.GEMM;
    }
    throw new IllegalArgumentException(source + " line 1: cannot tell conv from GEMM by the header '"
        + String.join(",", header) + "' (expected '" + CONV_COLUMNS + ",' or 'Layer, M, N, K,'); "
        + "say which with --topology-format conv|gemm");
  }

  private static ScaleSimLayer gemmRow(List<String> f, String where) {
    if (f.size() < 4) {
      throw missing(f, GEMM_NAMES, where);
    }
    String name = f.get(0).strip();
    int m = positive(f.get(1), "M", where);
    int n = positive(f.get(2), "N", where);
    int k = positive(f.get(3), "K", where);
    return ScaleSimLayer.gemm(name, m, n, k);
  }

  private static void convRows(List<String> f, String where, List<ScaleSimLayer> out) {
    if (f.size() < 8) {
      throw missing(f, CONV_NAMES, where);
    }
    String name = f.get(0).strip();
    int ih = positive(f.get(1), "IFMAP Height", where);
    int iw = positive(f.get(2), "IFMAP Width", where);
    int fh = positive(f.get(3), "Filter Height", where);
    int fw = positive(f.get(4), "Filter Width", where);
    int ch = positive(f.get(5), "Channels", where);
    int nf = positive(f.get(6), "Num Filter", where);
    int sh = positive(f.get(7), "Strides", where);
    int sw = sh;
    if (f.size() >= 9 && !f.get(8).contains(":")) {
      sw = positive(f.get(8), "Stride width", where);
    }
    if (fh > ih) {
      throw new IllegalArgumentException(where + ": Filter Height " + fh + " is larger than IFMAP Height " + ih);
    }
    if (fw > iw) {
      throw new IllegalArgumentException(where + ": Filter Width " + fw + " is larger than IFMAP Width " + iw);
    }
    if (name.contains("DP")) {
      for (int c = 0; c < ch; c++) {
        out.add(new ScaleSimLayer(name + "Channel_" + c, ih, iw, fh, fw, 1, nf, sh, sw));
      }
    } else {
      out.add(new ScaleSimLayer(name, ih, iw, fh, fw, ch, nf, sh, sw));
    }
  }

  private static IllegalArgumentException missing(List<String> f, String[] names, String where) {
    StringBuilder cols = new StringBuilder();
    for (int i = f.size(); i < names.length; i++) {
      cols.append(cols.length() == 0 ? "" : ", ").append(names[i]);
    }
    return new IllegalArgumentException(where + ": expected " + names.length + " values before the trailing "
        + "comma (" + String.join(", ", names) + "), got " + f.size() + "; missing " + cols
        + " (SCALE-Sim ignores whatever follows the last comma, so end each row with a comma)");
  }

  private static int positive(String text, String column, String where) {
    long v;
    try {
      v = PythonNumbers.parseInt(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(where + ": column '" + column + "' must be an integer, got '"
          + text.strip() + "'");
    }
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + ": column '" + column + "' must be a positive integer, got " + v);
    }
    return (int) v;
  }
}
