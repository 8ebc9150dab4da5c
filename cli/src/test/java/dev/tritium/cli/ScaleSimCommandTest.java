package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleSimCommandTest extends CliTestBase {

  @TempDir Path dir;
  private Path cfg(String dataflow) throws IOException {
    return cfg(dataflow, "CALC", 64);
  }

  private Path cfg(String dataflow, String mode, int sramKb) throws IOException {
    return Files.writeString(dir.resolve("scale.cfg"), """
        [general]
        run_name = test_run

        [architecture_presets]
        ArrayHeight:    32
        ArrayWidth:     32
        IfmapSramSzkB:    %d
        FilterSramSzkB:   %d
        OfmapSramSzkB:    %d
        IfmapOffset:    0
        FilterOffset:   10000000
        OfmapOffset:    20000000
        Bandwidth : 10
        Dataflow : %s
        MemoryBanks:   1

        [run_presets]
        InterfaceBandwidth: %s
        """.formatted(sramKb, sramKb, sramKb, dataflow, mode));
  }

  @Test
  void writesScaleSimReportsAndPrintsNativeSideBySide() throws IOException {
    Path topo = Files.writeString(dir.resolve("alexnet_part.csv"),
        "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
            + "Conv1,  224, 224,    11, 11,    3,      96,     4,");
    Path outDir = dir.resolve("out");
    int code = run("scalesim", "--config", cfg("ws").toString(), "--topology", topo.toString(), "--out", outDir.toString(),
        "--python-sum", "sequential");
    assertEquals(0, code, err.toString());
    // SCALE-Sim v2's golden COMPUTE_REPORT.csv for this config and topology (made under CPython <= 3.11).
    assertEquals("LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n"
        + "0, 112283, 0, 91.68309650614964, 94.53125, 90.78000992063485,\n",
        Files.readString(outDir.resolve("COMPUTE_REPORT.csv")));
    // SCALE-Sim v2's golden BANDWIDTH_REPORT.csv and DETAILED_ACCESS_REPORT.csv of the same run
    // (test/golden_trace in its repository): the CALC-mode DRAM estimate of an overlapping-window conv.
    assertEquals("LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, "
        + "Avg FILTER DRAM BW, Avg OFMAP DRAM BW,\n"
        + "0, 29.338590881967885, 0.31035864734643714, 31.035864734643713, 15.686576632947475, "
        + "0.3280954308794592, 31.243441697000126,\n", Files.readString(outDir.resolve("BANDWIDTH_REPORT.csv")));
    assertEquals("LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, SRAM Filter Start Cycle, "
        + "SRAM Filter Stop Cycle, SRAM Filter Reads, SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, "
        + "SRAM OFMAP Writes, DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, "
        + "DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, DRAM OFMAP Start Cycle, "
        + "DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,\n"
        + "0, 33.0, 112176.0, 3294225, 1.0, 109197.0, 34848, 63.0, 112283.0, 3484800, -3243.0, 111824.0, 1805023, "
        + "-3275.0, 102937.0, 34848, 1102.0, 112639.0, 3484831,\n",
        Files.readString(outDir.resolve("DETAILED_ACCESS_REPORT.csv")));
    assertTrue(Files.readString(outDir.resolve("NATIVE_VS_COMPATIBLE.csv"))
        .startsWith("layer_id,layer_name,dataflow,array_rows,array_cols,folds,scalesim_total_cycles,native_total_cycles"));
    String printed = out.toString();
    assertTrue(printed.contains("112283"), printed);
    assertTrue(printed.contains("native_cycles"), printed);
  }

  @Test
  void badInputIsOneLineUserError() throws IOException {
    Path topo = Files.writeString(dir.resolve("t.csv"), "Layer, M, N, K,\nffn, 1, 6912,\n");
    int code = run("scalesim", "--config", cfg("ws").toString(), "--topology", topo.toString(),
        "--out", dir.resolve("o").toString());
    assertEquals(TritiumCommand.EXIT_USER_ERROR, code);
    assertTrue(err.toString().startsWith("tritium: error: " + topo + " line 2: expected 4 values"), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    code = run("scalesim", "--config", cfg("xs").toString(), "--topology", topo.toString(), "--out", dir.toString());
    assertEquals(TritiumCommand.EXIT_USER_ERROR, code);
    assertTrue(err.toString().contains("Dataflow must be ws, os or is"), err.toString());
  }

  @Test
  void userModePrintsScaleSimStallsBesideTheNativeSchedule() throws IOException {
    // The grid point user_ws_16x16_s8_bw4 with the conv, rebuilt here on a 32x32 array at 2 kB: SCALE-Sim's
    // USER mode stalls, so Total = stall-free total + Stall; the native column stays stall-free.
    Path topo = Files.writeString(dir.resolve("conv.csv"),
        "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n"
            + "conv, 14, 14, 3, 3, 16, 32, 1,\n");
    Path outDir = dir.resolve("user");
    assertEquals(0, run("scalesim", "--config", cfg("ws", "USER", 2).toString(), "--topology", topo.toString(),
        "--out", outDir.toString()), err.toString());
    String[] compute = Files.readAllLines(outDir.resolve("COMPUTE_REPORT.csv")).get(1).split(", ");
    long total = Long.parseLong(compute[1]);
    long stall = Long.parseLong(compute[2]);
    // ws, 32x32: K = 144 -> 5 row folds, N = 32 -> 1 column fold; lines = 64 + 32 + 144 - 2 = 238.
    assertEquals(5 * 238 - 1, total - stall);
    assertTrue(stall > 0, "2 kB at 10 words per cycle stalls");
    String printed = out.toString();
    assertTrue(printed.contains("InterfaceBandwidth USER: 10 words"), printed);
    assertTrue(printed.contains(" " + stall + " "), printed);
    assertTrue(Files.readString(outDir.resolve("DETAILED_ACCESS_REPORT.csv")).startsWith("LayerID, SRAM IFMAP"));
    // The native comparison is of schedules alone: saved = (Total - Stall) - native; the stalls are listed.
    String[] nat = Files.readAllLines(outDir.resolve("NATIVE_VS_COMPATIBLE.csv")).get(1).split(",");
    long nativeCycles = Long.parseLong(nat[7]);
    assertEquals(total, Long.parseLong(nat[6]));
    assertEquals(total - stall - nativeCycles, Long.parseLong(nat[8]));
    assertEquals(stall, Long.parseLong(nat[10]));
  }

  @Test
  void aLayerBeyondTheDemandLineCapIsOneLineUserError() throws IOException {
    // ws on a 1x1 array: 2000 x 2000 folds of 2001 lines, 8e9 demand lines > 2^30.
    Path topo = Files.writeString(dir.resolve("huge.csv"), "Layer, M, N, K,\nhuge, 2000, 2000, 2000,\n");
    Path small = Files.writeString(dir.resolve("one.cfg"), Files.readString(cfg("ws"))
        .replace("ArrayHeight:    32", "ArrayHeight:    1").replace("ArrayWidth:     32", "ArrayWidth:     1"));
    int code = run("scalesim", "--config", small.toString(), "--topology", topo.toString(),
        "--out", dir.resolve("o").toString());
    assertEquals(TritiumCommand.EXIT_USER_ERROR, code);
    assertTrue(err.toString().startsWith("tritium: error: " + topo + ": layer 0 'huge': the memory model walks"),
        err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertTrue(!Files.exists(dir.resolve("o").resolve("COMPUTE_REPORT.csv")), "no partial output");
  }

  /** An --out that is a file says so (the message used to be the bare path). */
  @Test
  void outIsAFileSaysSo() throws IOException {
    Path topo = Files.writeString(dir.resolve("g.csv"), "Layer, M, N, K,\nq, 1, 64, 64,\n");
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertEquals(2, run("scalesim", "--config", cfg("ws").toString(), "--topology", topo.toString(),
        "--topology-format", "gemm", "--out", file.toString()));
    assertTrue(err.toString().startsWith("tritium: error: " + file + ": exists and is not a directory"), err.toString());
  }
}
