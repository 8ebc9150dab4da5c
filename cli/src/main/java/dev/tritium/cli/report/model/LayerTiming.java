package dev.tritium.cli.report.model;

/**
 * One layer type of the chosen design running the workload (a row of DIR/layers.csv), summed over the
 * model's layers.
 *
 * @param layerType e.g. q_proj, attention, ffn_down, lm_head
 * @param latencyNs wall time charged to the layer type
 * @param computeNs part of it with the compute unit busy (compute-bound time)
 * @param memoryBoundNs part of it waiting on memory (DMA / DRAM)
 * @param ops operations performed (one add/subtract/MAC = 1 op; the roofline's numerator)
 * @param dramBytes bytes moved to or from DRAM (the roofline's denominator)
 */
public record LayerTiming(String layerType, double latencyNs, double computeNs, double memoryBoundNs, double ops,
    double dramBytes) {

  /** The rest of the latency: waiting on dependencies or idle. */
  public double otherNs() {
    return Math.max(0, latencyNs - computeNs - memoryBoundNs);
  }

  /** ops per DRAM byte; infinite when the layer moves no DRAM bytes. */
  public double intensityOpsPerByte() {
    return dramBytes > 0 ? ops / dramBytes : Double.POSITIVE_INFINITY;
  }

  /** Achieved throughput over the layer's latency. */
  public double opsPerSecond() {
    return latencyNs > 0 ? ops / (latencyNs * 1e-9) : 0;
  }
}
