package dev.tritium.mapper.model;

import java.util.List;

/**
 * A simulated model call (decode token or prefill).
 *
 * @param rows per report group, all layers summed
 * @param totalCycles simulated cycles of the whole call
 * @param clockMhz accelerator clock
 * @param tokens tokens the call produces (1 for decode, M for prefill)
 * @param layerCycles cycles of one simulated decoder layer (all layers share its shape)
 * @param layersCompiled distinct decoder layers compiled and simulated (1 when all layers share a shape)
 * @param chunkTokens tokens per chunk of the layer program
 * @param mapping a printable description of where each part runs
 */
public record ModelEstimate(List<EstimateRow> rows, long totalCycles, double clockMhz, int tokens, long layerCycles,
    int layersCompiled, int chunkTokens, String mapping) {

  public ModelEstimate {
    rows = List.copyOf(rows);
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

  public double totalEnergyPj() {
    return rows.stream().mapToDouble(EstimateRow::energyPj).sum();
  }
}
