package dev.tritium.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One small SCALE-Sim run, the {@code scalesim} arguments for a 1 x 2560 x 2560 GEMM layer on a 32 x 32
 * weight-stationary array: what {@code bench startup} times as a whole process and what the launcher's class-data
 * training runs, so that the archive holds every class that command loads (its config and topology readers, buffer
 * models and report writers) and the timed start maps them rather than loading them from the jar.
 */
public final class SmallScaleSimLayer {

  private SmallScaleSimLayer() {}

  /** Writes the config and topology into {@code dir} and returns the arguments after the command name. */
  public static List<String> arguments(Path dir) throws IOException {
    Path cfg = Files.writeString(dir.resolve("s.cfg"), "[general]\nrun_name = s\n\n[architecture_presets]\n"
        + "ArrayHeight: 32\nArrayWidth: 32\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\n"
        + "IfmapOffset: 0\nFilterOffset: 10000000\nOfmapOffset: 20000000\nBandwidth: 10\nDataflow: ws\n"
        + "MemoryBanks: 1\n\n[run_presets]\nInterfaceBandwidth: CALC\n");
    Path topo = Files.writeString(dir.resolve("t.csv"), "Layer, M, N, K,\nq, 1, 2560, 2560,\n");
    return List.of("--config", cfg.toString(), "--topology", topo.toString(), "--topology-format", "gemm", "--out",
        dir.resolve("out").toString());
  }
}
