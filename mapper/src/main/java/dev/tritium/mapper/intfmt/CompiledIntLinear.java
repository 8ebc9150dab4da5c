package dev.tritium.mapper.intfmt;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.program.DramSegment;
import java.util.List;

/**
 * A compiled integer-format linear layer: the program, the DRAM bytes it expects besides its input, and where the
 * input x [tokens][K] (fp32) goes and the output y [tokens][N] (fp32) comes from.
 *
 * @param segments constant DRAM contents (weight codes, weight scales), by address
 * @param tiling the tile sizes chosen, for reports
 */
public record CompiledIntLinear(List<Instruction> program, List<DramSegment> segments, long inputAddr,
    long outputAddr, int tokens, int rows, int cols, Tiling tiling) {

  public CompiledIntLinear {
    program = List.copyOf(program);
    segments = List.copyOf(segments);
  }


  /**
   * How the layer was cut.
   *
   * @param tileRows output rows per tile (the int32 tile in ACC)
   * @param kTile reduction columns per GEMM.IW (the weight tile in WGT)
   * @param rowTiles output row tiles
   * @param kTiles GEMM.IW instructions per row tile
   * @param tokenChunk tokens per pass over the weights (all of them but for a SpinQuant prefill larger than the
   *     buffers)
   */
  public record Tiling(int tileRows, int kTile, int rowTiles, int kTiles, int tokenChunk) {

    /** Passes over the weights for {@code tokens} tokens. */
    public int passes(int tokens) {
      return (tokens + tokenChunk - 1) / tokenChunk;
    }
  }
}
