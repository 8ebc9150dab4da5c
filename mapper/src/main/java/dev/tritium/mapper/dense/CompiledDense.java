package dev.tritium.mapper.dense;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.program.DramSegment;
import java.util.List;

/**
 * A compiled dense fp16 projection: the program, the DRAM bytes it expects besides its input (the fp16 weights), and
 * where the input x [tokens][K] (fp32) goes and the output y [tokens][N] (fp32) comes from.
 *
 * @param tiling how the layer was cut, for reports
 */
public record CompiledDense(List<Instruction> program, List<DramSegment> segments, long inputAddr, long outputAddr,
    int tokens, int rows, int cols, Tiling tiling) {

  public CompiledDense {
    program = List.copyOf(program);
    segments = List.copyOf(segments);
  }

  /** Bytes of the fp16 weights one pass reads. */
  public long weightBytes() {
    return segments.stream().mapToLong(s -> s.bytes().length).sum();
  }

  /**
   * @param tileRows weight rows per tile (one GEMM.F16's n)
   * @param kTile reduction columns per GEMM.F16
   * @param rowTiles output row tiles
   * @param kTiles GEMM.F16 instructions per row tile
   * @param tokenChunk tokens per pass over the weights (all of them unless the buffers hold fewer)
   */
  public record Tiling(int tileRows, int kTile, int rowTiles, int kTiles, int tokenChunk) {

    /** Passes over the weights for {@code tokens} tokens. */
    public int passes(int tokens) {
      return (tokens + tokenChunk - 1) / tokenChunk;
    }

    /** ", P passes of C tokens" when the tokens run in chunks, else nothing (for reports). */
    public String passesText(int tokens) {
      int p = passes(tokens);
      return p == 1 ? "" : ", " + p + " passes of " + tokenChunk + " token(s)";
    }
  }
}
