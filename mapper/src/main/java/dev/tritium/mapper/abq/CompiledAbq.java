package dev.tritium.mapper.abq;

import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.program.DramSegment;
import dev.tritium.models.format.FormatPreset;
import java.util.List;

/**
 * A compiled {@code abq-wpaq} projection: the program, the DRAM bytes it expects besides its input, and where the
 * input x [tokens][K] (fp32) goes and the output y [tokens][N] (fp32) comes from.
 *
 * @param segments constant DRAM contents (the WGT rows of zero-points and bit planes, the weight steps), by address
 * @param tiling the tile sizes chosen, for reports
 */
public record CompiledAbq(List<Instruction> program, List<DramSegment> segments, long inputAddr, long outputAddr,
    int tokens, int rows, int cols, Tiling tiling) {

  public CompiledAbq {
    program = List.copyOf(program);
    segments = List.copyOf(segments);
  }

  /**
   * How the layer was cut: K is never split (one GEMM.BP covers a row's planes whole).
   *
   * @param tileRows output rows per tile (the WGT rows and the int32 tile in ACC)
   * @param rowTiles output row tiles, one GEMM.BP each
   */
  public record Tiling(int tileRows, int rowTiles) {}

  /**
   * The projection of seeded weights ({@link BitLinearCase#formatWeights}: the format quantizes latent weights seeded
   * by {@code seed} and {@code tensorId}) compiled for {@code target}: what the whole-model estimator runs.
   *
   * @throws IllegalArgumentException when the format is not abq-wpaq, the target has no bit-plane PEs or the shapes
   *     do not fit its buffers (the message names which)
   */
  public static CompiledAbq compileSeeded(IsaTarget target, FormatPreset format, int n, int k, int tokens, long seed,
      int tensorId) {
    AbqLowering lowering = new AbqLowering(target);
    AbqPlan plan = AbqPlan.of(format.name(), BitLinearCase.formatWeights(format, n, k, seed, tensorId));
    return lowering.compile(plan, tokens);
  }
}
