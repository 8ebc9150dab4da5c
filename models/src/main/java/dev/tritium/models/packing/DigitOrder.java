package dev.tritium.models.packing;

/** Which weight of a group is the least significant base-3 digit of the group's code. */
public enum DigitOrder {
  /** code = sum t_i * 3^i: the group's first (lowest-column) weight is the least significant digit. */
  FIRST_LEAST_SIGNIFICANT,
  /**
   * code = sum t_i * 3^(g-1-i): the first weight is the most significant digit, as in bitnet.cpp's TL1/TL2
   * weight transforms ({@code 3*w0 + w1 + 4}, {@code 9*w0 + 3*w1 + w2}).
   */
  FIRST_MOST_SIGNIFICANT
}
