package dev.tritium.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IsaCommandTest {

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    CommandLine cl = TritiumCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  static final String PROGRAM = String.join("\n",
      "LOAD buffer=VEC sram_addr=0x0 dram_addr=0x0 rows=1 row_bytes=10240 dram_stride_bytes=10240 [push_next]",
      "SYNC queue=COMPUTE [pop_prev]",
      "VEC.QUANT dst_addr=0x0 src_a_addr=0x0 src_b_addr=0x2800 rows=1 len=2560 imm=0",
      "LOOP.WEIGHTS dram_addr=0x100000 dram_row_stride_bytes=640 slot0_addr=0x0 slot1_addr=0x40000",
      "LOOP.BOUNDS m=1 n=6912 k=2560 tile_n=384 tile_k=2560 unit=MAC packing=TWO_BIT",
      "LOOP.GEMM act_addr=0x0 acc_addr=0x0 lut_addr=0x0",
      "CFG reg=DEQUANT_WEIGHT_SCALE value=1.25",
      "VEC.DEQUANT dst_addr=0x3000 src_a_addr=0x0 src_b_addr=0x2800 rows=1 len=6912 imm=0 [push_next]",
      "STORE buffer=VEC sram_addr=0x3000 dram_addr=0x800000 rows=1 row_bytes=27648 dram_stride_bytes=27648 [pop_prev]",
      "FINISH", "");

  @Test
  void asmDisasmValidateRoundTrip() throws Exception {
    Path asm = dir.resolve("bitlinear.asm");
    Files.writeString(asm, PROGRAM);
    Path bin = dir.resolve("bitlinear.bin");
    Result a = run("isa", "asm", asm.toString(), bin.toString());
    assertEquals(0, a.exit(), a.err());
    assertTrue(a.out().contains("assembled 10 instructions (47 after loop expansion)"), a.out());
    Result d = run("isa", "disasm", bin.toString());
    assertEquals(0, d.exit(), d.err());
    Path again = dir.resolve("again.asm");
    Files.writeString(again, d.out());
    Path bin2 = dir.resolve("again.bin");
    assertEquals(0, run("isa", "asm", again.toString(), bin2.toString()).exit());
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(bin), Files.readAllBytes(bin2)));
    Result v = run("isa", "validate", bin.toString());
    assertEquals(0, v.exit(), v.out() + v.err());
    assertTrue(v.out().contains("VALID: 10 instructions (47 after loop expansion), 0 error(s), 0 warning(s)"), v.out());
  }

  @Test
  void invalidProgramsExitOneAndNameTheInstruction() throws Exception {
    Path asm = dir.resolve("bad.asm");
    Files.writeString(asm, PROGRAM.replace("slot1_addr=0x40000", "slot1_addr=0x70000"));
    Result v = run("isa", "validate", asm.toString());
    assertEquals(1, v.exit(), v.out());
    assertTrue(v.out().contains("error: #5 LOOP.GEMM[+3 LOAD] field sram_addr"), v.out());
    assertTrue(v.out().contains("INVALID"), v.out());
  }

  @Test
  void userErrorsAreOneLineExitTwo() throws Exception {
    Path asm = dir.resolve("typo.asm");
    Files.writeString(asm, "FINISH\nGEMM.X a=1\n");
    Result r = run("isa", "asm", asm.toString(), dir.resolve("o.bin").toString());
    assertEquals(2, r.exit());
    assertEquals("tritium: error: " + asm + ":2: unknown mnemonic 'GEMM.X', expected one of LOAD, STORE, GEMM.T,"
        + " LUT.BUILD, LUT.GEMM, GEMM.I8, VEC.<op>, CFG, LOOP.WEIGHTS, LOOP.BOUNDS, LOOP.GEMM, SYNC, FINISH, GEMM.F16,"
        + " GEMM.SF, GEMM.SP, LUT.BUILD.F16, LUT.GEMM.F16, GEMM.IW, GEMM.Q2, QUANT.IG, GEMM.BP, QUANT.BP,"
        + " LUT.BUILD.BP, LUT.GEMM.BP",
        r.err().strip());
  }

  @Test
  void aBinaryForAnotherTargetIsRejected() throws Exception {
    Path asm = dir.resolve("p.asm");
    Files.writeString(asm, "FINISH\n");
    Path bin = dir.resolve("p.bin");
    assertEquals(0, run("isa", "asm", asm.toString(), bin.toString()).exit());
    Result t = run("isa", "spec", "--default-target");
    Path target = dir.resolve("big.target");
    Files.writeString(target, t.out().replace("act_bytes = 131072", "act_bytes = 262144"));
    Result v = run("isa", "validate", bin.toString(), "--target", target.toString());
    assertEquals(2, v.exit());
    assertTrue(v.err().contains("binary was assembled for config tag 0x94748c60"), v.err());
  }

  @Test
  void specPrintsTablesAndHeader() {
    assertTrue(run("isa", "spec").out().contains("### GEMM.T (opcode 3)"));
    assertTrue(run("isa", "spec", "--c-header").out().contains("#define TRITIUM_ISA_OP_GEMM_T 3u"));
  }

  /** CFG DEQUANT_WEIGHT_SCALE=NaN is INVALID for the validator as it is for the simulator. */
  @Test
  void nanConfigIsInvalidBeforeItIsSimulated() throws Exception {
    Path asm = dir.resolve("nan.asm");
    Files.writeString(asm, PROGRAM.replace("value=1.25", "value=NaN"));
    Result v = run("isa", "validate", asm.toString());
    assertEquals(1, v.exit(), v.out() + v.err());
    assertTrue(v.out().contains("DEQUANT needs CFG DEQUANT_WEIGHT_SCALE finite and nonzero, but the last CFG set it to "
        + "NaN"), v.out());
  }

  /** An OUT.bin whose directory is missing is a named error, and no file appears anywhere. */
  @Test
  void asmIntoAMissingDirectoryWritesNothing() throws Exception {
    Path asm = dir.resolve("p.asm");
    Files.writeString(asm, PROGRAM);
    Path bin = dir.resolve("missing").resolve("p.bin");
    Result a = run("isa", "asm", asm.toString(), bin.toString());
    assertEquals(2, a.exit(), a.err());
    assertTrue(a.err().contains("missing does not exist"), a.err());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "only the source file");
    }
  }
}
