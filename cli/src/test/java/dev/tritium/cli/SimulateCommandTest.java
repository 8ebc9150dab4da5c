package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Store;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.asm.Disassembler;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest extends CliTestBase {

  @TempDir Path dir;
  /** A 256 x 512 BitLinear for one token as one LOOP.GEMM (4 tiles of 64 rows), then the store. */
  private static List<Instruction> bitLinear() {
    long rowBytes = Packing.TWO_BIT.packedRowBytes(512);
    return List.of(
        new LoopWeights(Deps.NONE, 0, rowBytes, 0, 64 * rowBytes),
        new LoopBounds(Deps.NONE, 1, 256, 512, 64, 512, ComputeUnit.MAC, Packing.TWO_BIT),
        new LoopGemm(new Deps(false, false, false, true), 0, 0, 0, false, false, false),
        new Store(new Deps(true, false, false, false), Buffer.ACC, 0, 1L << 30, 1, 1024, 1024),
        new Finish(Deps.NONE));
  }

  @Test
  void timingOnlyRunPrintsUnitStatsAndWritesTraces() throws IOException {
    Path asm = Files.writeString(dir.resolve("layer.asm"), Disassembler.toText(bitLinear()));
    Path json = dir.resolve("t.json");
    Path csv = dir.resolve("t.csv");
    int code = run("simulate", "--arch", "edge-fpga-mac", "--program", asm.toString(), "--timing-only",
        "--trace-json", json.toString(), "--trace-csv", csv.toString());
    assertEquals(0, code, err.toString());
    String text = out.toString();
    assertTrue(text.contains("5 instructions (14 after LOOP.GEMM expansion), timing only"), text);
    assertTrue(text.contains("mac_array"), text);
    assertTrue(text.contains("overlap_cycles"), text);
    assertTrue(Files.readString(json).contains("\"dram_bus\""));
    // 4 loads + 4 GEMMs + 1 store on unit tracks, 5 DRAM transfers, plus the CSV header.
    assertEquals(1 + 9 + 5, Files.readAllLines(csv).size());
  }

  @Test
  void functionalRunFromABinaryGivesTheSameCycles() throws IOException {
    Path asm = Files.writeString(dir.resolve("layer.asm"), Disassembler.toText(bitLinear()));
    Path bin = dir.resolve("layer.bin");
    ProgramBinary.write(bin, bitLinear(), Machine.isaTarget(ArchConfigs.preset("edge-fpga-mac")));
    assertEquals(0, run("simulate", "--arch", "edge-fpga-mac", "--program", asm.toString(), "--timing-only"),
        err.toString());
    String timing = cyclesLine(out.toString());
    out.getBuffer().setLength(0);
    Path json = dir.resolve("stats.json");
    assertEquals(0, run("simulate", "--arch", "edge-fpga-mac", "--program", bin.toString(), "--stats-json",
        json.toString()), err.toString());
    assertEquals(timing, cyclesLine(out.toString()));
    String cycles = timing.split(" ")[1];
    assertTrue(Files.readString(json).contains("\"totalCycles\" : " + cycles), Files.readString(json));
    assertTrue(out.toString().contains("functional: mac_array"), out.toString());
  }

  private static String cyclesLine(String text) {
    return text.lines().filter(l -> l.startsWith("total_cycles")).findFirst().orElseThrow();
  }

  @Test
  void badProgramIsAUserErrorWithOneLine() throws IOException {
    Path asm = Files.writeString(dir.resolve("bad.asm"), "FINISH\nNOPE x=1\n");
    assertEquals(2, run("simulate", "--program", asm.toString()));
    assertTrue(err.toString().startsWith("tritium: error: "), err.toString());
    assertTrue(err.toString().contains("bad.asm:2"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void binaryForAnotherArchIsRejected() throws IOException {
    Path bin = dir.resolve("hbm.bin");
    ProgramBinary.write(bin, bitLinear(), Machine.isaTarget(ArchConfigs.preset("asic-hbm-large")));
    assertEquals(2, run("simulate", "--arch", "edge-fpga-mac", "--program", bin.toString()));
    assertTrue(err.toString().startsWith("tritium: error: "), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }

  @Test
  void missingProgramFileIsAUserError() {
    assertEquals(2, run("simulate", "--program", dir.resolve("none.asm").toString()));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  /** A cycle budget stops the run with exit 2 and says where it stopped; a large enough one changes nothing. */
  @Test
  void maxCyclesStopsTheRunWithAClearMessage() throws IOException {
    Path asm = Files.writeString(dir.resolve("budget.asm"), Disassembler.toText(bitLinear()));
    assertEquals(2, run("simulate", "--program", asm.toString(), "--timing-only", "--max-cycles", "10"));
    assertTrue(err.toString().contains("past the budget of 10 cycles (raise --max-cycles, or simulate less)"),
        err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertEquals(0, run("simulate", "--program", asm.toString(), "--timing-only", "--max-cycles", "1000000000"),
        err.toString());
  }
}
