package dev.tritium.isa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Programs;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssemblerTest {

  @Test
  void assemblesTheDocumentedSyntax() {
    String src = String.join("\n",
        "# a comment line",
        "LOAD buffer=ACT sram_addr=0x40 dram_addr=0x1_0000 rows=2 row_bytes=64 dram_stride_bytes=128 [push_next]",
        "  sync queue=compute deps=pop_prev ; trailing comment",
        "GEMM.T wgt_addr=0 act_addr=0x40 acc_addr=0 m=2 n=16 k=64 packing=two_bit accumulate=1",
        "VEC.ADD dst_addr=0 src_a_addr=0 src_b_addr=0x100 rows=1 len=64 imm=0",
        "CFG reg=RMSNORM_EPS value=1.0E-5",
        "CFG reg=RMSNORM_EPS value=0x3727c5ac",
        "",
        "FINISH [pop_next, push_next]");
    List<Instruction> got = Assembler.assemble(src, "t.asm");
    assertEquals(List.of(
        new Load(new Deps(false, false, false, true), Buffer.ACT, 0x40, 0x10000, 2, 64, 128),
        new Sync(new Deps(true, false, false, false), Queue.COMPUTE),
        new GemmTernary(Deps.NONE, 0, 0x40, 0, 2, 16, 64, Packing.TWO_BIT, true),
        new Vec(Deps.NONE, VecOp.ADD, 0, 0, 0x100, 1, 64, 0),
        Cfg.ofFloat(Deps.NONE, CfgReg.RMSNORM_EPS, 1.0e-5f),
        Cfg.ofFloat(Deps.NONE, CfgReg.RMSNORM_EPS, 1.0e-5f),
        new Finish(new Deps(false, true, false, true))), got);
  }

  @Test
  void disassemblyOfTheBitLinearProgramReassemblesToItself() {
    List<Instruction> p = Programs.bitLinear2560x6912();
    String text = Disassembler.toText(p);
    assertEquals("LOAD buffer=VEC sram_addr=0x0 dram_addr=0x0 rows=1 row_bytes=10240 dram_stride_bytes=10240 [push_next]",
        text.lines().findFirst().orElseThrow());
    assertEquals("CFG reg=DEQUANT_WEIGHT_SCALE value=1.25", text.lines().skip(6).findFirst().orElseThrow());
    assertEquals(p, Assembler.assemble(text, "x.asm"));
  }

  private static String error(String line) {
    return assertThrows(AsmException.class, () -> Assembler.assemble("FINISH\n" + line, "bad.asm")).getMessage();
  }

  @Test
  void errorsNameFileLineAndWhatWasExpected() {
    assertEquals("bad.asm:2: unknown mnemonic 'FOO', expected one of LOAD, STORE, GEMM.T, LUT.BUILD, LUT.GEMM,"
        + " GEMM.I8, VEC.<op>, CFG, LOOP.WEIGHTS, LOOP.BOUNDS, LOOP.GEMM, SYNC, FINISH, GEMM.F16, GEMM.SF, GEMM.SP,"
        + " LUT.BUILD.F16, LUT.GEMM.F16, GEMM.IW, GEMM.Q2, QUANT.IG, GEMM.BP, QUANT.BP, LUT.BUILD.BP,"
        + " LUT.GEMM.BP", error("FOO x=1"));
    assertEquals("bad.asm:2: unknown VEC operation 'DIV', expected one of QUANT, DEQUANT, RMSNORM, ADD, MUL,"
        + " GATE_RELU2, GATE_SILU, SOFTMAX, ROPE, COPY, TO_F16, SCALE, ROUND_F16, MUL_ROW, OUTER, FWHT, ACC_SCALE, KV_QUANT,"
        + " KV_DEQUANT",
        error("VEC.DIV"));
    assertEquals("bad.asm:2: SYNC is missing field queue (one of LOAD, COMPUTE, STORE)", error("SYNC"));
    assertEquals("bad.asm:2: unknown field 'bogus' for SYNC (fields: queue)", error("SYNC queue=LOAD bogus=1"));
    assertEquals("bad.asm:2: field queue given twice", error("SYNC queue=LOAD queue=STORE"));
    assertEquals("bad.asm:2: field queue: 'sideways' is not one of LOAD, COMPUTE, STORE", error("SYNC queue=sideways"));
    assertEquals("bad.asm:2: GEMM.T field m: value 16384 does not fit, expected 0..16383 (14 bits)",
        error("GEMM.T wgt_addr=0 act_addr=0 acc_addr=0 m=16384 n=1 k=1 packing=TWO_BIT"));
    assertEquals("bad.asm:2: field rows: '12x' is not a number",
        error("LOAD buffer=ACT sram_addr=0 dram_addr=0 rows=12x row_bytes=1 dram_stride_bytes=1"));
    assertEquals("bad.asm:2: unknown dependency flag 'pop_sideways', expected pop_prev, pop_next, push_prev or"
        + " push_next", error("FINISH [pop_sideways]"));
    assertEquals("bad.asm:2: CFG RMSNORM_EPS value: expected a float literal or 0x raw bits, got 'tiny'",
        error("CFG reg=RMSNORM_EPS value=tiny"));
    assertEquals("bad.asm:2: expected field=value, got 'queue'", error("SYNC queue"));
  }
}
