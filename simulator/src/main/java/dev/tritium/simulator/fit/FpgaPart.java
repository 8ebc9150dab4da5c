package dev.tritium.simulator.fit;

import dev.tritium.simulator.unit.FpgaResources;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * FPGA parts with their programmable-logic capacities from the vendor's published data sheets.
 *
 * <p>Sources: KV260 (Kria K26 SOM, device XCK26-SFVC784-2LV-C): AMD DS987 "Kria K26 SOM Data
 * Sheet" (PL resources table). ZCU104 (XCZU7EV-2FFVC1156): AMD DS891 "Zynq UltraScale+ MPSoC Data
 * Sheet: Overview", device table (ZU7EV). U280 (XCU280-FSVH2892-2L-E): AMD DS963 "Alveo U280 Data
 * Center Accelerator Card Data Sheet", card resources table. BRAM36 counts are 36 Kb blocks, URAM
 * 288 Kb blocks, DSP are DSP48E2 slices, LUT and FF are CLB LUT6s and flip-flops.
 */
public enum FpgaPart {
  KV260("kv260", "Kria KV260 (K26 SOM, Zynq UltraScale+ XCK26)", "xck26-sfvc784-2LV-c",
      new FpgaResources(117_120, 234_240, 1_248, 144, 64), "AMD DS987 Kria K26 SOM Data Sheet"),
  ZCU104("zcu104", "ZCU104 (Zynq UltraScale+ XCZU7EV)", "xczu7ev-ffvc1156-2-e",
      new FpgaResources(230_400, 460_800, 1_728, 312, 96), "AMD DS891 Zynq UltraScale+ MPSoC Overview (ZU7EV)"),
  U280("u280", "Alveo U280 (Virtex UltraScale+ XCU280, HBM2)", "xcu280-fsvh2892-2L-e",
      new FpgaResources(1_303_680, 2_607_360, 9_024, 2_016, 960), "AMD DS963 Alveo U280 Data Sheet");

  private final String key;
  private final String board;
  private final String partNumber;
  private final FpgaResources capacity;
  private final String citation;

  FpgaPart(String key, String board, String partNumber, FpgaResources capacity, String citation) {
    this.key = key;
    this.board = board;
    this.partNumber = partNumber;
    this.capacity = capacity;
    this.citation = citation;
  }

  /** Command-line name, e.g. {@code kv260}. */
  public String key() {
    return key;
  }

  public String board() {
    return board;
  }

  /** The Vivado / Vitis HLS part name. */
  public String partNumber() {
    return partNumber;
  }

  public FpgaResources capacity() {
    return capacity;
  }

  public String citation() {
    return citation;
  }

  /** The part named on the command line; unknown names list the known ones. */
  public static FpgaPart byName(String name) {
    for (FpgaPart p : values()) {
      if (p.key.equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown FPGA part '" + name + "': expected one of "
        + Arrays.stream(values()).map(FpgaPart::key).collect(Collectors.joining(", ")));
  }
}
