package dev.tritium.mapper.run;

import dev.tritium.mapper.crosscheck.CrossCheckReport;
import java.util.List;

/**
 * Maps one kind of layer for the CLI. {@link LayerMappers} holds one per layer name; other mappers
 * (decoder layers, whole models) register theirs there.
 */
public interface LayerMapper {

  /** Maps and simulates (timing-only) the layer. */
  MapOutcome map(LayerRequest request);

  /** Cross-checks the layer against the reference engine (one report per checked piece). */
  List<CrossCheckReport> crosscheck(LayerRequest request);
}
