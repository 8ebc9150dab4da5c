package dev.tritium.mapper.schedule;

import dev.tritium.isa.Buffer;
import dev.tritium.mapper.graph.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where every tensor lives at every step.
 *
 * @param steps the schedule
 * @param addresses per step: byte address in its buffer of every tensor and scratch the step touches
 * @param spills every store to and reload from DRAM, in order
 * @param onChip tensors that never left the chip between producer and last consumer
 * @param peakBytes per buffer, the largest number of allocated bytes at any step
 * @param capacityBytes per buffer, the bytes the allocator could use
 */
public record BufferPlan(List<Step> steps, List<Map<Tensor, Long>> addresses, List<Spill> spills,
    Set<String> onChip, Map<Buffer, Long> peakBytes, Map<Buffer, Long> capacityBytes) {

  public BufferPlan {
    steps = List.copyOf(steps);
    addresses = List.copyOf(addresses);
    spills = List.copyOf(spills);
    onChip = Set.copyOf(onChip);
    peakBytes = Map.copyOf(peakBytes);
    capacityBytes = Map.copyOf(capacityBytes);
  }

  public long address(int step, Tensor t) {
    Long a = addresses.get(step).get(t);
    if (a == null) {
      throw new IllegalStateException("tensor " + t.name() + " is not on chip at step " + steps.get(step).name());
    }
    return a;
  }

  /** Spill events issued before {@code step}. */
  public List<Spill> spillsBefore(int step) {
    return spills.stream().filter(s -> s.step() == step).toList();
  }

  public long spilledBytes() {
    return spills.stream().mapToLong(Spill::bytes).sum();
  }

  /** One line per spill plus the on-chip summary. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Buffer b : List.of(Buffer.VEC, Buffer.ACT)) {
      sb.append(String.format(java.util.Locale.ROOT, "  %-3s peak %,d of %,d bytes%n", b, peakBytes.getOrDefault(b, 0L),
          capacityBytes.getOrDefault(b, 0L)));
    }
    sb.append("  on chip: ").append(String.join(", ", onChip.stream().sorted().toList())).append('\n');
    if (spills.isEmpty()) {
      sb.append("  spills: none\n");
    }
    for (Spill s : spills) {
      sb.append(String.format(java.util.Locale.ROOT, "  spill %-6s %-18s %,10d bytes before %s (%s)%n", s.kind(),
          s.tensor(), s.bytes(), steps.get(s.step()).name(), s.reason()));
    }
    return sb.toString();
  }
}
