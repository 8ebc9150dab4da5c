package dev.tritium.mapper.run;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.fp16act.CompiledFloatLinear;
import dev.tritium.mapper.fp16act.FloatLinearCrossCheck;
import dev.tritium.mapper.fp16act.FloatLinearLowering;
import dev.tritium.mapper.fp16act.FloatLinearPlan;
import dev.tritium.mapper.model.StandaloneProjections;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.mapper.tiling.SearchResult;
import dev.tritium.mapper.tiling.SimulatedCandidate;
import dev.tritium.mapper.tiling.TilingSearch;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.functional.MemoryTraffic;
import dev.tritium.simulator.memory.MachineState;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The seven projections of every layer of a model for {@code tokens} tokens in one weight format, simulated one
 * projection at a time and summed (each run alone, so no overlap between projections is assumed): the one figure
 * that every format the units run has, including the fp16-activation formats whose decoder layers are not lowered.
 * BitLinear formats take the tiling search's best mapping per projection on the allowed units; fp16-activation
 * formats run their sign-add program functionally on layer 0's seeded weights (the counts the energy needs depend on
 * the zeros), and every layer is counted as that one.
 *
 * @param latencyMs the projections' simulated time per token
 * @param dramMb DRAM bytes read and written per token, in MB
 * @param energyMj dynamic energy per token, in mJ
 * @param unit where they ran ({@code mac_array sign-add}, {@code lut_core}, ...)
 */
public record ProjectionFigures(double latencyMs, double dramMb, double energyMj, String unit) {

  /**
   * The figures of {@code format} on {@code arch}.
   *
   * @throws IllegalArgumentException when the units cannot run the format (naming what they lack)
   */
  public static ProjectionFigures of(ModelConfig c, ArchConfig arch, FormatPreset format, int tokens,
      Optional<ComputeUnit> unit) {
    double cycles = 0;
    double bytes = 0;
    double pj = 0;
    String where;
    if (StandaloneProjections.covers(format)) {
      // Each projection's own program (the estimate's), in chunks of tokens when the call's do not fit at once.
      SimulationRunner runner = new SimulationRunner(arch);
      // abq-wpaq on the unit asked for (MAC unless LUT); the others where their datapath is.
      StandaloneProjections projections = new StandaloneProjections(c, runner.target(), format,
          AcceleratorFormats.bitPlane(format) ? unit.orElse(ComputeUnit.MAC) : ComputeUnit.MAC);
      EnergyAccounting accounting = new EnergyAccounting(arch, CostModel.preset(CostModel.DEFAULT_PRESET,
          arch.technologyNodeNm()));
      for (LayerKind k : LayerKind.projections()) {
        StandaloneProjections.Chunked chunked = projections.chunked(k, tokens);
        SimulationResult r = runner.timingOnly(chunked.program());
        cycles += (double) r.cycles() * chunked.repeats();
        bytes += traffic(r.counts().traffic()) * chunked.repeats();
        pj += accounting.price(r.counts(), r.stats()).dynamicPj() * chunked.repeats();
      }
      where = projections.storedAs();
    } else if (AcceleratorFormats.signAdd(format)) {
      // The MAC array's sign-add path unless the LUT core's fp16 tables are asked for.
      ComputeUnit u = unit.orElse(ComputeUnit.MAC);
      SimulationRunner runner = new SimulationRunner(arch);
      FloatLinearLowering lowering = new FloatLinearLowering(runner.target(), u);
      EnergyAccounting accounting = new EnergyAccounting(arch, CostModel.preset(CostModel.DEFAULT_PRESET,
          arch.technologyNodeNm()));
      for (LayerKind k : LayerKind.projections()) {
        int n = k.outFeatures(c);
        int kk = k.inFeatures(c);
        FloatLinearPlan plan = FloatLinearPlan.of(format.name(), FloatLinearCrossCheck.weights(format, n, kk, 1,
            k.ordinal()));
        CompiledFloatLinear compiled = lowering.compile(plan, tokens);
        MachineState state = runner.newState();
        compiled.segments().forEach(s -> state.dram().write(s.addr(), s.bytes()));
        state.dram().writeFp32s(compiled.inputAddr(), new float[tokens * kk]);
        SimulationResult r = runner.functional(compiled.program(), state);
        cycles += r.cycles();
        bytes += traffic(r.counts().traffic());
        pj += accounting.price(r.counts(), r.stats()).dynamicPj();
      }
      where = u == ComputeUnit.MAC ? "mac_array sign-add" : "lut_core fp16 tables";
    } else {
      AcceleratorFormats.alphabet(format);
      TilingSearch search = BitLinearLayerMapper.search(arch);
      Set<ComputeUnit> units = unit.map(EnumSet::of).orElse(EnumSet.allOf(ComputeUnit.class));
      Set<String> used = new java.util.TreeSet<>();
      for (LayerKind k : LayerKind.projections()) {
        BitLinearShape s = new BitLinearShape(tokens, k.inFeatures(c), k.outFeatures(c),
            AcceleratorFormats.alphabet(format));
        SearchResult result = search.search(s, Objective.CYCLES, units, TilingSearch.defaultWeights(s));
        SimulatedCandidate best = result.best();
        cycles += best.cycles();
        bytes += traffic(best.simulation().counts().traffic());
        pj += best.energyPj();
        used.add(result.mapping().unit() == ComputeUnit.MAC ? "mac_array" : "lut_core");
      }
      where = String.join("+", used);
    }
    double layers = c.numLayers();
    double ms = cycles * layers / (arch.clockMhz() * 1e3) / tokens;
    return new ProjectionFigures(ms, bytes * layers / 1e6 / tokens, pj * layers / 1e9 / tokens, where);
  }

  private static double traffic(MemoryTraffic t) {
    return t.dramReadBytes() + t.dramWrittenBytes();
  }
}
