package dev.tritium.isa.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.RandomInstructions;
import dev.tritium.isa.asm.Assembler;
import dev.tritium.isa.asm.Disassembler;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RoundTripProperties {

  private static final IsaTarget TARGET = IsaTarget.edgeDefault();

  @Property(tries = 300, seed = "20261123")
  void recordToBinaryToRecordIsIdentity(@ForAll long seed) {
    Instruction insn = RandomInstructions.next(new SplittableRandom(seed));
    assertEquals(insn, InstructionCodec.decode(InstructionCodec.encode(insn), 0, 0, 0));
  }

  @Property(tries = 200, seed = "20261124")
  void binaryToTextToBinaryIsIdentical(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
    List<Instruction> program = RandomInstructions.program(new SplittableRandom(seed), size);
    byte[] binary = ProgramBinary.encode(program, TARGET);
    List<Instruction> decoded = ProgramBinary.decode(binary, TARGET);
    String text = Disassembler.toText(decoded);
    List<Instruction> reassembled = Assembler.assemble(text, "roundtrip.asm");
    assertEquals(program, reassembled);
    assertArrayEquals(binary, ProgramBinary.encode(reassembled, TARGET));
  }
}
