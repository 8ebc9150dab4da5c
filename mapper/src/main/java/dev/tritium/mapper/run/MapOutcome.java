package dev.tritium.mapper.run;

import dev.tritium.isa.Instruction;
import java.util.List;

/**
 * What a {@link LayerMapper} produced for {@code tritium map}: the printable mapping (loop nest,
 * simulated figures), the headline numbers and the program (for {@code --emit}).
 *
 * @param utilization busy fraction of the compute unit the layer mostly uses
 */
public record MapOutcome(String text, long cycles, double latencyUs, double utilization, List<Instruction> program) {

  public MapOutcome {
    program = List.copyOf(program);
  }
}
