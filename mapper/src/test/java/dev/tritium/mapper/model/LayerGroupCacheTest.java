package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Instruction;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.sim.SimulationResult;
import dev.tritium.mapper.sim.SimulationRunner;
import dev.tritium.mapper.schedule.LayerCompiler;
import dev.tritium.mapper.schedule.LayerProgram;
import dev.tritium.mapper.schedule.ProjectionLowering;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.models.count.LayerKind;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.unit.dram.DramConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.isa.LutVariant;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.engine.UnitId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerGroupCacheTest {

  private static final ModelConfig C = ModelPresets.byName("bitnet-b1.58-2b-4t");
  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga-mac");
  private static final LayerShape DECODE = LayerShape.decode(128);
  /** Report groups of one decoder layer, plus the whole layer, the embedding, final norm and LM head. */
  private static final int LOOKUPS_PER_ESTIMATE = compile(EDGE, ComputeUnit.MAC).groupPrograms().size() + 4;

  private static ArchConfig lut(ArchConfig a, int groupSize, int lookupsPerCycle, LutVariant variant) {
    LutCoreConfig l = a.lutCore();
    return a.withLutCore(new LutCoreConfig(groupSize, l.tableEntryBits(), l.tablesBuiltPerCycle(), lookupsPerCycle,
        variant, l.tableSharingRows()));
  }

  private static ArchConfig mac(ArchConfig a, int rows, int cols) {
    TernaryMacArrayConfig m = a.macArray();
    return a.withMacArray(m.withShape(rows, cols));
  }

  private static ArchConfig dram(ArchConfig a, double gbps) {
    DramConfig d = a.dram();
    return a.withDram(new DramConfig(d.kind(), gbps, d.latencyNs(), d.burstBytes()));
  }

  private static ArchConfig weightBytes(ArchConfig a, long bytes) {
    SramBufferConfig w = a.buffer("weight");
    return a.withBuffer("weight", new SramBufferConfig(bytes, w.banks(), w.ports(), w.widthBits()));
  }

  private static ModelEstimate uncached(ArchConfig arch, ComputeUnit unit) {
    return new ModelEstimator(C, arch, unit).estimate(DECODE);
  }

  private static ModelEstimate cached(ArchConfig arch, ComputeUnit unit, LayerGroupCache cache) {
    ModelEstimator e = new ModelEstimator(C, arch, unit);
    return new ModelEstimator(C, arch, unit, e.accounting(), cache).estimate(DECODE);
  }

  @Test
  void sharedCacheNeverChangesAnEstimate() {
    // Designs that share some groups' work and differ in others, for both units, through one cache:
    // every estimate (cycles, energy, per-group runs and the mapping text) equals a fresh uncached one.
    List<ArchConfig> archs = List.of(EDGE, lut(EDGE, 2, 64, LutVariant.TERNARY_BASE3),
        lut(EDGE, 4, 32, LutVariant.TERNARY_BASE3), mac(EDGE, 16, 64), mac(EDGE, 32, 128), dram(EDGE, 12.8),
        weightBytes(EDGE, 524288), EDGE.withClockMhz(300), mac(lut(EDGE, 2, 64, LutVariant.TERNARY_BASE3), 16, 64));
    LayerGroupCache cache = new LayerGroupCache();
    for (ComputeUnit unit : ComputeUnit.values()) {
      for (ArchConfig a : archs) {
        ModelEstimate want = uncached(a, unit);
        ModelEstimate got = cached(a, unit, cache);
        assertEquals(want, got, unit + " on " + a);
      }
    }
    LayerGroupCache.Stats s = cache.stats();
    assertTrue(s.hits() > 0, s.toString());
    assertEquals(0, s.footprintWidenings(), s.toString());
  }

  @Test
  void lutParametersAloneReuseEveryMacUnitGroup() {
    LayerGroupCache cache = new LayerGroupCache();
    List<ArchConfig> archs = List.of(EDGE, lut(EDGE, 2, 64, LutVariant.TERNARY_BASE3),
        lut(EDGE, 3, 16, LutVariant.TERNARY_MIRROR), lut(EDGE, 4, 128, LutVariant.BIT_SERIAL));
    for (ArchConfig a : archs) {
      cached(a, ComputeUnit.MAC, cache);
    }
    LayerGroupCache.Stats s = cache.stats();
    assertEquals(LOOKUPS_PER_ESTIMATE, s.misses(), s.toString());
    assertEquals((long) LOOKUPS_PER_ESTIMATE * (archs.size() - 1), s.hits(), s.toString());
  }

  @Test
  void lutParametersMissEveryGroupThatRunsOnTheLutCore() {
    // The LUT unit's projections use the LUT core: a different lookup rate must not reuse them. The
    // groups without LUT work (attention on the MAC array, norms, the LM head...) still hit.
    LayerGroupCache cache = new LayerGroupCache();
    cached(EDGE, ComputeUnit.LUT, cache);
    LayerGroupCache.Stats first = cache.stats();
    cached(lut(EDGE, 4, 32, LutVariant.TERNARY_BASE3), ComputeUnit.LUT, cache);
    LayerGroupCache.Stats second = cache.stats();
    long hits = second.hits() - first.hits();
    long misses = second.misses() - first.misses();
    // Seven projections plus the whole layer use the LUT core.
    assertEquals(8, misses, second.toString());
    assertEquals(LOOKUPS_PER_ESTIMATE - 8, hits, second.toString());
  }

  @Test
  void macArrayAloneReusesLutProjectionsButNotAttentionOrLmHead() {
    LayerGroupCache cache = new LayerGroupCache();
    ModelEstimator a = new ModelEstimator(C, EDGE, ComputeUnit.LUT, new ModelEstimator(C, EDGE, ComputeUnit.LUT)
        .accounting(), cache);
    ModelEstimator.LayerResult la = a.layer(DECODE);
    ArchConfig other = mac(EDGE, 16, 128);
    ModelEstimator b = new ModelEstimator(C, other, ComputeUnit.LUT, new ModelEstimator(C, other, ComputeUnit.LUT)
        .accounting(), cache);
    ModelEstimator.LayerResult lb = b.layer(DECODE);
    // Same stored run object for a LUT projection, a fresh one for attention (GEMM.I8 on the array).
    assertSame(la.groupRuns().get(LayerKind.Q_PROJ), lb.groupRuns().get(LayerKind.Q_PROJ));
    assertNotEquals(la.groupRuns().get(LayerKind.ATTENTION), lb.groupRuns().get(LayerKind.ATTENTION));
  }

  @Test
  void footprintComesFromTheUnitsAndBuffersTheRunUsed() {
    SimulationRunner runner = new SimulationRunner(EDGE);
    LayerProgram lp = compile(EDGE, ComputeUnit.MAC);
    GroupFootprint norms = GroupFootprint.of(runner.timingOnly(lp.groupPrograms().get(LayerKind.NORMS)).stats());
    assertTrue(norms.units().contains(UnitId.VECTOR_UNIT));
    assertTrue(!norms.units().contains(UnitId.MAC_ARRAY) && !norms.units().contains(UnitId.LUT_CORE), norms.toString());
    ArchConfig view = norms.archView(EDGE);
    assertNull(view.macArray());
    assertNull(view.lutCore());
    assertEquals(EDGE.vectorUnit(), view.vectorUnit());
    assertEquals("", view.name());
    GroupFootprint q = GroupFootprint.of(runner.timingOnly(lp.groupPrograms().get(LayerKind.Q_PROJ)).stats());
    assertTrue(q.units().contains(UnitId.MAC_ARRAY) && q.buffers().contains(Buffer.WGT), q.toString());
    assertTrue(q.movesData());
    assertEquals(EDGE.macArray(), q.archView(EDGE).macArray());
    assertEquals(EDGE.dram(), q.archView(EDGE).dram());
    assertTrue(GroupFootprint.ALL.covers(q) && !norms.covers(q) && norms.union(q).covers(norms));
    // A changed field the footprint keeps changes the view; one it drops does not.
    assertNotEquals(q.archView(EDGE), q.archView(mac(EDGE, 16, 64)));
    assertEquals(q.archView(EDGE), q.archView(lut(EDGE, 2, 64, LutVariant.TERNARY_BASE3)));
  }

  @Test
  void everyGroupRunsTheSameOnArchsItsFootprintCannotTellApart() {
    // The property the key rests on, checked on each group program of both units: change everything the
    // footprint drops (the unused units, unused buffers, the name) and the simulation is unchanged.
    for (ComputeUnit unit : ComputeUnit.values()) {
      LayerProgram lp = compile(EDGE, unit);
      List<List<Instruction>> programs = new ArrayList<>(lp.groupPrograms().values());
      programs.add(lp.program());
      for (List<Instruction> p : programs) {
        SimulationResult base = new SimulationRunner(EDGE).timingOnly(p);
        GroupFootprint fp = GroupFootprint.of(base.stats());
        ArchConfig changed = changeOutside(EDGE, fp);
        assertEquals(fp.archView(EDGE), fp.archView(changed));
        assertEquals(base, new SimulationRunner(changed).timingOnly(p), unit + " " + fp);
      }
    }
  }

  @Test
  void boundedCacheEvictsAndStillAnswersCorrectly() {
    LayerGroupCache small = new LayerGroupCache(400);
    for (ArchConfig a : List.of(EDGE, dram(EDGE, 12.8), EDGE)) {
      assertEquals(uncached(a, ComputeUnit.MAC), cached(a, ComputeUnit.MAC, small));
    }
    LayerGroupCache.Stats s = small.stats();
    assertTrue(s.programs() < LOOKUPS_PER_ESTIMATE, s.toString());
  }

  /** {@code a} with every unit, buffer and memory config the footprint dropped changed. */
  private static ArchConfig changeOutside(ArchConfig a, GroupFootprint fp) {
    ArchConfig x = a.withName("other");
    if (!fp.units().contains(UnitId.MAC_ARRAY)) {
      x = mac(x, 16, 128);
    }
    if (!fp.units().contains(UnitId.LUT_CORE)) {
      x = lut(x, 2, 8, LutVariant.TERNARY_MIRROR);
    }
    if (!fp.movesData()) {
      x = dram(x, 3.2);
    }
    for (Map.Entry<String, SramBufferConfig> e : a.buffers().entrySet()) {
      boolean used = fp.buffers().stream().anyMatch(b -> dev.tritium.simulator.engine.Machine.configBufferName(b)
          .equals(e.getKey()));
      if (!used) {
        SramBufferConfig b = e.getValue();
        x = x.withBuffer(e.getKey(), new SramBufferConfig(b.sizeBytes(), 1, 1, b.widthBits() / 2));
      }
    }
    return x;
  }

  private static LayerProgram compile(ArchConfig arch, ComputeUnit unit) {
    SimulationRunner runner = new SimulationRunner(arch);
    ProjectionLowering p = new ProjectionLowering(runner.target(), unit);
    return new LayerCompiler(C, runner.target(), unit, new LayerCompiler.LayerDram(C, p, DECODE.tokens(),
        DECODE.maxKeys()), Map.of()).compile(DECODE);
  }
}
