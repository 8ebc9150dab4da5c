package dev.tritium.dse;

import java.nio.file.Path;

/** Paths of the shipped example sweeps (tests run with the dse module as working directory). */
public final class TestSweeps {

  private TestSweeps() {}

  public static Path examples() {
    Path p = Path.of("../examples").toAbsolutePath().normalize();
    return p;
  }

  public static Path small() {
    return examples().resolve("sweep-small.yaml");
  }

  public static Path edge() {
    return examples().resolve("sweep-edge-mac.yaml");
  }
}
