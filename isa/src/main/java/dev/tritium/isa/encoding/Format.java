package dev.tritium.isa.encoding;

import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Opcode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One instruction format: its opcode, the queue it goes to, a summary, and its payload fields in
 * encoding order (which is also the assembly field order). {@code values} and {@code build} map a
 * record to field values and back; everything else (encoder, decoder, assembler, disassembler,
 * README tables, C header) is derived from the field list.
 *
 * @param mnemonicField name of an ENUM field written as a mnemonic suffix ({@code VEC.ADD}), or null
 */
public record Format(Opcode opcode, String queue, String summary, List<FieldSpec> fields,
    String mnemonicField, Function<Instruction, long[]> values, BiFunction<Deps, long[], Instruction> build) {

  public Format {
    fields = List.copyOf(fields);
  }

  /** First bit above the last field; bits from here to 127 are reserved and must be zero. */
  public int usedBits() {
    return fields.isEmpty() ? IsaSpec.HEADER_BITS : fields.get(fields.size() - 1).offset()
        + fields.get(fields.size() - 1).width();
  }

  /** Index of the named field, or -1. */
  public int indexOf(String fieldName) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(fieldName)) {
        return i;
      }
    }
    return -1;
  }
}
