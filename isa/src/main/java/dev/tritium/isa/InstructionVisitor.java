package dev.tritium.isa;

/**
 * One method per kind of {@link Instruction}: the exhaustive dispatch over the sealed hierarchy. A concern
 * that treats every kind (timing, functional execution, operand extents) implements this interface, so that
 * adding an instruction kind is a compile error in each of them until it is handled, never a runtime throw.
 *
 * @param <R> what the concern computes per instruction
 */
public interface InstructionVisitor<R> {

  R visitLoad(Load in);

  R visitStore(Store in);

  R visitGemmTernary(GemmTernary in);

  R visitLutBuild(LutBuild in);

  R visitLutGemm(LutGemm in);

  R visitGemmInt8(GemmInt8 in);

  R visitGemmF16(GemmF16 in);

  R visitGemmSf(GemmSf in);

  R visitGemmIw(GemmIw in);

  R visitQuantIg(QuantIg in);

  R visitGemmBp(GemmBp in);

  R visitQuantBp(QuantBp in);

  R visitLutBuildBp(LutBuildBp in);

  R visitLutGemmBp(LutGemmBp in);

  R visitGemmSparse(GemmSparse in);

  R visitLutBuildF16(LutBuildF16 in);

  R visitLutGemmF16(LutGemmF16 in);

  R visitGemmQ2(GemmQ2 in);

  R visitVec(Vec in);

  R visitCfg(Cfg in);

  R visitLoopWeights(LoopWeights in);

  R visitLoopBounds(LoopBounds in);

  R visitLoopGemm(LoopGemm in);

  R visitSync(Sync in);

  R visitFinish(Finish in);
}
