package dev.tritium.isa.asm;

/** An assembly error; the message starts with {@code file:line:}. */
public final class AsmException extends IllegalArgumentException {

  private final int line;

  public AsmException(String file, int line, String message) {
    super(file + ":" + line + ": " + message);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
