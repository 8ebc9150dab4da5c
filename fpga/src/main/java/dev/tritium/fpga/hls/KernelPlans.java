package dev.tritium.fpga.hls;

import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.models.packing.WeightPacking;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.unit.lut.LutCoreConfig;
import dev.tritium.simulator.unit.mac.TernaryMacArrayConfig;
import dev.tritium.simulator.unit.mac.WeightDatatype;

/**
 * Derives the kernel tiling from an arch config, the way the simulator's units consume work: the
 * weight-stationary MAC array holds a tile of {@code rows} (K) x {@code cols} (N) weights; the LUT
 * core reads {@code lookups_per_cycle} table entries per cycle for {@code table_sharing_rows} output
 * rows that share each table read.
 *
 * <p>This is the array level (what one cycle consumes). The weight-buffer tile, the unit and the packing
 * come from the mapper's tiling search ({@link MapperTiling}), the same description the simulated
 * program follows.
 */
public final class KernelPlans {

  /** Printed into kernel.h so that a reader knows where the tiling came from. */
  public static final String SOURCE = "the arch config's array shape (KernelPlans.derive)";

  private KernelPlans() {}

  /**
   * The plan for a unit; {@code requested} may name a packing (null: the unit's default: 2-bit codes on
   * the MAC array, the LUT core's own layout on the LUT core).
   */
  public static KernelPlan derive(ArchConfig arch, ComputeUnit unit, Packing requested) {
    return unit == ComputeUnit.MAC ? mac(arch, requested) : lut(arch, requested);
  }

  private static KernelPlan mac(ArchConfig arch, Packing requested) {
    TernaryMacArrayConfig m = arch.macArray();
    if (m.weightDatatype() != WeightDatatype.TERNARY) {
      throw new IllegalArgumentException("arch '" + arch.name() + "': mac_array.weight_datatype is "
          + m.weightDatatype().name().toLowerCase(java.util.Locale.ROOT) + "; export-hls needs ternary weights");
    }
    if (m.activationBits() != 8) {
      throw new IllegalArgumentException("arch '" + arch.name() + "': mac_array.activation_bits is "
          + m.activationBits() + "; export-hls needs int8 activations (8)");
    }
    Packing p = requested == null ? Packing.TWO_BIT : requested;
    if (p != Packing.TWO_BIT && p != Packing.BASE3 && p != Packing.SIGN_BITS) {
      throw new IllegalArgumentException("--packing " + p.modelsName() + " is a LUT-core layout; the MAC array reads "
          + "2bit, base3 or (binary weights) sign-bits");
    }
    return new KernelPlan(ComputeUnit.MAC, p, modelsPacking(p), m.cols(), m.rows(), 1, 0, 0, m.accumulatorBits(),
        arch.vectorUnit().lanes(), SOURCE);
  }

  private static KernelPlan lut(ArchConfig arch, Packing requested) {
    LutCoreConfig l = arch.lutCore();
    LutVariant variant = l.variant();
    Packing p = Packing.forLut(l.groupSize(), variant);
    if (p == null || p == Packing.BIT_PLANES) {
      throw new IllegalArgumentException("arch '" + arch.name() + "': lut_core.variant "
          + l.variant().name().toLowerCase(java.util.Locale.ROOT) + " with group_size " + l.groupSize()
          + " has no exportable layout; export-hls supports ternary_base3 (g = 2, 3, 4), ternary_mirror (g = 3),"
          + " binary and binary_mirror (g = 2, 4)");
    }
    if (requested != null && requested != p) {
      throw new IllegalArgumentException("--packing " + requested.modelsName() + ": the LUT core of arch '"
          + arch.name() + "' reads " + p.modelsName());
    }
    int needBits = 32 - Integer.numberOfLeadingZeros(128 * l.groupSize()) + 1;
    if (l.tableEntryBits() < needBits) {
      throw new IllegalArgumentException("arch '" + arch.name() + "': lut_core.table_entry_bits is "
          + l.tableEntryBits() + ", but a table of g = " + l.groupSize() + " int8 values needs " + needBits + " bits");
    }
    int rowsSharing = l.tableSharingRows();
    int groupsPerCycle = Math.max(1, l.lookupsPerCycle() / rowsSharing);
    return new KernelPlan(ComputeUnit.LUT, p, modelsPacking(p), rowsSharing, groupsPerCycle, l.groupSize(),
        variant.entriesPerTable(l.groupSize()), l.tableEntryBits(), arch.macArray().accumulatorBits(),
        arch.vectorUnit().lanes(), SOURCE);
  }

  /** The reference engine's packing of the same layout. */
  static WeightPacking modelsPacking(Packing p) {
    return WeightPackings.byName(p.modelsName());
  }
}
