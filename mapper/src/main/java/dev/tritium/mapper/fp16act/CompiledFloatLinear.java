package dev.tritium.mapper.fp16act;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.program.DramSegment;
import java.util.List;

/**
 * A compiled fp16-activation linear layer: the program, the DRAM bytes it expects besides its input, and where the
 * input x [tokens][K] (fp32) goes and the output y [tokens][N] (fp32) comes from.
 *
 * @param segments constant DRAM contents (weight planes, scale vectors, CSR blocks, the ones rows), by address
 * @param tiling the tile sizes chosen, for reports
 */
public record CompiledFloatLinear(List<Instruction> program, List<DramSegment> segments, long inputAddr,
    long outputAddr, int tokens, int rows, int cols, Tiling tiling) {

  public CompiledFloatLinear {
    program = List.copyOf(program);
    segments = List.copyOf(segments);
  }


  /**
   * How the layer was cut.
   *
   * @param tokenChunk tokens per pass over the weights (the weights stream once per chunk)
   * @param tileRows output rows per weight tile
   * @param tiles weight tiles per pass (row tiles x groups)
   * @param weightBytes the packed planes, scale vectors and CSR blocks one pass reads from DRAM
   */
  public record Tiling(int tokenChunk, int tileRows, int tiles, long weightBytes) {}
}
