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
      cmd.addAll(List.of("-fsyntax-only", "accel.c", "driver.c", "compare.c"));
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

  @Test
  void pragmasReachVitisOnlyAndPartitionByBanksAndPorts() throws Exception {
    ArchConfig arch = ArchConfigs.preset("edge-fpga");
    Path dir = write(tmp.resolve("pp"), AcceleratorEmitter.sources(AcceleratorConfig.of(arch, KV260)));
    AccelSim.Run plain = AccelSim.run(dir, List.of("gcc", "-std=c99", "-E", "accel.c"));
    assertEquals(0, plain.exitCode(), plain.output());
    assertFalse(plain.output().contains("#pragma HLS"), "gcc must never see an HLS pragma");
    AccelSim.Run hls = AccelSim.run(dir, List.of("gcc", "-std=c99", "-E", "-D__SYNTHESIS__", "accel.c"));
    assertEquals(0, hls.exitCode(), hls.output());
    String pp = hls.output();
    for (String pragma : List.of("dataflow", "stream variable=cmd_queues depth=64", "pipeline II=1",
        "array_partition variable=wt complete dim=0")) {
      assertTrue(pp.contains("#pragma HLS " + pragma), pragma);
    }
    // the memory arrays fpga-fit counts, so estimate and prototype partition the same memories
    for (String[] b : new String[][] {{"activation", "act_mem"}, {"lut", "lut_mem"}, {"output", "vec_mem"}}) {
      SramBufferConfig c = arch.buffers().get(b[0]);
      int factor = dev.tritium.simulator.unit.sram.SramFpgaCost.arrays(c);
      if (factor > 1) {
        assertTrue(pp.contains("#pragma HLS array_partition variable=" + b[1] + " cyclic factor=" + factor + " dim=1"),
            b[1] + " factor " + factor);
      } else {
        assertFalse(pp.contains("array_partition variable=" + b[1]), b[1]);
      }
    }
  }

  @Test
  void blockRamBuffersAreBoundToTheMemoriesFpgaFitCounted() {
    for (String partName : List.of("kv260", "u280")) {
      FpgaPart part = FpgaPart.byName(partName);
      ArchConfig arch = ArchConfigs.preset("edge-fpga");
      String c = AcceleratorEmitter.sources(AcceleratorConfig.of(arch, part)).get("accel.c");
      Map<String, String> arrays = Map.of("weight", "wgt_mem", "activation", "act_mem", "accumulator", "acc_mem",
          "output", "vec_mem");
      for (BufferMapping m : FpgaFit.estimate(arch, part).buffers()) {
        String impl = m.memory() == BufferMapping.Memory.URAM ? "uram" : "bram";
        assertTrue(c.contains("HLS(bind_storage variable=" + arrays.get(m.buffer()) + " type=ram_t2p impl=" + impl
            + ")"), partName + " " + m.buffer() + " " + impl);
      }
      assertTrue(c.contains("HLS(bind_storage variable=lut_mem type=ram_t2p impl=lutram)"), "lut in LUTRAM");
    }
  }

  @Test
  void edgeDefaultAcceleratorSize() {
    Map<String, String> s = AcceleratorEmitter.sources(AcceleratorConfig.of(ArchConfigs.preset("edge-fpga"), KV260));
    int lines = AcceleratorEmitter.acceleratorLines(s);
    // accel.c and its four headers; driver.c and compare.c are host code and not counted.
    long expected = s.entrySet().stream().filter(e -> !e.getKey().equals("driver.c") && !e.getKey().equals("compare.c"))
        .mapToLong(e -> e.getValue().split("\n", -1).length - 1).sum();
    assertEquals(expected, lines);
    assertTrue(lines > 1500 && lines < 4000, "edge-fpga accelerator is " + lines + " lines");
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
