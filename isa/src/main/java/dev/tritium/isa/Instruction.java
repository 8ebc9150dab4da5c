package dev.tritium.isa;

/**
 * One 128-bit instruction. Each kind is a record; field meanings, widths and encodings are in
 * isa/README.md (generated from {@link dev.tritium.isa.encoding.IsaSpec}). Records hold raw field
 * values and do not range-check them: the encoder rejects values that do not fit their field and the
 * {@link dev.tritium.isa.validate.Validator} checks them against an {@link IsaTarget}.
 */
public sealed interface Instruction
    permits Load, Store, GemmTernary, LutBuild, LutGemm, GemmInt8, GemmF16, GemmSf, GemmIw, QuantIg, GemmBp, QuantBp,
        LutBuildBp, LutGemmBp, GemmSparse, LutBuildF16, LutGemmF16, GemmQ2, Vec, Cfg, LoopWeights, LoopBounds,
        LoopGemm, Sync, Finish {

  /** The four dependency flags. */
  Deps deps();

  Opcode opcode();

  /** The queue this instruction is dispatched to. */
  default Queue queue() {
    return Queue.COMPUTE;
  }

  /** Dispatches to the visitor's method for this kind (see {@link InstructionVisitor}). */
  <R> R accept(InstructionVisitor<R> visitor);

  /** The same instruction with other dependency flags. */
  Instruction withDeps(Deps deps);

  /** Assembly mnemonic, e.g. {@code GEMM.T} or {@code VEC.ADD}. */
  default String mnemonic() {
    return opcode().mnemonic();
  }
}
