package dev.tritium.simulator.unit.vector;

import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Vec;
import dev.tritium.simulator.memory.MachineState;

/**
 * VEC.ROPE's rotation, Hugging Face rotate_half convention (dimension i of a head pairs with
 * i + d/2), fp32 in this order: {@code invFreq_i = 1f / (float) pow((double) theta, (double) ((float) (2i) / (float) d))},
 * {@code angle = (float) pos * invFreq_i}, {@code c = (float) cos(angle)}, {@code s = (float) sin(angle)},
 * {@code out_i = a*c - b*s}, {@code out_{i+d/2} = b*c + a*s} (a = x_i, b = x_{i+d/2}).
 */
final class RopeTable {

  private final int headDim;
  private final float[] invFreq;

  private RopeTable(int headDim, float theta) {
    this.headDim = headDim;
    this.invFreq = new float[headDim / 2];
    for (int i = 0; i < headDim / 2; i++) {
      float e = (float) (2 * i) / (float) headDim;
      invFreq[i] = 1f / (float) Math.pow(theta, e);
    }
  }

  static RopeTable of(MachineState state, int len, String where) {
    int headDim = headDim(state, len, where);
    float theta = state.cfgFloat(CfgReg.ROPE_THETA);
    VectorOpsUnit.requireConfigured(theta, CfgReg.ROPE_THETA, where);
    return new RopeTable(headDim, theta);
  }

  static int headDim(MachineState state, int len, String where) {
    long headDim = state.cfg(CfgReg.ROPE_HEAD_DIM);
    if (headDim <= 0 || headDim % 2 != 0 || len % headDim != 0) {
      throw new IllegalArgumentException(where + ": CFG ROPE_HEAD_DIM = " + headDim
          + " must be a positive even divisor of len = " + len);
    }
    return (int) headDim;
  }

  /** Frequencies per head for the op's counts: head_dim / 2. */
  static long halfDim(Vec v, MachineState state) {
    return headDim(state, v.len(), "VEC.ROPE") / 2;
  }

  /** Rotates every head of one row (len = heads * headDim) at position pos, in place. */
  void rotate(float[] x, int pos) {
    int half = headDim / 2;
    float[] cos = new float[half];
    float[] sin = new float[half];
    for (int i = 0; i < half; i++) {
      float angle = (float) pos * invFreq[i];
      cos[i] = (float) Math.cos(angle);
      sin[i] = (float) Math.sin(angle);
    }
    for (int base = 0; base < x.length; base += headDim) {
      for (int i = 0; i < half; i++) {
        float a = x[base + i];
        float b = x[base + half + i];
        x[base + i] = a * cos[i] - b * sin[i];
        x[base + half + i] = b * cos[i] + a * sin[i];
      }
    }
  }
}
