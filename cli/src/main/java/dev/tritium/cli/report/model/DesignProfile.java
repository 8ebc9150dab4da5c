package dev.tritium.cli.report.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything the report knows about one design. Each part may be missing (its section then says so):
 * the roofline needs {@code info} and {@code layers}, the latency bars {@code layers}, the energy charts
 * {@code energy}.
 *
 * @param name what to call the design in the page (design.json's name, else totals.json's arch)
 * @param info identity and peaks (design.json)
 * @param layers per layer type timing (layers.csv)
 * @param energy energy rows (energy.csv)
 * @param area area per unit (area.csv)
 */
public record DesignProfile(String name, Optional<DesignInfo> info, List<LayerTiming> layers,
    List<EnergyRecord> energy, List<AreaRecord> area) {

  public DesignProfile {
    layers = List.copyOf(layers);
    energy = List.copyOf(energy);
    area = List.copyOf(area);
  }
}
