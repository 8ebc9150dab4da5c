package dev.tritium.mapper.report;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import java.io.PrintWriter;

/**
 * What {@code tritium estimate} adds per phase under its table: the energy split by compute and each
 * memory level, priced exactly as the table's energy column (the estimator's own accounting), so the
 * table's total equals the split's dynamic energy. Writing the report files is the command's business
 * ({@code ProfileFiles} in cli).
 */
public final class EstimateEnergy {

  private EstimateEnergy() {}

  /** Prices the estimated call as the estimator does and prints the split; returns the priced call. */
  public static ModelEnergyReport print(PrintWriter out, ModelEstimator estimator, LayerShape shape,
      ModelEstimate estimate) {
    ModelEnergyReport r = new ModelEnergy(estimator).run(shape, estimate);
    out.print(ReportTables.split(r));
    out.flush(); // print() does not flush an autoflush PrintWriter; the command may end right after
    return r;
  }
}
