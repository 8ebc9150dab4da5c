package dev.tritium.simulator.energy.accounting;

/**
 * Where an energy entry is spent: the datapaths ({@link Compute}), one on-chip SRAM buffer
 * ({@link Sram}) or off-chip DRAM ({@link Dram}). Reports split energy by these levels because in decode
 * the memory side dominates.
 */
public sealed interface EnergyLevel permits EnergyLevel.Compute, EnergyLevel.Sram, EnergyLevel.Dram {

  /** Report label: {@code compute}, {@code sram.<buffer>} (arch config buffer name), {@code dram}. */
  String label();

  /** True for SRAM and DRAM. */
  default boolean memory() {
    return !(this instanceof Compute);
  }

  /** MAC array, LUT core, vector unit arithmetic. */
  record Compute() implements EnergyLevel {
    @Override
    public String label() {
      return "compute";
    }
  }

  /** One on-chip buffer, by its arch config name ({@code weight}, {@code activation}...). */
  record Sram(String buffer) implements EnergyLevel {
    @Override
    public String label() {
      return "sram." + buffer;
    }
  }

  /** Off-chip DRAM, interface included. */
  record Dram() implements EnergyLevel {
    @Override
    public String label() {
      return "dram";
    }
  }

  EnergyLevel COMPUTE = new Compute();
  EnergyLevel DRAM = new Dram();

  static EnergyLevel sram(String buffer) {
    return new Sram(buffer);
  }
}
