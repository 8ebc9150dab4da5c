package dev.tritium.cli.report.model;

import java.util.List;

/**
 * Everything the report knows about one design: its identity and peaks, per-layer timing, energy and
 * area. Energy and area lists may be empty (those sections then say the input is missing).
 */
public record DesignProfile(DesignInfo info, List<LayerTiming> layers, List<EnergyRecord> energy,
    List<AreaRecord> area) {

  public DesignProfile {
    layers = List.copyOf(layers);
    energy = List.copyOf(energy);
    area = List.copyOf(area);
  }
}
