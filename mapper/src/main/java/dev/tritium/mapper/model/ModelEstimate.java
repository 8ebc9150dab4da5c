package dev.tritium.mapper.model;

import java.util.List;

/**
 * A simulated model call (decode token or prefill).
 *
 * @param rows per report group, all layers summed: cycles (scaled to the overlapped whole-layer run) and
 *     dynamic energy (that of {@code groups})
 * @param groups per report group, its standalone timing-only run and its priced dynamic energy for the
 *     whole call (what {@code ModelEnergy} reprices and the report files list), in the order of {@code rows}
 * @param totalCycles simulated cycles of the whole call
 * @param clockMhz accelerator clock
 * @param tokens tokens the call produces (1 for decode, M for prefill)
 * @param layerCycles cycles of one simulated decoder layer (all layers share its shape)
 * @param layersCompiled distinct decoder layers compiled and simulated (1 when all layers share a shape)
 * @param chunkTokens tokens per chunk of the layer program
 * @param mapping a printable description of where each part runs
 * @param hostRuns the groups placed on the host CPU (their rows carry the host's time in accelerator cycles and
 *     no energy: the host's energy is not modelled)
 */
public record ModelEstimate(List<EstimateRow> rows, List<GroupRun> groups, long totalCycles, double clockMhz, int tokens, long layerCycles,
    int layersCompiled, int chunkTokens, String mapping, List<HostRun> hostRuns) {

  public ModelEstimate {
    rows = List.copyOf(rows);
    groups = List.copyOf(groups);
    hostRuns = List.copyOf(hostRuns);
  }

  /** Where a report group ran: {@code host} for groups placed on the host CPU, else {@code accelerator}. */
  public String placement(String group) {
    return hostRuns.stream().anyMatch(h -> h.group().equals(group)) ? "host" : "accelerator";
  }

  /**
   * DRAM bytes the whole call moves (read and written, useful bytes): every group's run times its repeats, and
   * what the host reads and writes for the groups placed on it.
   */
  public long dramBytes() {
    long bytes = 0;
    for (HostRun h : hostRuns) {
      bytes = Math.addExact(bytes, h.timing().dramBytes());
    }
    for (GroupRun g : groups) {
      var d = g.run().stats().dram();
      bytes = Math.addExact(bytes, Math.multiplyExact(d.bytesRead() + d.bytesWritten(), (long) g.repeats()));
    }
    return bytes;
  }

  /** The memory roofline of one token: its DRAM bytes at the peak bandwidth, in ms. */
  public double rooflineMsPerToken(double peakGBps) {
    return dramBytes() / (double) tokens / (peakGBps * 1e6);
  }

  public double totalMs() {
    return totalCycles / (clockMhz * 1000.0);
  }

  public double msPerToken() {
    return totalMs() / tokens;
  }

  public double tokensPerSecond() {
    return 1000.0 / msPerToken();
  }

  /** Dynamic energy of the whole call (all groups), pJ. */
  public double totalEnergyPj() {
    return rows.stream().mapToDouble(EstimateRow::energyPj).sum();
  }
}
