package dev.tritium.mapper.attention;

import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.models.config.ModelConfig;

/**
 * SpinQuant's R3 on the accelerator ({@code ModelConfig.qkHadamard}): right after VEC.ROPE, the roped q (or k) rows
 * are rotated per head in place. A token's row of {@code cols = heads x head_dim} values is contiguous, so the
 * {@code rows x cols} tensor is {@code rows x heads} rows of one head each: one VEC.FWHT over those rows with
 * {@code len = head_dim} (slices of b = head_dim &amp; -head_dim, the models' order), then VEC.SCALE by
 * {@code (float) (1 / sqrt(b))}, the reference's two steps. The vector unit prices both (log2 b butterfly stages
 * and one multiply per value).
 */
public final class QkRotation {

  private QkRotation() {}

  /** Emits the rotation of the {@code rows x cols} fp32 tensor at VEC {@code addr} when the model has it. */
  public static void emit(ProgramBuilder pb, ModelConfig c, long addr, int rows, int cols) {
    if (!c.qkHadamard()) {
      return;
    }
    int hd = c.headDim();
    if (cols % hd != 0) {
      throw new IllegalStateException("a roped tensor of " + cols + " columns is not whole heads of " + hd);
    }
    int headRows = rows * (cols / hd);
    pb.add(new Vec(Deps.NONE, VecOp.FWHT, addr, addr, 0, headRows, hd, 0));
    pb.add(Cfg.ofFloat(Deps.NONE, CfgReg.VEC_SCALE, (float) (1.0 / Math.sqrt(hd & -hd))));
    pb.add(new Vec(Deps.NONE, VecOp.SCALE, addr, addr, 0, headRows, hd, 0));
  }
}
