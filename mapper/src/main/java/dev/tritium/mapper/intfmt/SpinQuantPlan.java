package dev.tritium.mapper.intfmt;

import dev.tritium.models.format.Hadamard;
import dev.tritium.models.format.IntGrid;
import dev.tritium.models.format.SpinQuant;

/**
 * SpinQuant's stored data rearranged for the MAC array's integer multipliers: the int4 codes of {@code W R} row-major
 * [N][K] with one fp16 step per row. The activations take the asymmetric 4-bit grid per token over the whole row
 * (QUANT.IG asymmetric, one group of K: the byte is {@code q - z}), GEMM.IW multiplies int4 weights by those bytes
 * (INT8 activations, since {@code q - z} spans [-15, 15]) into exact int32 sums, and VEC.ACC_SCALE imm 0 writes
 * {@code ((float) acc * s_w) * s_x}. With {@code proj=down} the input first takes the online Hadamard transform
 * (VEC.FWHT, slices of the largest power of two dividing K) and the multiply by {@code c = (float) (1 / sqrt(b))}
 * (VEC.SCALE). {@code proj=other} receives its input already rotated (the merged rotations upstream), as the format's
 * apply does.
 *
 * @param codes int4 weight codes [rows][cols], each in [-8, 7]
 * @param steps s_w per output row (the format's fp16 steps)
 * @param hadamardScale c of {@code proj=down} (0 for {@code other}, which has no online transform)
 * @param negatedInput a deliberate fault: the input column of token 0 negated before the transform (-1: none)
 */
public record SpinQuantPlan(String name, int rows, int cols, boolean downProj, byte[] codes, float[] steps,
    float hadamardScale, int negatedInput) implements IntPlan {

  public SpinQuantPlan {
    if (rows <= 0 || cols <= 0 || (long) rows * cols != codes.length || steps.length != rows) {
      throw new IllegalArgumentException(name + ": need " + rows + " x " + cols + " codes and " + rows
          + " steps (rows and cols positive), got " + codes.length + " codes and " + steps.length + " steps");
    }
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] < -8 || codes[i] > 7) {
        throw new IllegalArgumentException(name + ": weight code [" + i / cols + "][" + i % cols + "] = " + codes[i]
            + " is outside the int4 range [-8, 7]");
      }
    }
    if (downProj != (hadamardScale != 0f)) {
      throw new IllegalArgumentException(name + ": the Hadamard scale c is " + hadamardScale + "; expected a nonzero c"
          + " exactly for proj=down");
    }
    if (negatedInput < -1 || negatedInput >= cols || (negatedInput >= 0 && !downProj)) {
      throw new IllegalArgumentException(name + ": negatedInput is " + negatedInput + "; expected -1, or a column"
          + " below " + cols + " of a proj=down plan");
    }
  }

  /** The plan of a SpinQuant matrix: its int4 codes and per-row steps, and c for {@code proj=down}. */
  public static SpinQuantPlan of(String name, SpinQuant.Weights w) {
    IntGrid.Codes q = w.codes();
    byte[] codes = new byte[q.codes().length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (byte) q.codes()[i];
    }
    float[] steps = new float[w.rows()];
    for (int r = 0; r < steps.length; r++) {
      steps[r] = q.groups()[r].step();
    }
    // the same constant the format's apply multiplies by
    float c = w.downProj() ? Hadamard.invSqrt(Hadamard.block(w.cols())) : 0f;
    return new SpinQuantPlan(name, w.rows(), w.cols(), w.downProj(), codes, steps, c, -1);
  }

  @Override
  public SpinQuantPlan withCodeMoved(int row, int col) {
    byte[] c = codes.clone();
    int at = row * cols + col;
    c[at] = (byte) (c[at] == 7 ? 6 : c[at] + 1);
    return new SpinQuantPlan(name, rows, cols, downProj, c, steps, hadamardScale, negatedInput);
  }

  @Override
  public SpinQuantPlan withScaleMoved(int row) {
    float[] s = steps.clone();
    s[row] = Math.nextUp(s[row]);
    return new SpinQuantPlan(name, rows, cols, downProj, codes, s, hadamardScale, negatedInput);
  }

  /** This plan with another constant in place of c (proj=down). */
  public SpinQuantPlan withHadamardScale(float c) {
    requireDown("a changed Hadamard scale");
    return new SpinQuantPlan(name, rows, cols, downProj, codes, steps, c, negatedInput);
  }

  /** This plan with input column {@code col} of token 0 negated before the transform (proj=down). */
  public SpinQuantPlan withNegatedInput(int col) {
    requireDown("a negated transform input");
    return new SpinQuantPlan(name, rows, cols, downProj, codes, steps, hadamardScale, col);
  }

  private void requireDown(String what) {
    if (!downProj) {
      throw new IllegalArgumentException(name + ": " + what + " needs proj=down (the online transform); this plan is"
          + " proj=other");
    }
  }
}
