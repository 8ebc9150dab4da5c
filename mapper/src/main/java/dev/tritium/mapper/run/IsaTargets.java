package dev.tritium.mapper.run;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.LutCoreConfig;
import dev.tritium.simulator.config.SramBufferConfig;
import dev.tritium.simulator.engine.Machine;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The ISA-visible facts of an arch config (glue that the simulator does not provide yet): buffer
 * sizes by {@link Machine#configBufferName}, the MAC array shape, the LUT core's g and variant, the
 * vector lanes, and the packings the units read (2bit and base3 on the MAC array, the LUT core's own
 * layout).
 */
public final class IsaTargets {

  private IsaTargets() {}

  public static IsaTarget of(ArchConfig arch) {
    LutCoreConfig l = arch.lutCore();
    LutUnit lut = new LutUnit(l.groupSize(), LutVariant.valueOf(l.variant().name()));
    Set<Packing> packings = EnumSet.of(Packing.TWO_BIT, Packing.BASE3);
    Packing lutPacking = lut.packing();
    if (lutPacking != null) {
      packings.add(lutPacking);
    }
    return new IsaTarget(arch.name(), size(arch, Buffer.WGT), size(arch, Buffer.ACT),
        size(arch, Buffer.ACC), size(arch, Buffer.LUT),
        size(arch, Buffer.VEC), arch.macArray().rows(), arch.macArray().cols(), Optional.of(lut),
        arch.vectorUnit().lanes(), packings);
  }

  private static long size(ArchConfig arch, Buffer b) {
    SramBufferConfig c = arch.buffers().get(Machine.configBufferName(b));
    return c == null ? 0 : c.sizeBytes();
  }
}
