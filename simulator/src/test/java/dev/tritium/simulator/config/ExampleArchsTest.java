package dev.tritium.simulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.unit.mac.FloatAdders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example archs under examples/arch load through the strict reader, each named as its file, and differ from the
 * edge-fpga preset where their comments say: fp32 or fp16 adders in the MAC array, a 512 KiB VEC, a sparse unit,
 * int8 weight multipliers, bit-plane PEs.
 */
class ExampleArchsTest {

  private static final Path DIR = Path.of("..", "examples", "arch");

  @Test
  void everyExampleLoadsUnderItsFileName() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      ArchConfig a = ArchConfigs.load(f);
      assertEquals(f.getFileName().toString().replace(".yaml", ""), a.name(), f.toString());
      assertEquals(524_288, a.buffer("output").sizeBytes(), f + ": the sign-add path's VEC");
    }
    assertEquals(FloatAdders.FP32, ArchConfigs.load(DIR.resolve("edge-fpga-fp32-adders.yaml")).macArray().floatAdders());
    assertEquals(FloatAdders.FP16, ArchConfigs.load(DIR.resolve("edge-fpga-fp16-adders.yaml")).macArray().floatAdders());
    assertEquals(64, ArchConfigs.load(DIR.resolve("edge-fpga-sparse-unit.yaml")).sparseUnit().lanes());
    assertEquals(dev.tritium.simulator.unit.mac.IntMultipliers.INT8,
        ArchConfigs.load(DIR.resolve("edge-fpga-int8-macs.yaml")).macArray().intMultipliers());
    assertTrue(ArchConfigs.load(DIR.resolve("edge-fpga-bit-plane.yaml")).macArray().bitPlane());
    assertFalse(ArchConfigs.load(DIR.resolve("edge-fpga-int8-macs.yaml")).macArray().bitPlane());
    // one design runs abq-wpaq on both units: GEMM.BP's PEs and the LUT core's bit-plane tables next to its variant
    ArchConfig every = ArchConfigs.load(DIR.resolve("edge-fpga-every-format.yaml"));
    assertTrue(every.macArray().bitPlane() && every.lutCore().bitPlane());
    assertEquals(dev.tritium.isa.LutVariant.TERNARY_BASE3, every.lutCore().variant());
    assertFalse(ArchConfigs.load(DIR.resolve("edge-fpga-bit-plane.yaml")).lutCore().bitPlane());
  }
}
