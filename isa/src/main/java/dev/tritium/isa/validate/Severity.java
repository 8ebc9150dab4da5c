package dev.tritium.isa.validate;

/** ERROR rejects the program; WARNING is printed (and becomes an error in strict mode). */
public enum Severity {
  ERROR,
  WARNING
}
