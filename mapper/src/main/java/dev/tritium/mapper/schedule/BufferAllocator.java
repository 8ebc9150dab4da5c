package dev.tritium.mapper.schedule;

import dev.tritium.isa.Buffer;
import dev.tritium.mapper.graph.OpKind;
import dev.tritium.mapper.graph.Tensor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Linear-scan allocation of a schedule's tensors in the VEC (fp32) and ACT (int8) buffers.
 *
 * <p>Each step pins its inputs, outputs and scratch; outputs and scratch get the first free range
 * that fits (addresses aligned to {@link #ALIGN_BYTES}); a tensor is freed after its last reader.
 * When a range does not fit, the resident tensor not used by the step whose next use is furthest
 * away is spilled (Belady's choice): STORE to DRAM now, RELOAD before its next reader. A step whose
 * own operands exceed the buffer is an error naming the step and the bytes.
 */
public final class BufferAllocator {

  /** Allocation granule: one 256-bit buffer row, so no two tensors share a row. */
  public static final long ALIGN_BYTES = 32;

  /**
   * @param vecBytes VEC bytes the graph may use
   * @param actBytes ACT bytes the graph may use
   * @param inputInDram the layer input starts in DRAM (prefill chunks) rather than at VEC address 0
   * @param outputToDram the layer output is stored to DRAM at the end (else it stays on chip)
   */
  public record Options(long vecBytes, long actBytes, boolean inputInDram, boolean outputToDram) {}

  private final List<Step> steps;
  private final Options options;
  private final Map<Buffer, TreeMap<Long, Long>> free = new EnumMap<>(Buffer.class); // start -> end
  private final Map<Tensor, Long> resident = new LinkedHashMap<>();
  private final Set<Tensor> inDram = new HashSet<>();
  private final Set<String> everSpilled = new HashSet<>();
  private final Map<Buffer, Long> used = new EnumMap<>(Buffer.class);
  private final Map<Buffer, Long> peak = new EnumMap<>(Buffer.class);
  private final List<Spill> spills = new ArrayList<>();
  private final Map<Tensor, List<Integer>> uses = new HashMap<>();

  private BufferAllocator(List<Step> steps, Options options) {
    this.steps = steps;
    this.options = options;
    free.put(Buffer.VEC, new TreeMap<>(Map.of(0L, options.vecBytes())));
    free.put(Buffer.ACT, new TreeMap<>(Map.of(0L, options.actBytes())));
    for (int i = 0; i < steps.size(); i++) {
      for (Tensor t : steps.get(i).externalInputs()) {
        uses.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
      }
    }
  }

  public static BufferPlan allocate(List<Step> steps, Options options) {
    return new BufferAllocator(steps, options).run();
  }

  private BufferPlan run() {
    List<Map<Tensor, Long>> addresses = new ArrayList<>();
    Set<String> produced = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      Set<Tensor> pinned = new HashSet<>(s.externalInputs());
      pinned.addAll(s.outputs());
      pinned.addAll(s.scratch());
      Map<Tensor, Long> at = new LinkedHashMap<>();
      for (Tensor t : s.externalInputs()) {
        if (!t.onChipCandidate()) {
          continue;
        }
        if (inDram.contains(t)) {
          place(t, i, pinned);
          inDram.remove(t);
          spills.add(new Spill(Spill.Kind.RELOAD, i, t.name(), t.kind().buffer(), t.residentBytes(),
              isLayerInput(s, t) ? "layer input from DRAM" : "read by " + s.name()));
        }
        at.put(t, resident.get(t));
      }
      for (Tensor t : s.outputs()) {
        if (!t.onChipCandidate()) {
          continue;
        }
        if (s.nodes().get(0).kind() == OpKind.LAYER_INPUT && options.inputInDram()) {
          inDram.add(t);
          everSpilled.add(t.name());
          continue;
        }
        place(t, i, pinned);
        at.put(t, resident.get(t));
        produced.add(t.name());
      }
      for (Tensor t : s.scratch()) {
        place(t, i, pinned);
        at.put(t, resident.get(t));
      }
      addresses.add(at);
      // Free what this step was the last to read, its scratch, and outputs nobody reads.
      for (Tensor t : s.scratch()) {
        release(t);
      }
      for (Tensor t : pinned) {
        if (resident.containsKey(t) && nextUse(t, i + 1) < 0 && !s.scratch().contains(t)) {
          boolean layerOutput = s.nodes().get(0).kind() == OpKind.LAYER_OUTPUT;
          if (layerOutput && options.outputToDram()) {
            spills.add(new Spill(Spill.Kind.STORE, i, t.name(), t.kind().buffer(), t.residentBytes(),
                "layer output to DRAM"));
            everSpilled.add(t.name());
          }
          if (!layerOutput) {
            release(t);
          }
        }
      }
    }
    Set<String> onChip = new HashSet<>(produced);
    onChip.removeAll(everSpilled);
    Map<Buffer, Long> cap = new EnumMap<>(Buffer.class);
    cap.put(Buffer.VEC, options.vecBytes());
    cap.put(Buffer.ACT, options.actBytes());
    return new BufferPlan(steps, addresses, spills, onChip, peak, cap);
  }

  private static boolean isLayerInput(Step s, Tensor t) {
    return t.name().equals("h");
  }

  private void place(Tensor t, int step, Set<Tensor> pinned) {
    Buffer b = t.kind().buffer();
    long bytes = align(t.residentBytes());
    while (true) {
      Long addr = firstFit(b, bytes);
      if (addr != null) {
        take(b, addr, bytes);
        resident.put(t, addr);
        used.merge(b, bytes, Long::sum);
        peak.merge(b, used.get(b), Math::max);
        return;
      }
      Tensor victim = null;
      int victimNext = -1;
      for (Tensor r : resident.keySet()) {
        if (r.kind().buffer() != b || pinned.contains(r)) {
          continue;
        }
        int next = nextUse(r, step);
        int key = next < 0 ? Integer.MAX_VALUE : next;
        if (victim == null || key > victimNext) {
          victim = r;
          victimNext = key;
        }
      }
      if (victim == null) {
        long need = pinned.stream().filter(p -> p.kind().buffer() == b).mapToLong(p -> align(p.residentBytes())).sum();
        throw new IllegalArgumentException("buffer " + b + " (" + capacity(b) + " bytes usable) cannot hold the operands of step '"
            + steps.get(step).name() + "': they need " + need + " bytes; use fewer tokens per chunk or a larger buffer");
      }
      spills.add(new Spill(Spill.Kind.STORE, step, victim.name(), b, victim.residentBytes(),
          "evicted for " + t.name()));
      everSpilled.add(victim.name());
      release(victim);
      inDram.add(victim);
    }
  }

  private long capacity(Buffer b) {
    return b == Buffer.VEC ? options.vecBytes() : options.actBytes();
  }

  /** The first step at or after {@code from} that reads t, or -1. */
  private int nextUse(Tensor t, int from) {
    for (int u : uses.getOrDefault(t, List.of())) {
      if (u >= from) {
        return u;
      }
    }
    return -1;
  }

  private static long align(long bytes) {
    return (bytes + ALIGN_BYTES - 1) / ALIGN_BYTES * ALIGN_BYTES;
  }

  private Long firstFit(Buffer b, long bytes) {
    for (Map.Entry<Long, Long> e : free.get(b).entrySet()) {
      if (e.getValue() - e.getKey() >= bytes) {
        return e.getKey();
      }
    }
    return null;
  }

  private void take(Buffer b, long addr, long bytes) {
    TreeMap<Long, Long> f = free.get(b);
    long end = f.remove(addr);
    if (end > addr + bytes) {
      f.put(addr + bytes, end);
    }
  }

  private void release(Tensor t) {
    Long addr = resident.remove(t);
    if (addr == null) {
      return;
    }
    Buffer b = t.kind().buffer();
    long bytes = align(t.residentBytes());
    used.merge(b, -bytes, Long::sum);
    TreeMap<Long, Long> f = free.get(b);
    long start = addr;
    long end = addr + bytes;
    Map.Entry<Long, Long> before = f.floorEntry(start);
    if (before != null && before.getValue() == start) {
      start = before.getKey();
      f.remove(before.getKey());
    }
    Long afterEnd = f.remove(end);
    if (afterEnd != null) {
      end = afterEnd;
    }
    f.put(start, end);
  }
}
