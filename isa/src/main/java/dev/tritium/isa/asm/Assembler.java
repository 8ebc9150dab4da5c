package dev.tritium.isa.asm;

import dev.tritium.common.io.InputFiles;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.encoding.FieldKind;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.InstructionCodec;
import dev.tritium.isa.encoding.IsaSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text assembly to instructions. Syntax (README "Assembly"): one instruction per line,
 * {@code MNEMONIC field=value ...} with optional dependency flags as {@code [pop_prev push_next]} or
 * {@code deps=pop_prev,push_next}; comments start with {@code #} or {@code ;}. Numbers are decimal or
 * 0x-hex (underscores allowed); enum fields take names; float CFG registers take a float literal (or
 * 0x raw bits). Boolean fields default to 0; every other field is required. Errors are
 * {@link AsmException}s starting with {@code file:line:}.
 */
public final class Assembler {

  /** The largest assembly file read: 64 MiB, millions of instructions. */
  public static final long MAX_PROGRAM_BYTES = 64L << 20;

  private Assembler() {}

  public static List<Instruction> assemble(Path file) throws IOException {
    return assemble(InputFiles.text(file, "an assembly program", MAX_PROGRAM_BYTES), file.toString());
  }

  public static List<Instruction> assemble(String source, String fileName) {
    List<Instruction> out = new ArrayList<>();
    String[] lines = source.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Instruction insn = assembleLine(lines[i], fileName, i + 1);
      if (insn != null) {
        out.add(insn);
      }
    }
    return out;
  }

  /** One line; null for blank or comment-only lines. */
  public static Instruction assembleLine(String rawLine, String file, int lineNo) {
    String line = stripComment(rawLine).strip();
    if (line.isEmpty()) {
      return null;
    }
    Deps deps = Deps.NONE;
    int open = line.indexOf('[');
    if (open >= 0) {
      int close = line.indexOf(']', open);
      if (close < 0 || !line.substring(close + 1).isBlank()) {
        throw new AsmException(file, lineNo, "dependency flags must be one trailing [...] group");
      }
      deps = parseDeps(line.substring(open + 1, close).strip().split("[\\s,]+"), deps, file, lineNo);
      line = line.substring(0, open).strip();
    }
    String[] tokens = line.split("\\s+");
    String mnemonic = tokens[0].toUpperCase(Locale.ROOT);
    Format format = formatOf(mnemonic, file, lineNo);
    Map<String, String> given = new LinkedHashMap<>();
    for (int t = 1; t < tokens.length; t++) {
      int eq = tokens[t].indexOf('=');
      if (eq <= 0) {
        throw new AsmException(file, lineNo, "expected field=value, got '" + tokens[t] + "'");
      }
      String key = tokens[t].substring(0, eq);
      String value = tokens[t].substring(eq + 1);
      if (key.equals("deps")) {
        deps = parseDeps(value.isEmpty() ? new String[0] : value.split(","), deps, file, lineNo);
        continue;
      }
      if (given.put(key, value) != null) {
        throw new AsmException(file, lineNo, "field " + key + " given twice");
      }
    }
    long[] values = new long[format.fields().size()];
    for (int i = 0; i < values.length; i++) {
      FieldSpec fs = format.fields().get(i);
      if (fs.name().equals(format.mnemonicField())) {
        String suffix = mnemonic.substring(mnemonic.indexOf('.') + 1);
        values[i] = fs.enumNames().indexOf(suffix);
        continue;
      }
      String text = given.remove(fs.name());
      if (text == null) {
        if (fs.kind() == FieldKind.BOOL) {
          continue;
        }
        throw new AsmException(file, lineNo, format.opcode().mnemonic() + " is missing field " + fs.name()
            + " (" + fs.legalValues() + ")");
      }
      values[i] = parseValue(format, fs, text, values, file, lineNo);
    }
    if (!given.isEmpty()) {
      throw new AsmException(file, lineNo, "unknown field '" + given.keySet().iterator().next() + "' for "
          + mnemonic + " (fields: " + format.fields().stream().map(FieldSpec::name)
              .filter(n -> !n.equals(format.mnemonicField())).collect(Collectors.joining(", ")) + ")");
    }
    Instruction insn = format.build().apply(deps, values);
    try {
      InstructionCodec.checkFits(insn);
    } catch (IllegalArgumentException e) {
      throw new AsmException(file, lineNo, e.getMessage());
    }
    return insn;
  }

  private static Format formatOf(String mnemonic, String file, int lineNo) {
    for (Format f : IsaSpec.formats()) {
      String base = f.opcode().mnemonic();
      if (f.mnemonicField() == null ? mnemonic.equals(base) : mnemonic.startsWith(base + ".")) {
        if (f.mnemonicField() != null) {
          FieldSpec fs = f.fields().get(f.indexOf(f.mnemonicField()));
          String suffix = mnemonic.substring(base.length() + 1);
          if (!fs.enumNames().contains(suffix)) {
            throw new AsmException(file, lineNo, "unknown " + base + " operation '" + suffix + "', expected one of "
                + String.join(", ", fs.enumNames()));
          }
        }
        return f;
      }
    }
    throw new AsmException(file, lineNo, "unknown mnemonic '" + mnemonic + "', expected one of "
        + IsaSpec.formats().stream().map(f -> f.mnemonicField() == null ? f.opcode().mnemonic()
            : f.opcode().mnemonic() + ".<op>").collect(Collectors.joining(", ")));
  }

  private static long parseValue(Format format, FieldSpec fs, String text, long[] earlier, String file, int lineNo) {
    if (format.opcode() == Opcode.CFG && fs.name().equals("value")) {
      CfgReg reg = CfgReg.values()[(int) earlier[format.indexOf("reg")]];
      if (reg.isFloat() && !isHex(text)) {
        try {
          return Integer.toUnsignedLong(Float.floatToRawIntBits(Float.parseFloat(text)));
        } catch (NumberFormatException e) {
          throw new AsmException(file, lineNo, "CFG " + reg + " value: expected a float literal or 0x raw bits, got '"
              + text + "'");
        }
      }
    }
    if (fs.kind() == FieldKind.ENUM) {
      int code = fs.enumNames().indexOf(text.toUpperCase(Locale.ROOT));
      if (code < 0) {
        throw new AsmException(file, lineNo, "field " + fs.name() + ": '" + text + "' is not " + fs.legalValues());
      }
      return code;
    }
    long v;
    try {
      String digits = text.replace("_", "");
      v = isHex(digits) ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new AsmException(file, lineNo, "field " + fs.name() + ": '" + text + "' is not a number");
    }
    if (!fs.isLegal(v)) {
      throw new AsmException(file, lineNo, format.opcode().mnemonic() + " field " + fs.name() + ": value " + text
          + " does not fit, expected " + fs.legalValues());
    }
    return v;
  }

  private static boolean isHex(String s) {
    return s.startsWith("0x") || s.startsWith("0X");
  }

  private static Deps parseDeps(String[] names, Deps start, String file, int lineNo) {
    Deps d = start;
    for (String n : names) {
      switch (n.toLowerCase(Locale.ROOT)) {
        case "" -> { }
        case "pop_prev" -> d = d.withPopPrev(true);
        case "pop_next" -> d = d.withPopNext(true);
        case "push_prev" -> d = d.withPushPrev(true);
        case "push_next" -> d = d.withPushNext(true);
        default -> throw new AsmException(file, lineNo, "unknown dependency flag '" + n
            + "', expected pop_prev, pop_next, push_prev or push_next");
      }
    }
    return d;
  }

  private static String stripComment(String line) {
    int cut = line.length();
    int hash = line.indexOf('#');
    int semi = line.indexOf(';');
    if (hash >= 0) {
      cut = Math.min(cut, hash);
    }
    if (semi >= 0) {
      cut = Math.min(cut, semi);
    }
    return line.substring(0, cut);
  }
}
