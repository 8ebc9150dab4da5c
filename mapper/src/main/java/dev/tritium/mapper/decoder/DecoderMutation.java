package dev.tritium.mapper.decoder;

import dev.tritium.mapper.crosscheck.Mutation;
import dev.tritium.models.count.LayerKind;

/**
 * A deliberate fault for the decoder cross-check's mutation tests; each must turn it to FAIL.
 * Simulator-side faults change its DRAM image, its program or a value it computed; the golden ones
 * change the reference side.
 */
public sealed interface DecoderMutation {

  String describe();

  record None() implements DecoderMutation {
    @Override
    public String describe() {
      return "none";
    }
  }

  /** Negates weight (row, col) of one projection (0 becomes +1) in the packed weights in DRAM. */
  record DramWeight(LayerKind kind, int row, int col) implements DecoderMutation {
    @Override
    public String describe() {
      return kind.label() + " packed weight (" + row + ", " + col + ") negated in DRAM";
    }
  }

  /** One instruction field changed (the BitLinear harness's program edits). */
  record Program(Mutation.InstructionField edit) implements DecoderMutation {
    @Override
    public String describe() {
      return edit.describe();
    }
  }

  /** The s_x of token 0 of one projection's input multiplied by (1 + 2^-20) in VEC right before its DEQUANT. */
  record ActivationScale(LayerKind kind) implements DecoderMutation {
    @Override
    public String describe() {
      return "VEC s_x of token 0 perturbed before " + kind.label() + "'s VEC.DEQUANT";
    }
  }

  /** The reference accumulator 0 of one projection plus one. */
  record GoldenAccumulator(LayerKind kind) implements DecoderMutation {
    @Override
    public String describe() {
      return "golden " + kind.label() + " accumulator 0 plus one";
    }
  }

  /** The reference (fp32 attention) layer output element 0 moved to just beyond its bound. */
  record GoldenOutput() implements DecoderMutation {
    @Override
    public String describe() {
      return "golden layer output 0 moved beyond its bound";
    }
  }

  /** What {@link KvCache} changes in the DRAM image of a quantized cache's keys at a cached position. */
  enum KvField {
    /** The lowest bit of one stored code flipped. */
    CODE,
    /** One group's fp16 step moved to the next binary16 value up. */
    STEP,
    /** One value of a pivot token's fp16 row doubled (its binary16 exponent plus one; IntactKV). */
    PIVOT
  }

  /**
   * One stored field of the keys at cached {@code position} changed in DRAM: code {@code index}, the step of group
   * {@code index}, or pivot value {@code index}.
   */
  record KvCache(KvField field, int position, int index) implements DecoderMutation {
    @Override
    public String describe() {
      return switch (field) {
        case CODE -> "KV cache: key code " + index + " of position " + position + " flipped in DRAM";
        case STEP -> "KV cache: key step of group " + index + " of position " + position + " changed in DRAM";
        case PIVOT -> "KV cache: pivot key value " + index + " of position " + position + " doubled in DRAM";
      };
    }
  }
}
