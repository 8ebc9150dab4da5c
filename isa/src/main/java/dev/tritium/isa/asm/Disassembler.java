package dev.tritium.isa.asm;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.InstructionCodec;
import dev.tritium.isa.encoding.IsaSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints instructions as assembly ({@code MNEMONIC field=value ... [flags]}), one per line, every
 * field written in spec order, so the text re-assembles to the identical binary.
 */
public final class Disassembler {

  private Disassembler() {}

  /** One instruction as one line of assembly. */
  public static String toText(Instruction insn) {
    Format f = IsaSpec.format(insn.opcode());
    long[] v = InstructionCodec.fieldValues(insn);
    StringBuilder sb = new StringBuilder(insn.mnemonic());
    for (int i = 0; i < v.length; i++) {
      FieldSpec fs = f.fields().get(i);
      if (fs.name().equals(f.mnemonicField())) {
        continue;
      }
      sb.append(' ').append(fs.name()).append('=').append(formatValue(insn, fs, v[i]));
    }
    String deps = depsText(insn.deps());
    if (!deps.isEmpty()) {
      sb.append(" [").append(deps).append(']');
    }
    return sb.toString();
  }

  /** A program, one line per instruction, each preceded by nothing and followed by a newline. */
  public static String toText(List<? extends Instruction> program) {
    StringBuilder sb = new StringBuilder();
    for (Instruction insn : program) {
      sb.append(toText(insn)).append('\n');
    }
    return sb.toString();
  }

  /** Flag names in canonical order, space separated ("" when none). */
  public static String depsText(Deps d) {
    List<String> names = new ArrayList<>();
    if (d.popPrev()) {
      names.add("pop_prev");
    }
    if (d.popNext()) {
      names.add("pop_next");
    }
    if (d.pushPrev()) {
      names.add("push_prev");
    }
    if (d.pushNext()) {
      names.add("push_next");
    }
    return String.join(" ", names);
  }

  private static String formatValue(Instruction insn, FieldSpec fs, long v) {
    if (insn instanceof Cfg cfg && fs.name().equals("value") && cfg.reg().isFloat()) {
      float x = Float.intBitsToFloat((int) v);
      // NaN payloads do not survive a float literal: keep their raw bits.
      return Float.isNaN(x) ? String.format("0x%08x", v) : Float.toString(x);
    }
    return switch (fs.kind()) {
      case ADDR -> "0x" + Long.toHexString(v);
      case ENUM -> fs.enumNames().get((int) v);
      default -> Long.toString(v);
    };
  }
}
