package dev.tritium.simulator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made arch YAML files written by the tests (so that the file path of the loader is exercised). */
public final class TestArchs {

  private TestArchs() {}

  /**
   * A small arch: {@code rows} x {@code cols} array with {@code accBits}-bit accumulators, a LUT core of
   * group size g / variant / lookups / sharing, 2 vector lanes, small buffers (numbers chosen for the
   * hand computations in FpgaFitTest), 1 load and 1 store DMA channel.
   */
  public static String yaml(String name, int rows, int cols, int accBits, int g, String variant, int lookups,
      int sharing) {
    return "name: " + name + "\n"
        + "clock_mhz: 200\n"
        + "technology_node_nm: 16\n"
        + "mac_array:\n"
        + "  rows: " + rows + "\n"
        + "  cols: " + cols + "\n"
        + "  dataflow: ws\n"
        + "  accumulator_bits: " + accBits + "\n"
        + "lut_core:\n"
        + "  group_size: " + g + "\n"
        + "  table_entry_bits: 16\n"
        + "  tables_built_per_cycle: 1\n"
        + "  lookups_per_cycle: " + lookups + "\n"
        + "  variant: " + variant + "\n"
        + "  table_sharing_rows: " + sharing + "\n"
        + "vector_unit:\n"
        + "  lanes: 2\n"
        + "  op_latency_cycles: 4\n"
        + "  op_initiation_interval_cycles: 1\n"
        + "buffers:\n"
        + "  weight:\n    size_bytes: 8192\n    banks: 2\n    ports: 2\n    width_bits: 128\n"
        + "  activation:\n    size_bytes: 4096\n    banks: 1\n    ports: 2\n    width_bits: 64\n"
        + "  accumulator:\n    size_bytes: 2048\n    banks: 1\n    ports: 2\n    width_bits: " + (cols * accBits) + "\n"
        + "  lut:\n    size_bytes: 4096\n    banks: 4\n    ports: 4\n    width_bits: 32\n"
        + "  output:\n    size_bytes: 4096\n    banks: 1\n    ports: 2\n    width_bits: 64\n"
        + "dram:\n  kind: ddr4\n  peak_bandwidth_GBps: 19.2\n  latency_ns: 100\n  burst_bytes: 64\n"
        + "dma:\n  load_channels: 1\n  store_channels: 1\n  max_outstanding: 4\n  descriptor_overhead_cycles: 10\n";
  }

  /** Writes the YAML into dir and loads it through ArchConfigs.resolve (the CLI's path). */
  public static ArchConfig write(Path dir, String yaml) throws IOException {
    String name = yaml.substring(6, yaml.indexOf('\n'));
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return ArchConfigs.resolve(file.toString());
  }
}
