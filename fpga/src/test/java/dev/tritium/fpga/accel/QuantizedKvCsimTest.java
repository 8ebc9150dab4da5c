package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.decoder.DecoderCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.AttentionConfig;
import dev.tritium.simulator.fit.FpgaPart;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantized KV caches end to end: the mapper's decoder layer over an int4 cache (records per token row, groups of 32
 * straddling the heads) and an IntactKV cache (records per kv head, groups of 8, 4 fp16 pivots) runs VEC.KV_QUANT and
 * VEC.KV_DEQUANT on the C accelerator (csim) with a final DRAM image equal to the Java simulator's, in decode and a
 * prefill; the same compiled layers are bit-exact to the reference's fp16 attention over its quantized cache, and a
 * flipped code bit of a cached position in the DRAM input makes csim fail.
 */
class QuantizedKvCsimTest {

  @TempDir static Path tmp;

  @Test
  void quantizedCachesRunOnTheCAcceleratorBitIdentical() throws Exception {
    for (AttentionConfig.KvQuant q : List.of(new AttentionConfig.KvQuant(4, 32, 0),
        new AttentionConfig.KvQuant(3, 8, 4))) {
      ArchConfig arch = AcceleratorCsimTest.ARCH.withAttention(AttentionConfig.quantized(q, null));
      for (LayerShape shape : List.of(AcceleratorCsimTest.DECODE, LayerShape.prefill(5))) {
        ProgramImages p = AcceleratorPrograms.decoder(arch, AcceleratorCsimTest.B2, shape, 1, ComputeUnit.MAC, 3);
        assertTrue(p.program().stream().anyMatch(i -> i instanceof Vec v && v.op() == VecOp.KV_QUANT)
            && p.program().stream().anyMatch(i -> i instanceof Vec v && v.op() == VecOp.KV_DEQUANT),
            "the program quantizes and dequantizes the cache");
        Path dir = tmp.resolve("kv" + q.bits() + "-" + q.group() + "-" + shape.tokens());
        AcceleratorProject.write(dir, AcceleratorConfig.of(arch, FpgaPart.byName("kv260")), Optional.of(p));
        AcceleratorCsimTest.assertCsimPasses(dir, p);
        if (shape.start() > 0) {
          // One stored code bit of a cached position flipped in the DRAM input: the C reads it, so csim fails.
          AccelSim.Run changed = AccelSim.withFlippedInput(dir, firstRecordLoad(p.program()), 0x01);
          assertTrue(changed.exitCode() != 0, changed.output());
        }
        assertTrue(new DecoderCrossCheck(arch).run(DecoderCase.seeded(AcceleratorCsimTest.B2, shape, 3),
            ComputeUnit.MAC).passed());
      }
    }
  }

  /** The DRAM address of the records the first VEC.KV_DEQUANT reads: the last LOAD before it. */
  private static long firstRecordLoad(List<Instruction> program) {
    long addr = -1;
    for (Instruction i : program) {
      if (i instanceof Load l) {
        addr = l.dramAddr();
      } else if (i instanceof Vec v && v.op() == VecOp.KV_DEQUANT) {
        return addr;
      }
    }
    throw new IllegalStateException("no VEC.KV_DEQUANT in the program");
  }
}
