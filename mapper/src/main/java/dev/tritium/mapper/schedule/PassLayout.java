package dev.tritium.mapper.schedule;

import dev.tritium.mapper.attention.KvCacheLayout;
import dev.tritium.mapper.graph.OpKind;
import dev.tritium.mapper.graph.OpNode;
import dev.tritium.mapper.graph.Tensor;
import dev.tritium.models.config.ModelConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one pass of a vector phase keeps its rows (mapper/README.md, "Prefill in phases"). VEC, from the base
 * (after the chunk's activation scales): one [cap][cols] fp32 slot per tensor the phase reads from DRAM, in the
 * order they are first read; then, if the phase runs attention, AttentionLowering's VEC scratch; then one
 * norm-gain slot as wide as the widest row the phase norms or quantizes (kept even when the model has no
 * sub-layer norm, so that a phase's pass size does not depend on that flag). ACT: the chunk's int8 projection
 * input first, then attention's scratch (int8, or fp16 with an fp16 KV cache: twice the bytes).
 *
 * <p>Each operator's output takes a slot of its inputs: RoPE, the residual add and the gated product write in
 * place of their first input, attention writes its own scratch row, and a norm takes the first row slot that is
 * free: its tensor is read by no later operator of the phase and is not being stored to DRAM by it (the STORE may
 * still be reading it). That is the norm's own input when nothing else needs it.
 */
final class PassLayout {

  private static final long ALIGN = BufferAllocator.ALIGN_BYTES;

  private final Map<Tensor, Long> vec = new HashMap<>();
  private long vecEnd;
  private long gain;
  private Attention attention;

  /** AttentionLowering's scratch for one pass: VEC rows and scales, and ACT int8 operands. */
  record Attention(long out, long kvScales, long kvInv, long qScales, long scores, long probScales, long kInv,
      long vInv, long kvQ, long qQ, long probs, long kSlice, long vSlice) {}

  private PassLayout() {}

  /**
   * @param cap rows per pass (the layout is sized for it; the last pass may hold fewer)
   * @param keys the most keys attention reads
   * @param vecBase the first VEC byte the pass may use
   * @param actBase the first ACT byte above the chunk's int8 projection input
   * @param cache the layer's KV cache: its operand bytes in ACT (1 int8, 2 fp16 or quantized) and scratch sizes
   */
  static PassLayout of(PrefillPhases.Rows phase, int cap, int keys, long vecBase, long actBase, ModelConfig c,
      KvCacheLayout cache) {
    int valueBytes = cache.valueBytes();
    KvCacheLayout.Scratch scratch = KvCacheLayout.scratch(cache.kvHeads(), cache.headDim(), cache.dtype(),
        cache.quant());
    PassLayout l = new PassLayout();
    long at = vecBase;
    List<Long> slots = new ArrayList<>();
    Map<Long, Tensor> occupant = new HashMap<>();
    for (Tensor t : phase.dramInputs()) {
      l.vec.put(t, at);
      slots.add(at);
      occupant.put(at, t);
      at += al(4L * cap * t.cols());
    }
    if (phase.hasAttention()) {
      int kvh = c.numKvHeads();
      int hd = c.headDim();
      int group = c.numHeads() / kvh;
      long out = at;
      long kvScales = out + al(4L * cap * c.qDim());
      long kvInv = kvScales + al(8L * cap * kvh);
      long qScales = kvInv + al(8L * cap * kvh);
      long scores = qScales + al(4L * cap * c.numHeads());
      long probScales = scores + al(4L * group * keys);
      long kInv = probScales + al(4L * group);
      long vInv = kInv + al(4L * keys);
      at = vInv + al(4L * keys);
      long kvQ = actBase;
      long qQ = kvQ + al(scratch.appendBytes(cap));
      long probs = qQ + al((long) cap * c.numHeads() * hd * valueBytes);
      long kSlice = probs + al((long) group * keys * valueBytes);
      long vSlice = kSlice + al(scratch.kSliceBytes(keys));
      l.attention = new Attention(out, kvScales, kvInv, qScales, scores, probScales, kInv, vInv, kvQ, qQ, probs,
          kSlice, vSlice);
    }
    if (phase.gainCols() > 0) {
      l.gain = at;
      at += al(4L * phase.gainCols());
    }
    l.vecEnd = at - vecBase;
    l.placeOutputs(phase, slots, occupant);
    return l;
  }

  private void placeOutputs(PrefillPhases.Rows phase, List<Long> slots, Map<Long, Tensor> occupant) {
    List<OpNode> ops = phase.ops();
    for (int i = 0; i < ops.size(); i++) {
      OpNode op = ops.get(i);
      switch (op.kind()) {
        case ROPE, RESIDUAL_ADD, GATE_ACT -> occupy(op.output(), vec.get(op.inputs().get(0)), occupant);
        case PV -> vec.put(op.output(), attention.out());
        case RMSNORM -> occupy(op.output(), freeSlot(phase, slots, occupant, ops.subList(i + 1, ops.size()), op),
            occupant);
        case QUANT, KV_APPEND, QUANT_Q, QK, SOFTMAX -> { } // int8 to ACT, or attention's own scratch
        case LAYER_INPUT, LAYER_OUTPUT, BITLINEAR, FORMAT_LINEAR ->
            throw new IllegalStateException("operator " + op.name() + " is not part of a vector phase");
      }
    }
  }

  private void occupy(Tensor t, long slot, Map<Long, Tensor> occupant) {
    vec.put(t, slot);
    occupant.put(slot, t);
  }

  /**
   * The first row slot whose tensor no later operator of the phase reads and that the phase is not storing (its
   * STORE may still be reading it): the norm's own input when that is free, else a dead one.
   */
  private static long freeSlot(PrefillPhases.Rows phase, List<Long> slots, Map<Long, Tensor> occupant,
      List<OpNode> later, OpNode op) {
    for (long s : slots) {
      Tensor t = occupant.get(s);
      if (!phase.stored().contains(t) && later.stream().noneMatch(o -> o.inputs().contains(t))) {
        return s;
      }
    }
    throw new IllegalStateException("no free VEC row slot for the output of " + op.name());
  }

  /** The VEC address of an fp32 row tensor of the phase. */
  long vec(Tensor t) {
    Long a = vec.get(t);
    if (a == null) {
      throw new IllegalStateException("tensor " + t.name() + " has no VEC slot in this pass");
    }
    return a;
  }

  long gain() {
    return gain;
  }

  Attention attention() {
    return attention;
  }

  /** VEC bytes the pass spans from its base. */
  long vecEnd() {
    return vecEnd;
  }

  private static long al(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
