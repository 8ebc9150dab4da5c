package dev.tritium.simulator.engine;

/**
 * A program the machine cannot run to completion: a deadlock, unbalanced tokens at FINISH or a
 * missing FINISH. It is the program's fault (a user error), so it is an IllegalArgumentException and
 * the CLI prints its one-line message.
 */
public final class SimulationException extends IllegalArgumentException {

  public SimulationException(String message) {
    super(message);
  }
}
