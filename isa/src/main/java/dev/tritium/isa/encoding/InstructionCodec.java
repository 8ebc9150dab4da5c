package dev.tritium.isa.encoding;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Opcode;
import java.util.List;

/** Encodes and decodes single 128-bit instructions, driven entirely by {@link IsaSpec}. */
public final class InstructionCodec {

  private InstructionCodec() {}

  /** The field values of an instruction in its format's field order. */
  public static long[] fieldValues(Instruction insn) {
    return IsaSpec.format(insn.opcode()).values().apply(insn);
  }

  /**
   * Checks every field value fits its field; throws IllegalArgumentException naming the mnemonic,
   * the field and the legal range otherwise.
   */
  public static void checkFits(Instruction insn) {
    Format f = IsaSpec.format(insn.opcode());
    long[] v = f.values().apply(insn);
    for (int i = 0; i < v.length; i++) {
      FieldSpec fs = f.fields().get(i);
      if (!fs.isLegal(v[i])) {
        throw new IllegalArgumentException(insn.mnemonic() + " field " + fs.name() + ": value " + v[i]
            + " does not fit, expected " + fs.legalValues());
      }
    }
  }

  /** Encodes into 16 new bytes. */
  public static byte[] encode(Instruction insn) {
    byte[] out = new byte[IsaSpec.INSTRUCTION_BYTES];
    encode(insn, out, 0);
    return out;
  }

  /** Encodes into {@code out[offset .. offset+16)}. */
  public static void encode(Instruction insn, byte[] out, int offset) {
    checkFits(insn);
    Format f = IsaSpec.format(insn.opcode());
    long[] v = f.values().apply(insn);
    long[] word = new long[2];
    Deps d = insn.deps();
    Bits.set(word, 0, 6, insn.opcode().code());
    Bits.set(word, 6, 1, d.popPrev() ? 1 : 0);
    Bits.set(word, 7, 1, d.popNext() ? 1 : 0);
    Bits.set(word, 8, 1, d.pushPrev() ? 1 : 0);
    Bits.set(word, 9, 1, d.pushNext() ? 1 : 0);
    List<FieldSpec> fields = f.fields();
    for (int i = 0; i < fields.size(); i++) {
      Bits.set(word, fields.get(i).offset(), fields.get(i).width(), v[i]);
    }
    Bits.store(word, out, offset);
  }

  /**
   * Decodes {@code in[offset .. offset+16)}; {@code baseOffset} is added to byte offsets in error
   * messages (the position of this instruction in its file) and {@code index} names it.
   */
  public static Instruction decode(byte[] in, int offset, long baseOffset, int index) {
    if (offset < 0 || in.length - offset < IsaSpec.INSTRUCTION_BYTES) {
      throw new IsaDecodeException(baseOffset, index, "opcode",
          "truncated instruction: " + Math.max(0, in.length - offset) + " of 16 bytes present");
    }
    long[] word = Bits.load(in, offset);
    int code = (int) Bits.get(word, 0, 6);
    Opcode op = Opcode.fromCode(code);
    if (op == null) {
      throw new IsaDecodeException(baseOffset, index, "opcode", "unknown opcode " + code);
    }
    Format f = IsaSpec.format(op);
    List<FieldSpec> fields = f.fields();
    long[] v = new long[fields.size()];
    for (int i = 0; i < v.length; i++) {
      FieldSpec fs = fields.get(i);
      v[i] = Bits.get(word, fs.offset(), fs.width());
      if (!fs.isLegal(v[i])) {
        throw new IsaDecodeException(baseOffset + fs.offset() / 8, index, fs.name(),
            op.mnemonic() + " " + fs.name() + " code " + v[i] + " out of range, expected " + fs.legalValues());
      }
    }
    int used = f.usedBits();
    if (!Bits.zeroFrom(word, used)) {
      throw new IsaDecodeException(baseOffset + used / 8, index, "reserved",
          op.mnemonic() + " reserved bits " + used + "..127 are not zero");
    }
    Deps d = new Deps(Bits.get(word, 6, 1) != 0, Bits.get(word, 7, 1) != 0, Bits.get(word, 8, 1) != 0,
        Bits.get(word, 9, 1) != 0);
    return f.build().apply(d, v);
  }
}
