package dev.tritium.mapper.run;

import dev.tritium.isa.Buffer;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.SramBufferConfig;
import dev.tritium.simulator.energy.Action;
import dev.tritium.simulator.energy.EnergyModel;
import dev.tritium.simulator.energy.UnpricedException;
import dev.tritium.simulator.engine.Machine;
import dev.tritium.simulator.functional.ActionCounts;
import dev.tritium.simulator.functional.Fp32Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prices the functional model's {@link ActionCounts} with the energy tables, one line per action class
 * (glue until the simulator's energy package offers the same). Counts map to actions as follows:
 * MAC-array adds/subs/skips to {@code ternary_add/sub/skip{acc_bits}}; LUT build adds to
 * {@code lut_build_add{bits=table_entry_bits}}; LUT lookups read the LUT SRAM, which the LUT buffer's
 * read bits already price, and their accumulation adds are {@code int_add{bits=acc_bits}}; int8 MACs
 * to {@code int_mac{8,8,acc_bits}}; fp32 MUL/ADD/MAC to {@code fp_mult}/{@code fp_add}/{@code fp_mac}
 * (fp32); other fp32 ops (div, max, round, convert...) have no table entry and are listed unpriced;
 * SRAM bytes x 8 per buffer to {@code sram_read/sram_write{capacity_bytes, width_bits}}; DRAM bytes x 8
 * to {@code dram_read/dram_write{kind}}.
 */
public final class ActionEnergy {

  private final ArchConfig arch;
  private final EnergyModel model;

  public ActionEnergy(ArchConfig arch, EnergyModel model) {
    this.arch = Objects.requireNonNull(arch, "arch");
    this.model = Objects.requireNonNull(model, "model");
  }

  public int accBits() {
    return arch.macArray().accumulatorBits();
  }

  public Action ternaryAdd() {
    return Action.ternaryAdd(accBits());
  }

  public Action ternarySub() {
    return Action.ternarySub(accBits());
  }

  public Action ternarySkip() {
    return Action.ternarySkip(accBits());
  }

  public Action lutBuildAdd() {
    return Action.lutBuildAdd(arch.lutCore().tableEntryBits());
  }

  public Action lutAccumulateAdd() {
    return Action.intAdd(accBits());
  }

  public Action sramRead(Buffer b) {
    SramBufferConfig c = sram(b);
    return Action.sramRead(c.sizeBytes(), c.widthBits());
  }

  public Action sramWrite(Buffer b) {
    SramBufferConfig c = sram(b);
    return Action.sramWrite(c.sizeBytes(), c.widthBits());
  }

  public Action dramRead() {
    return Action.dramRead(arch.dram().kind().name().toLowerCase(Locale.ROOT));
  }

  public Action dramWrite() {
    return Action.dramWrite(arch.dram().kind().name().toLowerCase(Locale.ROOT));
  }

  /** A priced line (unpriced when no table has the action). */
  public EnergyLine line(String actionClass, Action action, long count) {
    try {
      return new EnergyLine(actionClass, action, count, model.price(action).pJ(), null);
    } catch (UnpricedException e) {
      return new EnergyLine(actionClass, action, count, Double.NaN, e.getMessage());
    }
  }

  /** Every action class of the counts with a non-zero count. */
  public List<EnergyLine> account(ActionCounts c) {
    List<EnergyLine> out = new ArrayList<>();
    if (c.macArray().known()) {
      add(out, "mac_array.ternary_add", ternaryAdd(), c.macArray().adds());
      add(out, "mac_array.ternary_sub", ternarySub(), c.macArray().subs());
      add(out, "mac_array.ternary_skip", ternarySkip(), c.macArray().skips());
    }
    add(out, "lut_core.build_add", lutBuildAdd(), c.lut().buildAdds());
    add(out, "lut_core.accumulate_add", lutAccumulateAdd(), c.lut().accumulateAdds());
    add(out, "int8_mac", Action.intMac(8, 8, accBits()), c.int8Macs());
    add(out, "vector.fp32_mult", Action.fpMult("fp32"), c.fp32Ops(Fp32Op.MUL));
    add(out, "vector.fp32_add", Action.fpAdd("fp32"), c.fp32Ops(Fp32Op.ADD));
    add(out, "vector.fp32_mac", Action.fpMac("fp32", "fp32"), c.fp32Ops(Fp32Op.MAC));
    for (Buffer b : Buffer.values()) {
      if (sram(b) == null) {
        continue;
      }
      String name = Machine.configBufferName(b);
      add(out, "sram." + name + ".read_bits", sramRead(b), 8 * c.traffic().sramReadBytes(b));
      add(out, "sram." + name + ".write_bits", sramWrite(b), 8 * c.traffic().sramWrittenBytes(b));
    }
    add(out, "dram.read_bits", dramRead(), 8 * c.traffic().dramReadBytes());
    add(out, "dram.write_bits", dramWrite(), 8 * c.traffic().dramWrittenBytes());
    return out;
  }

  /** Total of the priced lines, pJ. */
  public static double totalPj(List<EnergyLine> lines) {
    return lines.stream().mapToDouble(EnergyLine::totalPj).sum();
  }

  private void add(List<EnergyLine> out, String cls, Action a, long count) {
    if (count != 0) {
      out.add(line(cls, a, count));
    }
  }

  private SramBufferConfig sram(Buffer b) {
    return arch.buffers().get(Machine.configBufferName(b));
  }
}
