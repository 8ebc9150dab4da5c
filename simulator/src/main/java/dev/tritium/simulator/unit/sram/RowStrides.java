package dev.tritium.simulator.unit.sram;

/**
 * The row strides, in bytes, that the compute queue's configuration registers set for the ACT, ACC and
 * LUT operands (0 = dense rows). Timing needs them because a strided tile touches different banks.
 */
public record RowStrides(long actBytes, long accBytes, long lutBytes) {

  public static final RowStrides DENSE = new RowStrides(0, 0, 0);

  public RowStrides withAct(long bytes) {
    return new RowStrides(bytes, accBytes, lutBytes);
  }

  public RowStrides withAcc(long bytes) {
    return new RowStrides(actBytes, bytes, lutBytes);
  }

  public RowStrides withLut(long bytes) {
    return new RowStrides(actBytes, accBytes, bytes);
  }
}
