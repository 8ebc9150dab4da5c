package dev.tritium.cli.report.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The chosen design's identity and peaks (DIR/design.json).
 *
 * @param name arch name (preset or file)
 * @param pointId the sweep point it is, when written for a sweep
 * @param workload one line describing the workload
 * @param peakOpsPerS the compute roof of the roofline
 * @param peakDramGBps the bandwidth slope of the roofline, in 10^9 bytes/s
 * @param parameters design knobs shown in the parameter table (key to value text)
 */
public record DesignInfo(String name, OptionalLong pointId, String workload, double clockMhz, double peakOpsPerS,
    double peakDramGBps, Map<String, String> parameters) {

  public DesignInfo {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Operational intensity where the bandwidth slope meets the compute roof. */
  public double ridgeOpsPerByte() {
    return peakOpsPerS / (peakDramGBps * 1e9);
  }
}
