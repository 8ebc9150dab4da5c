package dev.tritium.mapper.crosscheck;

/** One line of the cross-check table. */
public record CheckRow(String check, String expected, String actual, Verdict verdict) {

  /** PASS when equal, FAIL otherwise, both sides printed as numbers. */
  public static CheckRow equal(String check, long expected, long actual) {
    return new CheckRow(check, Long.toString(expected), Long.toString(actual),
        expected == actual ? Verdict.PASS : Verdict.FAIL);
  }

  /**
   * PASS when every fp32 value of {@code actual} has the bits of {@code expected} (0 ulp, -0 and NaN payloads
   * included); otherwise how many differ and the first, as [row][column] of rows {@code width} wide.
   *
   * @param expectedWhat what the expected values are, e.g. "equal to BitLinear.dequantize"
   */
  public static CheckRow bitExact(String check, String expectedWhat, float[] expected, float[] actual, int width) {
    int mismatches = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        mismatches++;
        first = first < 0 ? i : first;
      }
    }
    return new CheckRow(check, expected.length + " " + expectedWhat, mismatches == 0 ? expected.length + " equal"
        : mismatches + " differ, first [" + first / width + "][" + first % width + "] ref " + expected[first] + " sim "
            + actual[first], mismatches == 0 ? Verdict.PASS : Verdict.FAIL);
  }

  public static CheckRow info(String check, String expected, String actual) {
    return new CheckRow(check, expected, actual, Verdict.INFO);
  }
}
