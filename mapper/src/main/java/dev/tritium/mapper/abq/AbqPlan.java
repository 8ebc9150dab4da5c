package dev.tritium.mapper.abq;

import dev.tritium.isa.GemmBp;
import dev.tritium.models.format.AbqLlm;
import dev.tritium.models.format.QuantizedMatrix;

/**
 * An {@code abq-wpaq:w=P,a=Q} matrix rearranged for the MAC array's bit-plane PEs (GEMM.BP): one WGT row per output
 * row, {@link GemmBp#rowBytes}{@code (P, K)} bytes (the row's P-bit zero-point, then its P bit planes of
 * {@code ceil(K / 8)} bytes, bit c in bit {@code c % 8} of byte {@code c / 8}), and one fp32 weight step per row (the
 * format's fp16 steps). The rows are built here from the format's codes; the simulator reads them with its own reader.
 *
 * @param name the format's name, for reports
 * @param weightBits P
 * @param activationBits Q (QUANT.BP's code bits)
 * @param rowsImage the WGT rows, [rows][rowBytes(P, cols)] row-major
 * @param steps s_w per output row
 */
public record AbqPlan(String name, int rows, int cols, int weightBits, int activationBits, byte[] rowsImage,
    float[] steps) {

  public AbqPlan {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(name + ": rows and cols must be positive, got " + rows + " x " + cols);
    }
    if (weightBits < 1 || weightBits > GemmBp.MAX_PLANES || activationBits < 1
        || activationBits > GemmBp.MAX_PLANES) {
      throw new IllegalArgumentException(name + ": weight and activation bits must be 1 to " + GemmBp.MAX_PLANES
          + " (GEMM.BP's planes), got w = " + weightBits + ", a = " + activationBits);
    }
    long expected = (long) rows * GemmBp.rowBytes(weightBits, cols);
    if (rowsImage.length != expected || steps.length != rows) {
      throw new IllegalArgumentException(name + ": need " + expected + " WGT row bytes and " + rows + " steps, got "
          + rowsImage.length + " bytes and " + steps.length + " steps");
    }
  }

  /** Bytes of one WGT row. */
  public int rowBytes() {
    return Math.toIntExact(GemmBp.rowBytes(weightBits, cols));
  }

  /**
   * The plan of an abq-wpaq matrix.
   *
   * @throws IllegalArgumentException when the matrix is not an abq-wpaq one
   */
  public static AbqPlan of(String name, QuantizedMatrix m) {
    if (!(m instanceof AbqLlm.Weights w)) {
      throw new IllegalArgumentException("weight format '" + name + "' is not abq-wpaq, the format GEMM.BP's bit"
          + " planes run");
    }
    int p = w.weightBits();
    int k = w.cols();
    int rowBytes = Math.toIntExact(GemmBp.rowBytes(p, k));
    int planeBytes = (k + 7) / 8;
    byte[] image = new byte[w.rows() * rowBytes];
    for (int r = 0; r < w.rows(); r++) {
      int base = r * rowBytes;
      image[base] = (byte) w.zeros()[r];
      for (int c = 0; c < k; c++) {
        int u = w.codes()[r * k + c];
        for (int b = 0; b < p; b++) {
          if (((u >> b) & 1) != 0) {
            image[base + 1 + b * planeBytes + c / 8] |= (byte) (1 << (c % 8));
          }
        }
      }
    }
    return new AbqPlan(name, w.rows(), k, p, w.activationBits(), image, w.steps().clone());
  }

  /** This plan with bit {@code col} of weight plane {@code plane} of row {@code row} flipped (a mutation). */
  public AbqPlan withPlaneBitFlipped(int row, int plane, int col) {
    byte[] img = rowsImage.clone();
    img[row * rowBytes() + 1 + plane * ((cols + 7) / 8) + col / 8] ^= (byte) (1 << (col % 8));
    return new AbqPlan(name, rows, cols, weightBits, activationBits, img, steps);
  }

  /** This plan with row {@code row}'s zero-point moved by one within its P-bit range (a mutation). */
  public AbqPlan withZeroMoved(int row) {
    byte[] img = rowsImage.clone();
    int z = img[row * rowBytes()] & 0xFF;
    img[row * rowBytes()] = (byte) (z == (1 << weightBits) - 1 ? z - 1 : z + 1);
    return new AbqPlan(name, rows, cols, weightBits, activationBits, img, steps);
  }

  /** This plan with row {@code row}'s step one ulp up (a mutation). */
  public AbqPlan withStepMoved(int row) {
    float[] s = steps.clone();
    s[row] = Math.nextUp(s[row]);
    return new AbqPlan(name, rows, cols, weightBits, activationBits, rowsImage, s);
  }
}
