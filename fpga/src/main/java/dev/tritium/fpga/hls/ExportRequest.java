package dev.tritium.fpga.hls;

import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import java.util.Objects;

/**
 * One export: which design (arch, unit, optional packing), which layer of which model, at what
 * scale, with which seed, for which FPGA part (the part only goes into run_hls.tcl).
 *
 * @param unit null: the mapper's tiling search chooses
 * @param packing null: the mapper chooses (the LUT core always reads its own layout)
 * @param scaleDown divides every model dimension (hidden, FFN, q/kv widths), floor, at least 1
 * @param tokens tokens per call (M)
 */
public record ExportRequest(ArchConfig arch, ModelConfig model, ExportLayer layer, ComputeUnit unit, Packing packing,
    long seed, int scaleDown, int tokens, FpgaPart part) {

  public ExportRequest {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(part, "part");
    if (scaleDown < 1) {
      throw new IllegalArgumentException("--scale-down must be >= 1, got " + scaleDown);
    }
    if (tokens < 1 || tokens > 64) {
      throw new IllegalArgumentException("--tokens must be in 1..64, got " + tokens);
    }
  }

  /** A model dimension after scaling down. */
  int scaled(int dim) {
    return Math.max(1, dim / scaleDown);
  }
}
