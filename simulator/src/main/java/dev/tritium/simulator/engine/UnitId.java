package dev.tritium.simulator.engine;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmF16;
import dev.tritium.isa.GemmInt8;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.QuantIg;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.GemmTernary;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.InstructionVisitor;
import dev.tritium.isa.Load;
import dev.tritium.isa.LoopBounds;
import dev.tritium.isa.LoopGemm;
import dev.tritium.isa.LoopWeights;
import dev.tritium.isa.LutBuild;
import dev.tritium.isa.LutBuildF16;
import dev.tritium.isa.LutGemm;
import dev.tritium.isa.LutGemmF16;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;

/** The timed units; each belongs to exactly one instruction queue. */
public enum UnitId {
  DMA_LOAD(Queue.LOAD),
  MAC_ARRAY(Queue.COMPUTE),
  LUT_CORE(Queue.COMPUTE),
  VECTOR_UNIT(Queue.COMPUTE),
  /** The sparse outlier unit (arch section {@code sparse_unit}); GEMM.SP runs on VECTOR_UNIT without it. */
  SPARSE_UNIT(Queue.COMPUTE),
  DMA_STORE(Queue.STORE);

  private final Queue queue;

  UnitId(Queue queue) {
    this.queue = queue;
  }

  /** The queue that issues to this unit. */
  public Queue queue() {
    return queue;
  }

  /** The unit an instruction occupies; null for control instructions (CFG, SYNC, FINISH, LOOP records). */
  public static UnitId of(Instruction in) {
    return in.accept(UNIT_OF);
  }

  /** Lower-case name used in stats, traces and messages (e.g. {@code mac_array}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  private static final InstructionVisitor<UnitId> UNIT_OF = new InstructionVisitor<>() {
    @Override
    public UnitId visitLoad(Load in) {
      return UnitId.DMA_LOAD;
    }

    @Override
    public UnitId visitStore(Store in) {
      return UnitId.DMA_STORE;
    }

    @Override
    public UnitId visitGemmTernary(GemmTernary in) {
      return UnitId.MAC_ARRAY;
    }

    @Override
    public UnitId visitGemmInt8(GemmInt8 in) {
      return UnitId.MAC_ARRAY;
    }

    @Override
    public UnitId visitGemmF16(GemmF16 in) {
      return UnitId.VECTOR_UNIT;
    }

    @Override
    public UnitId visitGemmSf(GemmSf in) {
      return UnitId.MAC_ARRAY;
    }

    @Override
    public UnitId visitGemmQ2(GemmQ2 in) {
      return UnitId.MAC_ARRAY;
    }

    @Override
    public UnitId visitGemmIw(GemmIw in) {
      return UnitId.MAC_ARRAY;
    }

    @Override
    public UnitId visitQuantIg(QuantIg in) {
      return UnitId.VECTOR_UNIT;
    }

    @Override
    public UnitId visitGemmBp(GemmBp in) {
      return UnitId.MAC_ARRAY;
    }

    @Override
    public UnitId visitQuantBp(QuantBp in) {
      return UnitId.VECTOR_UNIT;
    }

    @Override
    public UnitId visitGemmSparse(GemmSparse in) {
      // The ISA view, without an arch: the engine runs GEMM.SP on SPARSE_UNIT when the arch has one.
      return UnitId.VECTOR_UNIT;
    }

    @Override
    public UnitId visitLutBuild(LutBuild in) {
      return UnitId.LUT_CORE;
    }

    @Override
    public UnitId visitLutGemm(LutGemm in) {
      return UnitId.LUT_CORE;
    }

    @Override
    public UnitId visitLutBuildBp(LutBuildBp in) {
      return UnitId.LUT_CORE;
    }

    @Override
    public UnitId visitLutGemmBp(LutGemmBp in) {
      return UnitId.LUT_CORE;
    }

    @Override
    public UnitId visitLutBuildF16(LutBuildF16 in) {
      return UnitId.LUT_CORE;
    }

    @Override
    public UnitId visitLutGemmF16(LutGemmF16 in) {
      return UnitId.LUT_CORE;
    }

    @Override
    public UnitId visitVec(Vec in) {
      return UnitId.VECTOR_UNIT;
    }

    @Override
    public UnitId visitCfg(Cfg in) {
      return null;
    }

    @Override
    public UnitId visitSync(Sync in) {
      return null;
    }

    @Override
    public UnitId visitFinish(Finish in) {
      return null;
    }

    @Override
    public UnitId visitLoopWeights(LoopWeights in) {
      return null;
    }

    @Override
    public UnitId visitLoopBounds(LoopBounds in) {
      return null;
    }

    @Override
    public UnitId visitLoopGemm(LoopGemm in) {
      return null;
    }
  };
}
