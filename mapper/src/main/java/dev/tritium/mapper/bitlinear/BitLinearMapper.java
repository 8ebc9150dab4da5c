package dev.tritium.mapper.bitlinear;

import dev.tritium.common.IntMath;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles one BitLinear with a given {@link Mapping} into an ISA program (mapper/README.md,
 * "Compilation scheme"). Per M tile: fp32 input rows are loaded into VEC and quantized per token
 * (VEC.QUANT, scales kept in VEC); on the LUT core the tables of each K block are built (LUT.BUILD);
 * each (N block, K block) is one LOOP.GEMM streaming double-buffered weight tiles and accumulating in
 * int32 across K; VEC.DEQUANT with the per-tensor s_w from CFG turns each finished N block into fp32,
 * which is stored to DRAM.
 *
 * <p>Tokens (VTA semantics). Every LOAD pops a compute-&gt;load token and pushes a load-&gt;compute
 * token; every compute instruction consuming a load (VEC.QUANT, each tile op of LOOP.GEMM) pops it
 * and pushes a compute-&gt;load token. Two tokens are pushed up front, so load j waits for the
 * consumer of load j-2 to finish: exactly what the double buffers (two WGT slots, two VEC input
 * areas, each used alternately) need. DEQUANT/STORE do the same on the compute&lt;-&gt;store side with
 * two VEC output areas. The body ends by draining the four spare tokens, which also fences it.
 */
public final class BitLinearMapper {

  private final IsaTarget target;

  public BitLinearMapper(IsaTarget target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  public IsaTarget target() {
    return target;
  }

  /** Compiles with the tensors packed from DRAM address 0 ({@link BitLinearPlacement#packed}). */
  public CompiledBitLinear compile(BitLinearShape shape, Mapping mapping, float weightScale) {
    return compile(shape, mapping, weightScale, BitLinearPlacement.packed(0, shape, mapping.packing()));
  }

  /**
   * Compiles one BitLinear.
   *
   * @param weightScale the per-tensor s_w (written to CFG DEQUANT_WEIGHT_SCALE)
   * @throws IllegalArgumentException when the mapping does not fit the shape or the target
   */
  public CompiledBitLinear compile(BitLinearShape shape, Mapping mapping, float weightScale,
      BitLinearPlacement placement) {
    if (!(weightScale > 0) || Float.isInfinite(weightScale)) {
      throw new IllegalArgumentException("weight scale s_w must be positive and finite, got " + weightScale);
    }
    SramLayout sram = SramLayout.of(shape, mapping, target);
    Emitter e = new Emitter(shape, mapping, sram, placement);
    e.emit(weightScale);
    return new CompiledBitLinear(shape, mapping, sram, placement, weightScale, e.out, e.chunks);
  }

  private final class Emitter {
    private final BitLinearShape s;
    private final Mapping m;
    private final SramLayout sram;
    private final BitLinearPlacement dram;
    private final List<Instruction> out = new ArrayList<>();
    private final List<OutputChunk> chunks = new ArrayList<>();
    private final long[] slots;
    private long weightTiles;
    private int inputChunks;
    private int outputChunkCount;

    Emitter(BitLinearShape s, Mapping m, SramLayout sram, BitLinearPlacement dram) {
      this.s = s;
      this.m = m;
      this.sram = sram;
      this.dram = dram;
      // A target without a double-buffered weight buffer streams every tile through one slot (LOOP.WEIGHTS names it
      // twice): each tile loads after the previous tile's op.
      this.slots = target.weightSlots() == 1 ? new long[] {sram.wgtSlotA(), sram.wgtSlotA()}
          : new long[] {sram.wgtSlotA(), sram.wgtSlotB()};
    }

    void emit(float weightScale) {
      int k = s.inFeatures();
      out.add(Cfg.ofFloat(Deps.NONE, CfgReg.DEQUANT_WEIGHT_SCALE, weightScale));
      out.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, k));
      if (m.unit() == ComputeUnit.LUT) {
        out.add(new Cfg(Deps.NONE, CfgReg.LUT_ROW_STRIDE_BYTES, 0));
      }
      // compute->load tokens: one per weight slot. The loads of the weight slots and of the two VEC input buffers share
      // them, so with one slot a spare token would let the next loop's first load overwrite the slot its predecessor
      // still reads; the VEC inputs then load one at a time. store->compute: one per VEC output buffer.
      for (int i = 0; i < 2; i++) {
        if (i < target.weightSlots()) {
          out.add(new Sync(new Deps(false, false, true, false), Queue.COMPUTE));
        }
        out.add(new Sync(new Deps(false, false, true, false), Queue.STORE));
      }
      for (int mt = 0; mt < m.mTiles(s); mt++) {
        int m0 = mt * m.tileM();
        int tm = Math.min(m.tileM(), s.tokens() - m0);
        quantize(m0, tm);
        if (m.order() == LoopOrder.K_OUTER) {
          for (int kb = 0; kb < m.kBlocks(s); kb++) {
            buildTables(tm, kb);
            for (int nb = 0; nb < m.nBlocks(s); nb++) {
              gemm(tm, nb, kb, nb * sram.accRegionBytes());
            }
          }
          for (int nb = 0; nb < m.nBlocks(s); nb++) {
            dequantize(m0, tm, nb, nb * sram.accRegionBytes());
          }
        } else {
          int built = -1;
          for (int nb = 0; nb < m.nBlocks(s); nb++) {
            for (int kb = 0; kb < m.kBlocks(s); kb++) {
              if (built != kb) {
                buildTables(tm, kb);
                built = kb;
              }
              gemm(tm, nb, kb, SramLayout.BASE);
            }
            dequantize(m0, tm, nb, SramLayout.BASE);
          }
        }
      }
      for (int i = 0; i < 2; i++) {
        out.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
        if (i < target.weightSlots()) {
          out.add(new Sync(new Deps(false, true, false, false), Queue.LOAD));
        }
      }
    }

    private void quantize(int m0, int tm) {
      int k = s.inFeatures();
      for (int r0 = 0; r0 < tm; r0 += sram.quantRows()) {
        int rows = Math.min(sram.quantRows(), tm - r0);
        long vin = inputChunks++ % 2 == 0 ? sram.vecIn0() : sram.vecIn1();
        out.add(new Load(new Deps(false, true, false, true), Buffer.VEC, vin,
            dram.inputAddr() + 4L * (m0 + r0) * k, rows, 4 * k, 4L * k));
        out.add(new Vec(new Deps(true, false, true, false), VecOp.QUANT, SramLayout.BASE + (long) r0 * k, vin,
            sram.vecScales() + 4L * r0, rows, k, 0));
      }
    }

    private void buildTables(int tm, int kb) {
      if (m.unit() != ComputeUnit.LUT) {
        return;
      }
      LutUnit lut = target.lut().orElseThrow();
      int k0 = kb * m.blockK();
      int bk = Math.min(m.blockK(), s.inFeatures() - k0);
      out.add(new LutBuild(Deps.NONE, SramLayout.BASE + k0, SramLayout.BASE, tm, bk, lut.groupSize(), lut.variant()));
    }

    private void gemm(int tm, int nb, int kb, long accAddr) {
      Packing p = m.packing();
      int n0 = nb * m.blockN();
      int bn = Math.min(m.blockN(), s.outFeatures() - n0);
      int k0 = kb * m.blockK();
      int bk = Math.min(m.blockK(), s.inFeatures() - k0);
      int tn = Math.min(m.tileN(), bn);
      int tk = Math.min(m.tileK(), bk);
      // Weights are chunk-major by K block (WeightImage.chunkMajor with chunk = block_k): this block's rows are
      // packedRowBytes(bk) apart, one contiguous run per block of N (row-major when one block covers K).
      long rowStride = p.packedRowBytes(bk);
      // Tile t of this loop goes to slot t % 2; continuing the global alternation keeps every slot's
      // previous user exactly two weight tiles back, which is what the tokens guarantee.
      out.add(new LoopWeights(Deps.NONE, dram.weightsAddr()
          + WeightImage.chunkMajorOffset(p, s.outFeatures(), k0, bk, n0), rowStride,
          slots[(int) (weightTiles % 2)], slots[(int) ((weightTiles + 1) % 2)]));
      out.add(new LoopBounds(Deps.NONE, tm, bn, bk, tn, tk, m.unit(), p));
      out.add(new LoopGemm(Deps.NONE, SramLayout.BASE, accAddr, SramLayout.BASE, kb > 0, true, true));
      weightTiles += (long) IntMath.ceilDiv(bn, tn) * IntMath.ceilDiv(bk, tk);
    }

    private void dequantize(int m0, int tm, int nb, long accAddr) {
      int n = s.outFeatures();
      int n0 = nb * m.blockN();
      int bn = Math.min(m.blockN(), n - n0);
      for (int r0 = 0; r0 < tm; r0 += sram.dequantRows()) {
        int rows = Math.min(sram.dequantRows(), tm - r0);
        long vout = outputChunkCount++ % 2 == 0 ? sram.vecOut0() : sram.vecOut1();
        long acc = accAddr + 4L * r0 * bn;
        out.add(new Vec(new Deps(false, true, false, true), VecOp.DEQUANT, vout, acc, sram.vecScales() + 4L * r0,
            rows, bn, 0));
        out.add(new Store(new Deps(true, false, true, false), Buffer.VEC, vout,
            dram.outputAddr() + 4L * ((long) (m0 + r0) * n + n0), rows, 4 * bn, 4L * n));
        chunks.add(new OutputChunk(m0 + r0, n0, rows, bn, acc));
      }
    }
  }
}
