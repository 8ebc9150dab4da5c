package dev.tritium.isa.encoding;

import dev.tritium.common.io.InputFiles;
import dev.tritium.common.io.OutputFiles;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary program file: a 24-byte little-endian header, then 16 bytes per instruction.
 *
 * <pre>
 * offset size field
 *      0    8 magic "TRITISA\0"
 *      8    4 format version (IsaSpec.FORMAT_VERSION)
 *     12    4 config tag (IsaTarget.configTag())
 *     16    4 instruction count
 *     20    4 reserved, zero
 *     24  16n instructions
 * </pre>
 */
public final class ProgramBinary {

  public static final byte[] MAGIC = "TRITISA\0".getBytes(StandardCharsets.US_ASCII);
  public static final int HEADER_BYTES = 24;

  /** A decoded binary: its config tag and its instructions. */
  public record Decoded(int configTag, List<Instruction> instructions) {
    public Decoded {
      instructions = List.copyOf(instructions);
    }
  }

  /** The largest binary read: 64 MiB, four million 128-bit instructions. */
  public static final long MAX_BYTES = 64L << 20;

  private ProgramBinary() {}

  /** Encodes a program for a target. Throws IllegalArgumentException naming the instruction index. */
  public static byte[] encode(List<? extends Instruction> program, IsaTarget target) {
    return encode(program, target.configTag());
  }

  /** Encodes a program with an explicit config tag. */
  public static byte[] encode(List<? extends Instruction> program, int configTag) {
    byte[] out = new byte[HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * program.size()];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    putInt(out, 8, IsaSpec.FORMAT_VERSION);
    putInt(out, 12, configTag);
    putInt(out, 16, program.size());
    for (int i = 0; i < program.size(); i++) {
      try {
        InstructionCodec.encode(program.get(i), out, HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * i);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("instruction #" + i + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Decodes without checking the config tag (for disassembly). Throws only {@link IsaDecodeException}. */
  public static Decoded decode(byte[] in) {
    if (in.length < HEADER_BYTES) {
      throw new IsaDecodeException(in.length, -1, "header",
          "truncated header: " + in.length + " of " + HEADER_BYTES + " bytes present");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (in[i] != MAGIC[i]) {
        throw new IsaDecodeException(i, -1, "magic", "not a Tritium ISA binary (magic must be \"TRITISA\\0\")");
      }
    }
    int version = getInt(in, 8);
    if (version != IsaSpec.FORMAT_VERSION) {
      throw new IsaDecodeException(8, -1, "version",
          "format version " + Integer.toUnsignedString(version) + " is not supported (expected " + IsaSpec.FORMAT_VERSION + ")");
    }
    int tag = getInt(in, 12);
    long count = Integer.toUnsignedLong(getInt(in, 16));
    if (getInt(in, 20) != 0) {
      throw new IsaDecodeException(20, -1, "reserved", "header reserved word is not zero");
    }
    long expected = HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * count;
    if (in.length < expected) {
      long present = (in.length - HEADER_BYTES) / IsaSpec.INSTRUCTION_BYTES;
      throw new IsaDecodeException(HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * present, (int) present, "opcode",
          "truncated: header declares " + count + " instructions, file holds " + in.length + " bytes (needs " + expected + ")");
    }
    if (in.length > expected) {
      throw new IsaDecodeException(expected, -1, "count",
          (in.length - expected) + " trailing bytes after the " + count + " declared instructions");
    }
    List<Instruction> out = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      int off = HEADER_BYTES + IsaSpec.INSTRUCTION_BYTES * i;
      out.add(InstructionCodec.decode(in, off, off, i));
    }
    return new Decoded(tag, out);
  }

  /** Decodes and checks the binary was assembled for {@code target}. */
  public static List<Instruction> decode(byte[] in, IsaTarget target) {
    Decoded d = decode(in);
    requireTarget(d.configTag(), target);
    return d.instructions();
  }

  /** Throws when a config tag is not the target's. */
  public static void requireTarget(int configTag, IsaTarget target) {
    if (configTag != target.configTag()) {
      throw new IllegalArgumentException(String.format(
          "binary was assembled for config tag 0x%08x but target '%s' has config tag 0x%08x"
              + " (a different architecture: reassemble for this target)", configTag, target.name(), target.configTag()));
    }
  }

  /** Reads a binary file; IsaDecodeException messages are prefixed with the file name. */
  public static Decoded read(Path file) throws IOException {
    byte[] bytes = InputFiles.bytes(file, "an ISA program binary", MAX_BYTES);
    try {
      return decode(bytes);
    } catch (IsaDecodeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a binary file. */
  public static void write(Path file, List<? extends Instruction> program, IsaTarget target) throws IOException {
    OutputFiles.write(file, encode(program, target));
  }

  private static void putInt(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  private static int getInt(byte[] b, int off) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (b[off + i] & 0xFF) << (8 * i);
    }
    return v;
  }
}
