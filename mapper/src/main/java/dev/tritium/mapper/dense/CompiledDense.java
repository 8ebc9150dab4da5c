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

  /** Bytes of the fp16 weights one call reads. */
  public long weightBytes() {
    return segments.stream().mapToLong(s -> s.bytes().length).sum();
  }

  /**
   * @param tileRows weight rows per tile (one GEMM.F16's n)
   * @param kTile reduction columns per GEMM.F16
   * @param rowTiles output row tiles
   * @param kTiles GEMM.F16 instructions per row tile
   */
  public record Tiling(int tileRows, int kTile, int rowTiles, int kTiles) {}
}
