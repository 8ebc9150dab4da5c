package dev.tritium.mapper.report;

import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.model.ModelEstimate;
import dev.tritium.mapper.model.ModelEstimator;
import dev.tritium.mapper.schedule.ProjectionLowering.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code tritium estimate} adds per phase: the energy split by compute and each memory level
 * under its table, and with {@code --report DIR} the files of {@link ReportFiles}. Priced with the
 * default cost preset at the arch's own node.
 */
public final class EstimateEnergy {

  private EstimateEnergy() {}

  /**
   * Prices the estimated call, prints the split and, when {@code reportDir} is not null, writes
   * energy.csv, area.csv and totals.json there.
   */
  public static ModelEnergyReport printAndWrite(PrintWriter out, ModelConfig c, ArchConfig arch, ComputeUnit unit,
      ModelEstimator estimator, LayerShape shape, ModelEstimate estimate, Path reportDir) throws IOException {
    CostModel cost = CostModel.preset(CostModel.DEFAULT_PRESET, arch.technologyNodeNm());
    ModelEnergyReport r = new ModelEnergy(c, arch, unit, cost, estimator).run(shape, estimate);
    out.print(ReportTables.split(r));
    if (reportDir != null) {
      List<Path> files = ReportFiles.write(r, reportDir);
      out.println("  wrote " + files.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
    }
    out.flush(); // print() does not flush an autoflush PrintWriter; the command may end right after
    return r;
  }
}
