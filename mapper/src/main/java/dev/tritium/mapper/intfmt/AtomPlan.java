package dev.tritium.mapper.intfmt;

import dev.tritium.models.format.Atom;
import dev.tritium.models.format.IntGrid;

/**
 * Atom's stored data rearranged for the MAC array's integer multipliers: the normal input channels (ascending) with
 * their int4 codes [N][K - C] and fp16 steps per row and group of G, the C outlier channels (ascending) with their
 * int8 codes [N][C] and one fp16 step per row. The activations are gathered into the same two channel sets by the
 * DMA and quantized by QUANT.IG (int4 per group of G, int8 over the outliers); per row {@code y = 0f}, then per normal
 * group in order and the outlier group last {@code y = y + ((float) acc * s_w) * s_x} (VEC.ACC_SCALE imm 0, then 1).
 *
 * @param normalSteps s_w of row r, group q at {@code q * rows + r} (group-major, as the lowering loads them)
 */
public record AtomPlan(String name, int rows, int cols, int group, int[] normalColumns, int[] outlierColumns,
    byte[] normalCodes, float[] normalSteps, byte[] outlierCodes, float[] outlierSteps) implements IntPlan {

  public AtomPlan {
    int kn = normalColumns.length;
    int c = outlierColumns.length;
    if (group <= 0 || kn + c != cols || normalCodes.length != rows * kn || outlierCodes.length != rows * c
        || normalSteps.length != rows * groups(kn, group) || outlierSteps.length != rows) {
      throw new IllegalArgumentException(name + ": inconsistent Atom plan (" + rows + " x " + cols + ", " + kn
          + " normal and " + c + " outlier channels, group " + group + ")");
    }
  }

  static int groups(int kn, int group) {
    return (kn + group - 1) / group;
  }

  /** Normal groups per row. */
  public int groups() {
    return groups(normalColumns.length, group);
  }

  /** Width of normal group q (the last may be shorter). */
  public int groupWidth(int q) {
    return Math.min(group, normalColumns.length - q * group);
  }

  /** The plan of Atom's matrix: its codes and steps, steps group-major. */
  public static AtomPlan of(String name, Atom.Weights w) {
    IntGrid.Codes n = w.normal();
    IntGrid.Codes o = w.outliers();
    int rows = w.rows();
    int groups = n.groupsPerRow();
    byte[] nc = new byte[n.codes().length];
    for (int i = 0; i < nc.length; i++) {
      nc[i] = (byte) n.codes()[i];
    }
    byte[] oc = new byte[o.codes().length];
    for (int i = 0; i < oc.length; i++) {
      oc[i] = (byte) o.codes()[i];
    }
    float[] ns = new float[rows * groups];
    for (int r = 0; r < rows; r++) {
      for (int q = 0; q < groups; q++) {
        ns[q * rows + r] = n.groups()[r * groups + q].step();
      }
    }
    float[] os = new float[rows];
    for (int r = 0; r < rows; r++) {
      os[r] = o.groups()[r].step();
    }
    return new AtomPlan(name, rows, w.cols(), w.group(), w.normalColumns().clone(), w.outlierColumns().clone(), nc,
        ns, oc, os);
  }

  @Override
  public AtomPlan withCodeMoved(int row, int col) {
    byte[] c = normalCodes.clone();
    int at = row * normalColumns.length + col;
    c[at] = (byte) (c[at] == 7 ? 6 : c[at] + 1);
    return new AtomPlan(name, rows, cols, group, normalColumns, outlierColumns, c, normalSteps, outlierCodes,
        outlierSteps);
  }

  @Override
  public AtomPlan withScaleMoved(int row) {
    float[] s = normalSteps.clone();
    s[row] = Math.nextUp(s[row]);
    return new AtomPlan(name, rows, cols, group, normalColumns, outlierColumns, normalCodes, s, outlierCodes,
        outlierSteps);
  }
}
