package dev.tritium.mapper.crosscheck;

/** One line of the cross-check table. */
public record CheckRow(String check, String expected, String actual, Verdict verdict) {

  /** PASS when equal, FAIL otherwise, both sides printed as numbers. */
  public static CheckRow equal(String check, long expected, long actual) {
    return new CheckRow(check, Long.toString(expected), Long.toString(actual),
        expected == actual ? Verdict.PASS : Verdict.FAIL);
  }

  public static CheckRow info(String check, String expected, String actual) {
    return new CheckRow(check, expected, actual, Verdict.INFO);
  }
}
