package dev.tritium.mapper.crosscheck;

/** Outcome of one cross-check row; INFO rows itemise figures and never fail. */
public enum Verdict {
  PASS,
  FAIL,
  INFO
}
