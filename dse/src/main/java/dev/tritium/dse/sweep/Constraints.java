package dev.tritium.dse.sweep;

import java.io.Serializable;

/**
 * Limits a design must meet; a point over a limit is recorded as {@code infeasible} with the reason.
 * Null means no limit (fields stay nullable so the spec serialises to Spark executors).
 *
 * @param maxAreaUm2 area_um2 must be <= this (checked before the point is simulated)
 * @param maxPowerW power_W must be <= this
 * @param fpgaPart the design must fit this FPGA part (fpga module's resource estimate)
 */
public record Constraints(Double maxAreaUm2, Double maxPowerW, String fpgaPart) implements Serializable {

  private static final long serialVersionUID = 1L;

  public static Constraints none() {
    return new Constraints(null, null, null);
  }
}
