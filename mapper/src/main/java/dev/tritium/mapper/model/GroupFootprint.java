package dev.tritium.mapper.model;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.sram.SramBufferConfig;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.engine.UnitId;
import dev.tritium.simulator.stats.BufferStats;
import dev.tritium.simulator.stats.SimulationStats;
import dev.tritium.simulator.stats.UnitStats;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parts of the accelerator one program used in a timing-only run: the timed units that executed or
 * waited on something, and the SRAM buffers with any traffic or port time, read off the simulator's
 * per-unit and per-buffer stats. {@link #archView} keeps of an arch config exactly what such a program's
 * timing can depend on, so two arch configs with the same view give the program the same simulation.
 *
 * <p>Conservative by construction: the view keeps every arch field except the configs of units and
 * buffers the program did not touch and the name (a label); a stat row for a unit or buffer this class
 * does not know makes the footprint {@link #ALL}. A new {@link ArchConfig} component breaks the
 * compilation of {@link #archView} instead of silently leaving the key.
 */
public record GroupFootprint(Set<UnitId> units, Set<Buffer> buffers) {

  /** Everything: the view is the whole arch config (bar its name). */
  public static final GroupFootprint ALL = new GroupFootprint(EnumSet.allOf(UnitId.class), EnumSet.allOf(Buffer.class));

  public GroupFootprint {
    units = Collections.unmodifiableSet(units.isEmpty() ? EnumSet.noneOf(UnitId.class) : EnumSet.copyOf(units));
    buffers = Collections.unmodifiableSet(buffers.isEmpty() ? EnumSet.noneOf(Buffer.class) : EnumSet.copyOf(buffers));
  }

  /** What a run used: units with instructions or any accounted busy/wait cycles, buffers with any traffic. */
  public static GroupFootprint of(SimulationStats stats) {
    Set<UnitId> units = EnumSet.noneOf(UnitId.class);
    for (UnitStats u : stats.units()) {
      if (u.instructions() > 0 || u.busyCycles() > 0 || u.waitDataCycles() > 0) {
        UnitId id = unitNamed(u.unit());
        if (id == null) {
          return ALL;
        }
        units.add(id);
      }
    }
    Set<Buffer> buffers = EnumSet.noneOf(Buffer.class);
    for (BufferStats b : stats.buffers()) {
      if (b.bytesRead() > 0 || b.bytesWritten() > 0 || b.portBusyCycles() > 0 || b.portConflictCycles() > 0
          || b.bankConflictCycles() > 0) {
        Buffer buf = bufferNamed(b.buffer());
        if (buf == null) {
          return ALL;
        }
        buffers.add(buf);
      }
    }
    if (stats.dram().transfers() > 0 || stats.dram().busBytes() > 0) {
      units.add(UnitId.DMA_LOAD);
    }
    return new GroupFootprint(units, buffers);
  }

  /** True when every unit and buffer of {@code other} is in this footprint. */
  public boolean covers(GroupFootprint other) {
    return units.containsAll(other.units) && buffers.containsAll(other.buffers);
  }

  /** The smallest footprint covering both. */
  public GroupFootprint union(GroupFootprint other) {
    Set<UnitId> u = EnumSet.noneOf(UnitId.class);
    u.addAll(units);
    u.addAll(other.units);
    Set<Buffer> b = EnumSet.noneOf(Buffer.class);
    b.addAll(buffers);
    b.addAll(other.buffers);
    return new GroupFootprint(u, b);
  }

  /** True when the program moved data between DRAM and SRAM (so the DRAM and DMA configs matter). */
  public boolean movesData() {
    return units.contains(UnitId.DMA_LOAD) || units.contains(UnitId.DMA_STORE);
  }

  /**
   * {@code arch} with what this footprint did not touch cleared: name, MAC array, LUT core, vector
   * unit, unused buffers, and DRAM and DMA when no data moved. The clock (cycles of DMA transfers,
   * nanoseconds in the stats), the node, description and provenance stay.
   */
  public ArchConfig archView(ArchConfig arch) {
    Map<String, SramBufferConfig> kept = new LinkedHashMap<>();
    for (Map.Entry<String, SramBufferConfig> e : arch.buffers().entrySet()) {
      Buffer b = isaBuffer(e.getKey());
      if (b == null || buffers.contains(b)) {
        kept.put(e.getKey(), e.getValue());
      }
    }
    // Whether the arch has a sparse unit decides where GEMM.SP runs, so a footprint with vector work keeps it too:
    // a group timed with GEMM.SP on the lanes is not reused for an arch that runs it on a sparse unit.
    boolean vectorOrSparse = units.contains(UnitId.VECTOR_UNIT) || units.contains(UnitId.SPARSE_UNIT);
    return new ArchConfig("", arch.description(), arch.clockMhz(), arch.technologyNodeNm(),
        units.contains(UnitId.MAC_ARRAY) ? arch.macArray() : null,
        units.contains(UnitId.LUT_CORE) ? arch.lutCore() : null,
        units.contains(UnitId.VECTOR_UNIT) ? arch.vectorUnit() : null,
        kept,
        movesData() ? arch.dram() : null,
        movesData() ? arch.dma() : null,
        null, null, vectorOrSparse ? arch.sparseUnit() : null,
        arch.provenance(), java.util.Map.of());
  }

  private static UnitId unitNamed(String label) {
    for (UnitId u : UnitId.values()) {
      if (u.label().equals(label)) {
        return u;
      }
    }
    return null;
  }

  private static Buffer bufferNamed(String name) {
    for (Buffer b : Buffer.values()) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    return null;
  }

  /** The ISA buffer of an arch config buffer name, or null for a buffer the simulator does not map. */
  private static Buffer isaBuffer(String configName) {
    for (Buffer b : Buffer.values()) {
      if (Machine.configBufferName(b).equals(configName)) {
        return b;
      }
    }
    return null;
  }
}
