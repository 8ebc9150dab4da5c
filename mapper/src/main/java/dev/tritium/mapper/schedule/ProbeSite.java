package dev.tritium.mapper.schedule;

import dev.tritium.isa.Vec;
import dev.tritium.models.count.LayerKind;

/**
 * A point of a compiled decoder program where the functional cross-check observes the machine: the
 * compiler records one per BitLinear (at its VEC.DEQUANT) and one per attention output (at the first
 * VEC instruction that reads it), so values can be read from SRAM while the program runs.
 */
public sealed interface ProbeSite {

  /** The instruction at which the site is observed (compared by value: identical copies in other chunks are told apart by order). */
  Vec trigger();

  /** First token (of the whole call) the site covers. */
  int token0();

  /**
   * One BitLinear (or one block of its outputs) of one chunk: int8 input [tokens][k] at ACT
   * {@code actAddr}, per-token s_x at VEC {@code scalesAddr}, int32 accumulators [tokens][n] of output
   * columns {@code n0 .. n0 + n - 1} at ACC {@code accAddr} (read before the DEQUANT), fp32 output
   * [tokens][n] at VEC {@code outAddr} (read after it).
   */
  record Projection(LayerKind kind, int token0, int tokens, int n0, int n, int k, long actAddr, long scalesAddr,
      long accAddr, long outAddr, Vec trigger) implements ProbeSite {}

  /**
   * One row tile [r0, r0 + n) of a projection in a weight format with fp16 activations, complete in the output
   * tensor (fp32 [tokens][width] at VEC {@code outAddr}) after {@code trigger}.
   */
  record FormatProjection(LayerKind kind, int token0, int tokens, int r0, int n, int width, long outAddr, Vec trigger)
      implements ProbeSite {}

  /** Attention output [tokens][width] fp32 at VEC {@code addr}, before the sub-norm or quantization that reads it. */
  record AttentionOutput(int token0, int tokens, int width, long addr, Vec trigger) implements ProbeSite {}
}
