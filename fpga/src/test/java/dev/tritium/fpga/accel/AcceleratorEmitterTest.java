package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.BufferMapping;
import dev.tritium.simulator.fit.FpgaFit;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated C compiles under the strict flags for every arch preset and takes its sizes from the arch. */
class AcceleratorEmitterTest {

  static final FpgaPart KV260 = FpgaPart.byName("kv260");

  @TempDir Path tmp;

  private static Path write(Path dir, Map<String, String> sources) throws Exception {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    return dir;
  }

  private static long define(String header, String name) {
    Matcher m = Pattern.compile("#define " + name + " (\\d+)u").matcher(header);
    assertTrue(m.find(), name + " missing");
    return Long.parseLong(m.group(1));
  }

  @Test
  void everyPresetPassesTheStrictFlags() throws Exception {
    for (String preset : ArchConfigs.presetNames()) {
      Path dir = write(tmp.resolve(preset), AcceleratorEmitter.sources(AcceleratorConfig.of(ArchConfigs.preset(preset), KV260)));
      List<String> cmd = new ArrayList<>(List.of("gcc"));
      cmd.addAll(List.of(AcceleratorProject.CFLAGS.split(" ")));
      // Syntax and types only: the full -O1 build of the same C runs in every csim test.
      cmd.add("-fsyntax-only");
      cmd.addAll(AcceleratorEmitter.sources(AcceleratorConfig.of(ArchConfigs.preset(preset), KV260)).keySet().stream()
          .filter(f -> f.endsWith(".c")).toList());
      AccelSim.Run r = AccelSim.run(dir, cmd);
      assertEquals(0, r.exitCode(), preset + ":\n" + r.output());
    }
  }

  @Test
  void sizesComeFromTheArchConfig() {
    for (String preset : ArchConfigs.presetNames()) {
      ArchConfig arch = ArchConfigs.preset(preset);
      String h = AcceleratorEmitter.sources(AcceleratorConfig.of(arch, KV260)).get("accel_config.h");
      assertEquals(arch.buffers().get("weight").sizeBytes(), define(h, "ACCEL_WGT_BYTES"), preset);
      assertEquals(arch.buffers().get("activation").sizeBytes(), define(h, "ACCEL_ACT_BYTES"), preset);
      assertEquals(arch.buffers().get("accumulator").sizeBytes(), define(h, "ACCEL_ACC_BYTES"), preset);
      assertEquals(arch.buffers().get("output").sizeBytes(), define(h, "ACCEL_VEC_BYTES"), preset);
      assertEquals(arch.macArray().rows(), define(h, "ACCEL_MAC_ROWS"), preset);
      assertEquals(arch.macArray().cols(), define(h, "ACCEL_MAC_COLS"), preset);
      assertEquals(arch.lutCore().groupSize(), define(h, "ACCEL_LUT_GROUP_SIZE"), preset);
      assertEquals(arch.vectorUnit().lanes(), define(h, "ACCEL_VEC_LANES"), preset);
    }
  }

  /** The C of one file as Vitis sees it (-D__SYNTHESIS__) or as gcc does. */
  private static String preprocessed(Path dir, String file, boolean vitis) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c99", "-E"));
    if (vitis) {
      cmd.add("-D__SYNTHESIS__");
    }
    cmd.add(file);
    AccelSim.Run r = AccelSim.run(dir, cmd);
    assertEquals(0, r.exitCode(), file + ": " + r.output());
    return r.output();
  }

  @Test
  void pragmasReachVitisOnlyAndPartitionByBanksAndPorts() throws Exception {
    ArchConfig arch = ArchConfigs.preset("edge-fpga");
    Map<String, String> sources = AcceleratorEmitter.sources(AcceleratorConfig.of(arch, KV260));
    Path dir = write(tmp.resolve("pp"), sources);
    for (String f : sources.keySet().stream().filter(f -> f.endsWith(".c")).toList()) {
      assertFalse(preprocessed(dir, f, false).contains("#pragma HLS"), f + ": gcc must never see an HLS pragma");
      // the modules are separate IPs: no dataflow region over them, no stream pragma on a shared queue
      assertFalse(preprocessed(dir, f, true).contains("#pragma HLS dataflow"), f);
    }
    // the simulation top is synthesised only as the co-simulation wrapper: its ports, nothing else
    String simTop = preprocessed(dir, "accel_sim.c", true);
    assertTrue(simTop.contains("#pragma HLS interface m_axi port=insns offset=slave bundle=ins_port"), simTop);
    assertTrue(simTop.contains("#pragma HLS interface m_axi port=dram offset=slave bundle=data_port"), simTop);
    assertEquals(7, simTop.lines().filter(l -> l.contains("#pragma HLS")).count(), "accel_top's seven interface pragmas");
    assertEquals(7, simTop.lines().filter(l -> l.contains("#pragma HLS interface")).count());
    assertFalse(preprocessed(dir, "accel_util.c", true).contains("#pragma HLS interface"), "helpers have no ports");
    Map<String, List<String>> expected = Map.of(
        "fetch.c", List.of("interface m_axi port=insns offset=slave bundle=ins_port", "interface axis port=load_cmd",
            "interface axis port=compute_cmd", "interface axis port=store_cmd", "interface ap_none port=cmd_room",
            "interface s_axilite port=status bundle=control"),
        "load.c", List.of("interface axis port=cmd", "interface ap_none port=tokens_ready",
            "interface ap_vld port=handshake", "interface m_axi port=dram offset=slave bundle=data_port",
            "pipeline II=1"),
        "compute.c", List.of("interface axis port=cmd", "interface ap_none port=tokens_ready",
            "interface ap_vld port=handshake", "pipeline II=1", "array_partition variable=wt complete dim=0"),
        "store.c", List.of("interface axis port=cmd", "interface ap_vld port=handshake",
            "interface m_axi port=dram offset=slave bundle=data_port", "pipeline II=1"));
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      String pp = preprocessed(dir, e.getKey(), true);
      for (String pragma : e.getValue()) {
        assertTrue(pp.contains("#pragma HLS " + pragma), e.getKey() + ": " + pragma);
      }
      assertEquals(e.getKey().equals("fetch.c") ? 0 : 5, count(pp, "#pragma HLS interface bram port="), e.getKey());
    }
    assertFalse(sources.get("fetch.c").contains("_mem"), "fetch has no buffer port");
    // the memory arrays fpga-fit counts, so estimate and prototype partition the same memories, on every buffer port
    for (String module : List.of("load.c", "compute.c", "store.c")) {
      String pp = preprocessed(dir, module, true);
      for (String[] b : new String[][] {{"activation", "act_mem"}, {"lut", "lut_mem"}, {"output", "vec_mem"}}) {
        SramBufferConfig c = arch.buffers().get(b[0]);
        int factor = dev.tritium.simulator.unit.sram.SramFpgaCost.arrays(c);
        if (factor > 1) {
          assertTrue(pp.contains("#pragma HLS array_partition variable=" + b[1] + " cyclic factor=" + factor + " dim=1"),
              module + " " + b[1] + " factor " + factor);
        } else {
          assertFalse(pp.contains("array_partition variable=" + b[1]), module + " " + b[1]);
        }
        assertTrue(pp.contains("#pragma HLS interface bram port=" + b[1] + " storage_type=ram_t2p"), module + " " + b[1]);
      }
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void blockRamBuffersAreBoundToTheMemoriesFpgaFitCounted() {
    for (String partName : List.of("kv260", "u280")) {
      FpgaPart part = FpgaPart.byName(partName);
      ArchConfig arch = ArchConfigs.preset("edge-fpga");
      Map<String, String> sources = AcceleratorEmitter.sources(AcceleratorConfig.of(arch, part));
      Map<String, String> arrays = Map.of("weight", "wgt_mem", "activation", "act_mem", "accumulator", "acc_mem",
          "output", "vec_mem");
      for (String module : List.of("load.c", "compute.c", "store.c")) {
        String c = sources.get(module);
        for (BufferMapping m : FpgaFit.estimate(arch, part).buffers()) {
          String impl = m.memory() == BufferMapping.Memory.URAM ? "uram" : "bram";
          assertTrue(c.contains("HLS(bind_storage variable=" + arrays.get(m.buffer()) + " type=ram_t2p impl=" + impl
              + ")"), partName + " " + module + " " + m.buffer() + " " + impl);
        }
        assertTrue(c.contains("HLS(bind_storage variable=lut_mem type=ram_t2p impl=lutram)"), module + ": lut in LUTRAM");
      }
    }
  }

  @Test
  void edgeDefaultAcceleratorSize() {
    Map<String, String> s = AcceleratorEmitter.sources(AcceleratorConfig.of(ArchConfigs.preset("edge-fpga"), KV260));
    int lines = AcceleratorEmitter.acceleratorLines(s);
    // the modules, their helpers and the headers; accel_sim.c, driver.c and compare.c are simulation and host code.
    long expected = s.entrySet().stream().filter(e -> !AcceleratorEmitter.SIMULATION_ONLY.contains(e.getKey()))
        .mapToLong(e -> e.getValue().split("\n", -1).length - 1).sum();
    assertEquals(expected, lines);
    // the upper bound grew from 4000 to 4500 with LUT.BUILD.BP and LUT.GEMM.BP (about 150 lines of compute.c)
    assertTrue(lines > 1500 && lines < 4500, "edge-fpga accelerator is " + lines + " lines");
  }

  /**
   * The prototype and fpga-fit instantiate the same memories on every preset: each buffer is partitioned into the
   * arrays the estimate counts, bound to the primitive the estimate assigned, and every block-RAM array gets at least
   * one primitive in the estimate.
   */
  @Test
  void prototypeAndEstimateInstantiateTheSameMemories() {
    for (String name : ArchConfigs.presetNames()) {
      ArchConfig arch = ArchConfigs.preset(name);
      AcceleratorConfig config = AcceleratorConfig.of(arch, KV260);
      var fit = FpgaFit.estimate(arch, KV260);
      for (dev.tritium.isa.Buffer b : dev.tritium.isa.Buffer.values()) {
        String bufferName = dev.tritium.simulator.engine.Machine.configBufferName(b);
        SramBufferConfig c = arch.buffers().get(bufferName);
        if (c == null) {
          continue;
        }
        assertEquals(dev.tritium.simulator.unit.sram.SramFpgaCost.arrays(c), config.partitions(b), name + " " + b);
        var mapped = fit.buffers().stream().filter(m -> m.buffer().equals(bufferName)).findFirst();
        if (c.registers()) {
          assertTrue(mapped.isEmpty() && config.storage(b).endsWith("impl=lutram"), name + " " + b);
        } else {
          BufferMapping m = mapped.orElseThrow();
          assertTrue(config.storage(b).endsWith(m.memory() == BufferMapping.Memory.URAM ? "impl=uram" : "impl=bram"),
              name + " " + b + ": " + config.storage(b));
          assertTrue(m.primitives() >= config.partitions(b), name + " " + b + ": " + m.primitives() + " primitives for "
              + config.partitions(b) + " arrays");
        }
      }
    }
  }
}
