package dev.tritium.mapper.bitlinear;

/**
 * One VEC.DEQUANT of the compiled program, in program order: it turns the final int32 accumulators of
 * tokens [token0, token0 + rows) x outputs [out0, out0 + len) into fp32. The cross-check reads the
 * accumulators from ACC when this instruction runs.
 *
 * @param accAddr ACC address of the accumulator rows ([rows][len] int32, dense)
 */
public record OutputChunk(int token0, int out0, int rows, int len, long accAddr) {}
