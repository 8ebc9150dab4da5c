package dev.tritium.mapper.quip;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.program.DramSegment;
import java.util.List;

/**
 * A compiled {@code quip-w2} linear layer: the program, the DRAM bytes it expects besides its input, and where the
 * input x [tokens][K] (fp32) goes and the output y [tokens][N] (fp32) comes from.
 *
 * @param segments constant DRAM contents (the sign and scale vectors, the code rows), by address
 * @param tokenChunk tokens per pass over the codes (VEC holds one chunk's x and v)
 * @param tileRows code rows per WGT tile
 * @param tiles WGT tiles per pass
 */
public record CompiledQuip(List<Instruction> program, List<DramSegment> segments, long inputAddr, long outputAddr,
    int tokens, int rows, int cols, int tokenChunk, int tileRows, int tiles) {

  public CompiledQuip {
    program = List.copyOf(program);
    segments = List.copyOf(segments);
  }

  /** Bytes of the code rows (zero points and codes) one pass reads. */
  public long codeBytes() {
    return segments.stream().filter(s -> s.what().startsWith("codes")).mapToLong(s -> s.bytes().length).sum();
  }
}
