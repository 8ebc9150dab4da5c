package dev.tritium.mapper.schedule;

import dev.tritium.isa.Instruction;
import dev.tritium.mapper.graph.DecoderGraph;
import dev.tritium.models.count.LayerKind;
import java.util.List;

/**
 * A compiled decoder layer: its chunks (each a graph over {@code chunkTokens} tokens with its buffer
 * plan) and the program. {@code stepPrograms} are the same instructions cut per report group, each
 * self-contained (tokens balanced, prologue included), to attribute simulated cycles to groups.
 *
 * @param chunkTokens tokens per chunk (1 for decode; prefill processes the layer chunk by chunk)
 * @param chunks chunk graphs in order
 * @param plans their buffer plans
 * @param program the whole layer, FINISH included
 * @param groupPrograms per report group (q_proj ... residual), standalone programs
 * @param probeSites where the functional cross-check observes {@code program}, in program order
 * @param streamed compiled in phases ({@code StreamedLayerCompiler}): the residual stream in and out
 *     of the layer is in DRAM and {@code plans} is empty
 */
public record LayerProgram(int chunkTokens, List<DecoderGraph> chunks, List<BufferPlan> plans,
    List<Instruction> program, java.util.Map<LayerKind, List<Instruction>> groupPrograms,
    List<ProbeSite> probeSites, boolean streamed) {

  public LayerProgram {
    chunks = List.copyOf(chunks);
    plans = List.copyOf(plans);
    program = List.copyOf(program);
    probeSites = List.copyOf(probeSites);
    groupPrograms = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(groupPrograms));
  }

  /** True when the layer reads its input rows from DRAM and writes its output rows there. */
  public boolean residualInDram() {
    return streamed || chunkTokens < chunks.stream().mapToInt(g -> g.shape().tokens()).sum();
  }

  /** How the layer is scheduled, for printed mappings. */
  public String describe() {
    if (streamed) {
      return String.format(java.util.Locale.ROOT, "prefill in phases: %d token(s) per chunk x %d chunk(s); each"
          + " projection once per chunk (m = %d), tiled over N; vector ops in row passes between them; fp32"
          + " activations through DRAM%n", chunkTokens, chunks.size(), chunkTokens);
    }
    return String.format(java.util.Locale.ROOT, "%d token(s) per chunk x %d chunk(s), whole layer per chunk%n"
        + "buffer plan of the first chunk:%n%s", chunkTokens, chunks.size(), plans.get(0).render());
  }
}
