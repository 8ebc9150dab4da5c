package dev.tritium.mapper.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.Load;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelPresets;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.engine.Machine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every program the mapper emits fits the 128-bit encoding, so what the simulator runs can also be written as a
 * binary and run on the HLS accelerator. A full-size 2B-4T decode at context 1024 reads K and V slices of
 * 1025 x 128 = 131,200 bytes per head, past the 17-bit row_bytes field: the builder splits such transfers.
 */
class EncodableProgramsTest {

  @Test
  void fullSizeDecodeAtLongContextsEncodes() {
    ModelConfig c = ModelPresets.byName("bitnet-b1.58-2b-4t");
    IsaTarget target = Machine.isaTarget(ArchConfigs.preset("edge-fpga"));
    for (ComputeUnit unit : ComputeUnit.values()) {
      for (int context : new int[] {1024, 2000}) {
        LayerShape shape = LayerShape.decode(context);
        ProjectionLowering p = new ProjectionLowering(target, unit);
        LayerProgram lp = new LayerCompiler(c, target, unit, new LayerCompiler.LayerDram(c, p, shape.tokens(),
            shape.maxKeys()), Map.of()).compile(shape);
        byte[] bin = ProgramBinary.encode(lp.program(), target);
        assertTrue(bin.length > 0);
      }
    }
  }

  @Test
  void anOverlongTransferIsSplitIntoPiecesCoveringTheSameBytesInOrder() {
    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.ACT, 64, 1 << 20, 1, 300_000, 0)));
    List<Load> loads = pb.finish().stream().filter(i -> i instanceof Load).map(i -> (Load) i).toList();
    // 300,000 bytes in pieces of 126,976 (31 pages): 126,976 + 126,976 + 46,048
    assertEquals(3, loads.size());
    long sram = 64;
    long dram = 1 << 20;
    long total = 0;
    for (Load l : loads) {
      assertEquals(sram, l.sramAddr());
      assertEquals(dram, l.dramAddr());
      sram += l.rowBytes();
      dram += l.rowBytes();
      total += l.rowBytes();
    }
    assertEquals(300_000, total);
    assertEquals(126_976, loads.get(0).rowBytes());
    // the token protocol is the list's: the first load pops, the last pushes
    assertTrue(loads.get(0).deps().popNext() && !loads.get(0).deps().pushNext());
    assertTrue(loads.get(2).deps().pushNext() && !loads.get(2).deps().popNext());
    List<Instruction> all = pb.finish();
    ProgramBinary.encode(all, 0);
  }
}
