package dev.tritium.isa.doc;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.VecOp;
import dev.tritium.isa.encoding.FieldKind;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.IsaSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the reference tables of isa/README.md from {@link IsaSpec}. The README holds them between
 * {@link #BEGIN} and {@link #END}; a test fails when they are stale, and {@link #main} rewrites them.
 */
public final class ReferenceDoc {

  public static final String BEGIN = "<!-- BEGIN GENERATED ISA TABLES: run dev.tritium.isa.doc.ReferenceDoc to update -->";
  public static final String END = "<!-- END GENERATED ISA TABLES -->";

  private ReferenceDoc() {}

  /** The generated Markdown (without the markers). */
  public static String generate() {
    StringBuilder sb = new StringBuilder();
    sb.append("Format version ").append(IsaSpec.FORMAT_VERSION).append(". Every instruction is 128 bits, stored as 16")
        .append(" little-endian bytes (bit i is bit i%8 of byte i/8). Bits above a format's last field are")
        .append(" reserved and must be zero.\n\n");
    sb.append("### Common header (every instruction)\n\n");
    fieldTable(sb, IsaSpec.HEADER);
    sb.append("### Opcodes\n\n| opcode | mnemonic | queue | summary | used bits |\n|---:|---|---|---|---:|\n");
    for (Format f : IsaSpec.formats()) {
      sb.append("| ").append(f.opcode().code()).append(" | `").append(mnemonic(f)).append("` | ").append(f.queue())
          .append(" | ").append(f.summary()).append(" | ").append(f.usedBits()).append(" |\n");
    }
    sb.append('\n');
    for (Format f : IsaSpec.formats()) {
      sb.append("### ").append(mnemonic(f)).append(" (opcode ").append(f.opcode().code()).append(")\n\n");
      sb.append(f.summary()).append(". Queue: ").append(f.queue()).append(".\n\n");
      if (f.fields().isEmpty()) {
        sb.append("No payload fields; bits 10..127 reserved.\n\n");
      } else {
        fieldTable(sb, f.fields());
        if (f.usedBits() < 128) {
          sb.append("Bits ").append(f.usedBits()).append("..127 reserved (zero).\n\n");
        }
      }
    }
    sb.append("### Enumerations\n\n");
    enumTable(sb, "buffer", names(Buffer.class));
    enumTable(sb, "op (VEC)", names(VecOp.class));
    enumTable(sb, "packing", names(Packing.class));
    enumTable(sb, "unit", names(ComputeUnit.class));
    enumTable(sb, "variant", names(LutVariant.class));
    enumTable(sb, "queue (SYNC)", names(Queue.class));
    sb.append("CFG registers (`reg`):\n\n| code | register | value |\n|---:|---|---|\n");
    for (CfgReg r : CfgReg.values()) {
      sb.append("| ").append(r.code()).append(" | ").append(r.name()).append(" | ")
          .append(r.isFloat() ? "fp32 bits (assembly: float literal)" : "unsigned integer").append(" |\n");
    }
    sb.append('\n');
    return sb.toString();
  }

  private static List<String> names(Class<? extends Enum<?>> type) {
    return IsaSpec.names(type);
  }

  private static String mnemonic(Format f) {
    return f.mnemonicField() == null ? f.opcode().mnemonic() : f.opcode().mnemonic() + ".<op>";
  }

  private static void fieldTable(StringBuilder sb, List<FieldSpec> fields) {
    sb.append("| field | bits | width | kind | meaning |\n|---|---|---:|---|---|\n");
    for (FieldSpec fs : fields) {
      sb.append("| `").append(fs.name()).append("` | ").append(fs.offset()).append("..")
          .append(fs.offset() + fs.width() - 1).append(" | ").append(fs.width()).append(" | ")
          .append(fs.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" | ").append(fs.description())
          .append(fs.kind() == FieldKind.UINT || fs.kind() == FieldKind.ADDR ? ", max " + fs.maxValue() : "").append(" |\n");
    }
    sb.append('\n');
  }

  private static void enumTable(StringBuilder sb, String title, List<String> names) {
    sb.append("`").append(title).append("`: ");
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(i).append(" = ").append(names.get(i));
    }
    sb.append(".\n\n");
  }

  /** The README text with its generated section replaced by the current tables. */
  public static String splice(String readme) {
    int b = readme.indexOf(BEGIN);
    int e = readme.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("README has no " + BEGIN + " ... " + END + " section");
    }
    return readme.substring(0, b + BEGIN.length()) + "\n\n" + generate() + readme.substring(e);
  }

  /** Rewrites the generated section of the README (argument: its path, default isa/README.md). */
  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args.length > 0 ? args[0] : "isa/README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Files.writeString(readme, splice(text), StandardCharsets.UTF_8);
  }
}
