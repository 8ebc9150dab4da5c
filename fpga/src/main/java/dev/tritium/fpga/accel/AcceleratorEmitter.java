package dev.tritium.fpga.accel;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.doc.CHeaderGenerator;
import dev.tritium.isa.encoding.IsaSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates the HLS C99 of the whole accelerator an arch config describes, in the VTA structure: four modules,
 * each its own translation unit and its own HLS top function (fetch with decode and the LOOP.GEMM expander;
 * load; compute with the ternary MAC array, LUT core and vector unit; store), connected by command FIFOs and
 * dependency-token counters, sharing nothing but the five buffers, which each module takes as its own BRAM
 * ports. Field offsets come from tritium_isa.h, generated from {@link IsaSpec}; every size from
 * {@link AcceleratorConfig}; the C allocates nothing at run time. accel_sim.c is the C-simulation top that
 * owns the FIFOs, counters and buffers and schedules the modules (simulation only, never synthesised).
 */
public final class AcceleratorEmitter {

  /** The C-simulation top function the driver calls (simulation only). */
  public static final String TOP = "accel_top";

  /** The modules, each synthesised as its own top function {@code accel_<module>} from {@code <module>.c}. */
  public static final List<String> MODULES = List.of("fetch", "load", "compute", "store");

  /** The translation unit of pure helpers every module links (no variable lives in it). */
  public static final String UTIL = "accel_util.c";

  /** Sources for simulation and the host only: the scheduler top, the driver and the comparison. */
  public static final Set<String> SIMULATION_ONLY = Set.of("accel_sim.c", "driver.c", "compare.c");

  private AcceleratorEmitter() {}

  /** The top function of a module. */
  public static String topOf(String module) {
    return "accel_" + module;
  }

  /** The accelerator's sources (file name to text, headers first), then the simulation top, driver.c and compare.c. */
  public static Map<String, String> sources(AcceleratorConfig config) {
    String buffers = storagePragmas(config);
    Map<String, String> out = new LinkedHashMap<>();
    out.put("tritium_isa.h", CHeaderGenerator.generate());
    out.put("accel_isa_tables.h", IsaTables.header());
    out.put("accel_config.h", configHeader(config));
    out.put("accel.h", TopSource.HEADER);
    out.put("accel_util.h", CoreSource.UTIL_H);
    out.put("accel_modules.h", CoreSource.MODULES_H);
    out.put(UTIL, CoreSource.UTIL_C);
    out.put("fetch.c", FetchSource.FETCH);
    out.put("load.c", UnitSources.LOAD.replace("@@DMA_PORTS@@", UnitSources.DMA_PORTS)
        .replace("@@BUFFER_PRAGMAS@@", buffers));
    // joined at run time: as one compile-time constant the text would pass the class file's 64 KiB string limit
    out.put("compute.c", String.join("", UnitSources.COMPUTE_HEAD, UnitSources.MAC, IntGemmSources.INT_GEMM,
        BitPlaneSources.BP_GEMM, UnitSources.LUT, UnitSources.F16_CONVERT, UnitSources.F16_GEMM, UnitSources.VEC,
        IntGemmSources.INT_QUANT, BitPlaneSources.BP_QUANT, BitPlaneSources.LUT_BP, FloatGemmSources.FLOAT_GEMM, FloatGemmSources.CODE_GEMM, LutFloatSources.LUT_FLOAT, UnitSources.COMPUTE_TOP)
        .replace("@@BUFFER_PRAGMAS@@", buffers));
    out.put("store.c", UnitSources.STORE.replace("@@DMA_PORTS@@", UnitSources.DMA_PORTS)
        .replace("@@BUFFER_PRAGMAS@@", buffers));
    out.put("accel_sim.c", TopSource.SIM);
    out.put("driver.c", HostSources.DRIVER);
    out.put("compare.c", HostSources.COMPARE);
    return out;
  }

  /** Lines of the accelerator proper (the four modules, the helpers and the headers), for the README and the report. */
  public static int acceleratorLines(Map<String, String> sources) {
    int lines = 0;
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (!SIMULATION_ONLY.contains(e.getKey())) {
        lines += (int) e.getValue().lines().count();
      }
    }
    return lines;
  }

  /**
   * The buffer ports of a module that takes all five buffers: each a BRAM interface of the storage type the arch
   * gives it (true dual port with two or more ports), partitioned into the memory arrays fpga-fit counts, bound to
   * the primitive fpga-fit assigned it.
   */
  static String storagePragmas(AcceleratorConfig config) {
    StringBuilder sb = new StringBuilder();
    for (Buffer b : Buffer.values()) {
      String array = b.name().toLowerCase(Locale.ROOT) + "_mem";
      String storage = config.storage(b);
      sb.append("  HLS(interface bram port=").append(array).append(" storage_type=")
          .append(storage.substring("type=".length(), storage.indexOf(' '))).append(")\n");
      if (config.partitions(b) > 1) {
        sb.append("  HLS(array_partition variable=").append(array).append(" cyclic factor=")
            .append(config.partitions(b)).append(" dim=1)\n");
      }
      sb.append("  HLS(bind_storage variable=").append(array).append(' ').append(storage).append(")\n");
    }
    return sb.toString().stripTrailing();
  }

  static String configHeader(AcceleratorConfig c) {
    StringBuilder sb = new StringBuilder();
    sb.append("/* accel_config.h: every size of the accelerator, from arch '").append(c.archName())
        .append("'. Generated by dev.tritium.fpga.accel.AcceleratorEmitter. Do not edit. */\n")
        .append("#ifndef ACCEL_CONFIG_H\n#define ACCEL_CONFIG_H\n\n")
        .append("#define ACCEL_ARCH_NAME \"").append(c.archName().replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\"\n");
    define(sb, "ACCEL_CONFIG_TAG", String.format(Locale.ROOT, "0x%08xu", c.target().configTag()),
        "a program binary must carry this tag (IsaTarget.configTag)");
    define(sb, "ACCEL_CLOCK_MHZ", String.format(Locale.ROOT, "%.3f", c.clockMhz()), "target clock");
    sb.append('\n');
    for (Buffer b : Buffer.values()) {
      long bytes = c.bytes(b);
      define(sb, "ACCEL_" + b.name() + "_BYTES", bytes + "u", b.name() + " buffer capacity");
      // A C array cannot be empty: an arch without the buffer still gets one byte, never addressable.
      define(sb, "ACCEL_" + b.name() + "_ALLOC", Math.max(1, bytes) + "u", null);
      define(sb, "ACCEL_" + b.name() + "_PARTITIONS", c.partitions(b) + "u", "the memory arrays fpga-fit counts (SramFpgaCost.arrays)");
    }
    sb.append('\n');
    define(sb, "ACCEL_MAC_ROWS", c.macRows() + "u", "MAC array rows: inputs of a weight-stationary tile");
    define(sb, "ACCEL_MAC_COLS", c.macCols() + "u", "MAC array columns: outputs of a tile");
    define(sb, "ACCEL_MAC_FLOAT_ADDERS", c.target().macFloatAdderBits() + "u",
        "32 or 16: every PE also has an fp32 or fp16 adder, so the array runs GEMM.SF (mac_array.float_adders); 0: none");
    define(sb, "ACCEL_MAC_MASK_DECODE", (c.target().macMaskDecode() ? 1 : 0) + "u",
        "1: every PE also decodes a gated GEMM.SF's masks (CFG SF_GATE; mac_array.mask_decode)");
    define(sb, "ACCEL_MAC_INT_MULTIPLIERS", c.target().macIntMultiplierBits() + "u",
        "8 or 4: every PE also has an integer multiplier of that width, so the array runs GEMM.IW"
            + " (mac_array.int_multipliers); 0: none");
    define(sb, "ACCEL_MAC_BIT_PLANE", (c.target().macBitPlane() ? 1 : 0) + "u",
        "1: every PE also ANDs and popcounts bit-plane bytes, so the array runs GEMM.BP (mac_array.bit_plane)");
    define(sb, "ACCEL_LUT_BIT_PLANE", (c.target().lut().map(l -> l.bitPlane()).orElse(false) ? 1 : 0) + "u",
        "1: the LUT core also builds subset-sum tables of activation codes and looks weight bit planes up in them:"
            + " LUT.BUILD.BP / LUT.GEMM.BP (lut_core.bit_plane)");
    define(sb, "ACCEL_LUT_FLOAT_ADDERS", (c.target().lut().map(l -> l.floatAdders()).orElse(false) ? 1 : 0) + "u",
        "1: the LUT core's builder and accumulators also have fp32 adders: LUT.BUILD.F16 / LUT.GEMM.F16"
            + " (lut_core.float_adders: fp32)");
    define(sb, "ACCEL_LUT_GROUP_SIZE", c.lutGroupSize() + "u", "LUT core g (BIT_PLANES tables use it)");
    define(sb, "ACCEL_LUT_VARIANT", c.lutVariant().code() + "u", "LUT core table variant (" + c.lutVariant() + ")");
    define(sb, "ACCEL_LUT_SHARING_ROWS", c.lutSharingRows() + "u", "output rows sharing one table read");
    define(sb, "ACCEL_VEC_LANES", c.vectorLanes() + "u", "vector-unit lanes");
    sb.append('\n');
    define(sb, "ACCEL_CMD_QUEUE_DEPTH", AcceleratorConfig.COMMAND_QUEUE_DEPTH + "u",
        "instructions per command FIFO (the simulator's dispatcher capacity)");
    define(sb, "ACCEL_TOKEN_QUEUE_DEPTH", AcceleratorConfig.TOKEN_QUEUE_DEPTH + "u", "tokens a dependency counter holds");
    define(sb, "ACCEL_MAX_LUT_ENTRIES", "2187u", "3^7: the largest table LUT.BUILD's 3-bit group size allows");
    define(sb, "ACCEL_MAX_ROW_ELEMS", (1 << IsaSpec.TILE_DIM_BITS) + "u", "VEC len is a 14-bit field");
    sb.append("\n#endif /* ACCEL_CONFIG_H */\n");
    return sb.toString();
  }

  private static void define(StringBuilder sb, String name, String value, String comment) {
    sb.append("#define ").append(name).append(' ').append(value);
    if (comment != null) {
      sb.append(" /* ").append(comment).append(" */");
    }
    sb.append('\n');
  }
}
